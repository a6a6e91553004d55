"""Analysis tests of rules_pystatic: the build-time errors and what the rules generate."""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts", "unittest")
load("@rules_python//python:defs.bzl", "PyInfo")
load("//rules:defs.bzl", "PyStaticExtensionInfo")
load("//rules/private:naming.bzl", "init_symbol")  # buildifier: disable=bzl-visibility

def _expect_failure_impl(ctx):
    env = analysistest.begin(ctx)
    for fragment in ctx.attr.messages:
        asserts.expect_failure(env, fragment)
    return analysistest.end(env)

expect_failure_test = analysistest.make(
    _expect_failure_impl,
    expect_failure = True,
    attrs = {"messages": attr.string_list(doc = "Fragments the failure message must contain.")},
)

def _file_write_content(env, suffix):
    for action in analysistest.target_actions(env):
        for output in action.outputs.to_list():
            if output.path.endswith(suffix) and action.mnemonic == "FileWrite":
                return action.content
    asserts.true(env, False, "no FileWrite action writes *" + suffix)
    return ""

def _generated_sources_impl(ctx):
    env = analysistest.begin(ctx)
    registry = _file_write_content(env, "/registry.c")
    lines = [line.strip() for line in registry.split("\n")]
    entries = [line for line in lines if line.startswith("{") and line.endswith("*/")]
    asserts.equals(env, ctx.attr.expected_entries, entries)
    asserts.true(env, "780,  /* Python 3.12 */" in registry, "registry must record Python 3.12:\n" + registry)
    program = _file_write_content(env, "/program.c")
    for fragment in ctx.attr.expected_program:
        asserts.true(env, fragment in program, "program.c lacks {}:\n{}".format(fragment, program))
    return analysistest.end(env)

generated_sources_test = analysistest.make(
    _generated_sources_impl,
    attrs = {
        "expected_entries": attr.string_list(),
        "expected_program": attr.string_list(),
    },
)

def _extension_info_impl(ctx):
    env = analysistest.begin(ctx)
    info = analysistest.target_under_test(env)[PyStaticExtensionInfo]
    asserts.equals(env, ctx.attr.module, info.module)
    asserts.equals(env, ctx.attr.symbol, info.init_symbol)
    asserts.equals(env, "3.12", info.python_version)
    asserts.true(env, info.shared_library.basename.endswith(".so"), "shared_library must be a .so")
    actions = [a.mnemonic for a in analysistest.target_actions(env)]
    asserts.true(env, "PyStaticIsolate" in actions, "no PyStaticIsolate action: " + str(actions))

    return analysistest.end(env)

extension_info_test = analysistest.make(
    _extension_info_impl,
    attrs = {"module": attr.string(), "symbol": attr.string()},
)

def _import_root_impl(ctx):
    env = analysistest.begin(ctx)
    target = analysistest.target_under_test(env)
    asserts.equals(env, ctx.attr.imports, target[PyInfo].imports.to_list())
    return analysistest.end(env)

# Where a plain py_binary finds the extension's .so: PyInfo.imports.
import_root_test = analysistest.make(
    _import_root_impl,
    attrs = {"imports": attr.string_list()},
)

def _naming_test_impl(ctx):
    env = unittest.begin(ctx)
    cases = {
        # Must equal `isolate_extension.sh --print-symbol` (tests/integration checks the tool).
        "_speedups": "PyStatic_Init_9_speedups",
        "a._speedups": "PyStatic_Init_1a9_speedups",
        "pkg.sub._mod": "PyStatic_Init_3pkg3sub4_mod",
        # "a.b_c" and "a_b.c" must not collide, nor "ab.c" and "a.bc".
        "a.b_c": "PyStatic_Init_1a3b_c",
        "a_b.c": "PyStatic_Init_3a_b1c",
        "ab.c": "PyStatic_Init_2ab1c",
        "a.bc": "PyStatic_Init_1a2bc",
        # UTF-8 bytes as Starlark sees them (one Latin-1 char per byte): "pkg.é".
        "pkg.\303\251": "PyStatic_Init_3pkgu4_c3a9",
        "pkg.caf\303\251": "PyStatic_Init_3pkgu10_636166c3a9",
    }
    for module, expected in cases.items():
        asserts.equals(env, expected, init_symbol(module), "init_symbol(%r)" % module)
    return unittest.end(env)

naming_test = unittest.make(_naming_test_impl)
