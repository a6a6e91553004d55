"""Unit tests of the PYTHON.json -> BUILD translation (toolchain/private/standalone_build.bzl).

`standalone_plan_test` checks the plan and every validation message on the
small PYTHON.json below; `standalone_render` writes the generated files, which
//tests/toolchain:golden_test compares with tests/toolchain/golden/.
"""

load("@bazel_skylib//lib:unittest.bzl", "asserts", "unittest")
load("//toolchain/private:standalone_build.bzl", "render_build", "render_core_inittab", "render_stdlib_inittab", "standalone_plan")  # buildifier: disable=bzl-visibility

# A PYTHON.json shaped like python-build-standalone's (schema 8), cut down to
# what the translation reads: two core objects with one basename, the
# inittab object, core links (system and static), in-core modules (one with
# a null init_fn), an extension whose links are listed in name order but
# depend the other way (_ssl: crypto, ssl), two extensions sharing an object
# (math, cmath: _math.o), one with two variants (readline), and one with no
# objects (_tkinter: left to lib-dynload).
PYTHON_JSON = """
{
  "version": "8",
  "target_triple": "x86_64-unknown-linux-gnu",
  "build_options": "pgo",
  "crt_features": ["glibc-dynamic", "glibc-max-symbol-version:2.19"],
  "python_version": "3.12.8",
  "python_major_minor_version": "3.12",
  "python_implementation_hex_version": 51120368,
  "python_exe": "install/bin/python3.12",
  "python_paths": {"include": "install/include/python3.12", "stdlib": "install/lib/python3.12"},
  "python_stdlib_test_packages": ["test", "idlelib.idle_test"],
  "python_symbol_visibility": "global-default",
  "python_config_vars": {"CFLAGS": "-fno-strict-overflow -Wsign-compare -DNDEBUG -g -O3 -Wall", "EXT_SUFFIX": ".cpython-312-x86_64-linux-gnu.so", "Py_GIL_DISABLED": "0"},
  "build_info": {
    "core": {
      "objs": ["build/Objects/abstract.o", "build/Python/abstract.o", "build/Modules/config.o", "build/Modules/main.o"],
      "links": [{"name": "dl", "system": true}, {"name": "m", "system": true}, {"name": "mpdec", "path_static": "build/lib/libmpdec.a"}]
    },
    "inittab_object": "build/Modules/config.o",
    "inittab_source": "build/Modules/config.c",
    "inittab_cflags": ["-std=c99", "-DNDEBUG", "-DPy_BUILD_CORE"],
    "object_file_format": "elf",
    "extensions": {
      "posix": [{"in_core": true, "init_fn": "PyInit_posix", "links": [], "objs": [], "required": true, "variant": "default"}],
      "sys": [{"in_core": true, "init_fn": null, "links": [], "objs": [], "required": true, "variant": "default"}],
      "_ssl": [{"in_core": false, "init_fn": "PyInit__ssl", "objs": ["build/Modules/_ssl.o"], "required": false, "variant": "default", "licenses": ["Apache-2.0"],
                "links": [{"name": "crypto", "path_static": "build/lib/libcrypto.a"}, {"name": "ssl", "path_static": "build/lib/libssl.a"}, {"name": "dl", "system": true}]}],
      "math": [{"in_core": false, "init_fn": "PyInit_math", "objs": ["build/Modules/_math.o", "build/Modules/mathmodule.o"], "links": [{"name": "m", "system": true}], "required": false, "variant": "default"}],
      "cmath": [{"in_core": false, "init_fn": "PyInit_cmath", "objs": ["build/Modules/_math.o", "build/Modules/cmathmodule.o"], "links": [{"name": "m", "system": true}], "required": false, "variant": "default"}],
      "readline": [
        {"in_core": false, "init_fn": "PyInit_readline", "objs": ["build/Modules/readline-libedit.o"], "links": [{"name": "edit", "path_static": "build/lib/libedit.a"}], "required": false, "variant": "libedit"},
        {"in_core": false, "init_fn": "PyInit_readline", "objs": ["build/Modules/readline.o"], "links": [{"name": "readline", "path_static": "build/lib/libreadline.a"}], "required": false, "variant": "default"}
      ],
      "_tkinter": [{"in_core": false, "init_fn": "PyInit__tkinter", "objs": [], "links": [], "required": false, "variant": "default"}]
    }
  }
}
"""

def _info(**overrides):
    info = json.decode(PYTHON_JSON)
    info.update(overrides)
    return info

def _plan(**kwargs):
    result = standalone_plan(json.decode(PYTHON_JSON), name = "py", version = "3.12", **kwargs)
    if result.error:
        fail(result.error)
    return result.plan

def _plan_test_impl(ctx):
    env = unittest.begin(ctx)
    plan = _plan()
    asserts.equals(env, [("_ssl", "PyInit__ssl"), ("cmath", "PyInit_cmath"), ("math", "PyInit_math"), ("readline", "PyInit_readline")], plan.static_modules)
    asserts.equals(env, [("posix", "PyInit_posix"), ("sys", None)], plan.in_core_modules)
    asserts.equals(env, ["_tkinter"], plan.not_linked)

    # The inittab object is replaced by a generated one; _math.o once.
    asserts.equals(env, ["build/Objects/abstract.o", "build/Python/abstract.o", "build/Modules/main.o"], plan.core_objs)
    asserts.equals(env, ["build/Modules/_ssl.o", "build/Modules/_math.o", "build/Modules/cmathmodule.o", "build/Modules/mathmodule.o", "build/Modules/readline.o"], plan.extension_objs)
    asserts.equals(env, ["build/lib/libcrypto.a", "build/lib/libssl.a", "build/lib/libreadline.a"], plan.extension_static_libs)
    asserts.equals(env, ["-ldl", "-lm"], plan.extension_linkopts)
    asserts.equals(env, ["-ldl", "-lm"], plan.core_linkopts)
    asserts.equals(env, ["build/lib/libmpdec.a"], plan.core_static_libs)
    asserts.equals(env, ["-fno-strict-overflow", "-DNDEBUG"], plan.copts)
    asserts.equals(env, 51120368, plan.hexversion)
    asserts.equals(env, {"_ssl": ["Apache-2.0"]}, plan.extension_licenses)
    asserts.true(env, "install/lib/python3.12/idlelib/idle_test/**" in plan.stdlib_excludes)

    # extension_variants and exclude_extensions.
    plan = _plan(extension_variants = {"readline": "libedit"}, exclude_extensions = ["_ssl"])
    asserts.equals(env, ["build/Modules/_math.o", "build/Modules/cmathmodule.o", "build/Modules/mathmodule.o", "build/Modules/readline-libedit.o"], plan.extension_objs)
    asserts.equals(env, ["build/lib/libedit.a"], plan.extension_static_libs)
    asserts.equals(env, ["_ssl", "_tkinter"], plan.not_linked)

    # Older schemas: hexversion from python_version, paths from python_include/python_stdlib.
    info = _info(
        version = "5",
        python_implementation_hex_version = None,
        python_paths = None,
        python_include = "install/include/python3.12",
        python_stdlib = "install/lib/python3.12",
    )
    info.pop("python_implementation_hex_version")
    result = standalone_plan(info, name = "py", version = "3.12")
    asserts.equals(env, None, result.error)
    asserts.equals(env, 0x030c08f0, result.plan.hexversion)
    asserts.equals(env, "install/lib/python3.12", result.plan.stdlib)
    result = standalone_plan(_info(python_implementation_hex_version = "0x30c08f0"), name = "py", version = "3.12")
    asserts.equals(env, 0x030c08f0, result.plan.hexversion)

    # The generated C.
    plan = _plan()
    asserts.true(env, "struct _inittab pystatic_stdlib_inittab[] = {\n    {\"_ssl\", PyInit__ssl},\n" in render_stdlib_inittab(plan))
    asserts.true(env, "    {\"sys\", NULL},\n    {NULL, NULL},\n};" in render_core_inittab(plan))
    return unittest.end(env)

standalone_plan_test = unittest.make(_plan_test_impl)

_BITCODE = json.decode(PYTHON_JSON)["build_info"]
_BITCODE["object_file_format"] = "llvm-bitcode:19.1.6"

# (overrides of PYTHON.json, keyword arguments, start of the message after the rule's name)
_ERRORS = [
    ({"version": "4"}, {}, "PYTHON.json has schema version \"4\"; this rules_pystatic reads versions 5, 6, 7, 8."),
    ({"python_major_minor_version": "3.11", "python_version": "3.11.9"}, {}, "the archive is Python 3.11.9 (PYTHON.json python_version), but version = \"3.12\"."),
    ({"build_options": "pgo+lto+freethreaded"}, {}, "the archive is a free-threaded build; it is not supported yet"),
    ({"python_config_vars": {"Py_GIL_DISABLED": "1"}}, {}, "the archive is a free-threaded build; it is not supported yet"),
    ({"build_info": _BITCODE}, {}, "build_info.object_file_format is \"llvm-bitcode:19.1.6\"; the objects must be ELF."),
    ({"target_triple": "x86_64-unknown-linux-musl", "crt_features": ["static"]}, {}, "the archive is for target_triple \"x86_64-unknown-linux-musl\""),
    ({"build_info": None}, {}, "PYTHON.json has no build_info.core/build_info.extensions: this is not a python-build-standalone \"full\" archive."),
    ({}, {"exclude_extensions": ["_nosuch"]}, "exclude_extensions names \"_nosuch\", which is not an extension of this archive; it has: _ssl, _tkinter, cmath, math, posix, readline, sys"),
    ({}, {"extension_variants": {"readline": "gnu"}}, "extension_variants[\"readline\"] = \"gnu\", but PYTHON.json has only the variants [\"libedit\", \"default\"]"),
    ({"python_exe": ""}, {}, "PYTHON.json has no python_exe"),
]

def _errors_test_impl(ctx):
    env = unittest.begin(ctx)
    for overrides, kwargs, message in _ERRORS:
        result = standalone_plan(_info(**overrides), name = "py", version = "3.12", **kwargs)
        want = "pystatic_standalone_python(name = \"py\"): " + message
        asserts.true(env, result.error != None and result.error.startswith(want), "want %r, got %r" % (want, result.error))
    return unittest.end(env)

standalone_errors_test = unittest.make(_errors_test_impl)

def _render_impl(ctx):
    plan = _plan(extension_variants = ctx.attr.extension_variants, exclude_extensions = ctx.attr.exclude_extensions)
    outs = []
    for suffix, content in [(".BUILD", render_build(plan, "install/lib/python3.12/lib-dynload")), ("_core_inittab.c", render_core_inittab(plan)), ("_stdlib_inittab.c", render_stdlib_inittab(plan))]:
        out = ctx.actions.declare_file(ctx.label.name + suffix)
        ctx.actions.write(out, content)
        outs.append(out)
    return [DefaultInfo(files = depset(outs), runfiles = ctx.runfiles(files = outs))]

standalone_render = rule(
    implementation = _render_impl,
    doc = "Writes the files the translation generates for the test PYTHON.json.",
    attrs = {
        "exclude_extensions": attr.string_list(),
        "extension_variants": attr.string_dict(),
    },
)

def _golden_test_impl(ctx):
    generated = ctx.files.generated
    golden = ctx.files.golden
    if len(generated) != len(golden):
        fail("{}: {} generated files, {} golden ones".format(ctx.label, len(generated), len(golden)))
    lines = ["#!/usr/bin/env bash", "status=0"]
    for gen, want in zip(generated, golden):
        lines.append("diff -u '{want}' '{gen}' || {{ echo 'golden_test: {gen} differs from {want}' >&2; status=1; }}".format(
            want = want.short_path,
            gen = gen.short_path,
        ))
    lines.append("exit $status")
    script = ctx.actions.declare_file(ctx.label.name + ".sh")
    ctx.actions.write(script, "\n".join(lines) + "\n", is_executable = True)
    return [DefaultInfo(executable = script, runfiles = ctx.runfiles(files = generated + golden))]

golden_test = rule(
    implementation = _golden_test_impl,
    doc = "Passes when each generated file equals the golden file at the same position.",
    attrs = {
        "generated": attr.label_list(allow_files = True),
        "golden": attr.label_list(allow_files = True),
    },
    test = True,
)
