"""PYTHON.json (python-build-standalone) -> the toolchain repository's BUILD file.

Pure functions, no repository_ctx: `standalone_plan` checks a decoded
PYTHON.json and decides what to link; `render_build`, `render_core_inittab`
and `render_stdlib_inittab` turn the plan into files. The repository rule
(standalone_python.bzl) does the I/O; tests/toolchain/standalone_build_test.bzl
tests these on a small PYTHON.json.

The fields read (schema versions 5 to 8, see python-build-standalone's
docs/distributions.rst): version, python_major_minor_version (or
python_version), python_implementation_hex_version, python_exe, python_paths
(include, stdlib; or the older python_include, python_stdlib),
python_stdlib_test_packages, python_config_vars (CFLAGS, EXT_SUFFIX,
Py_GIL_DISABLED), python_suffixes.extension, python_symbol_visibility,
target_triple, crt_features, build_options, python_abi_tag, licenses, and build_info:
core.objs, core.links, extensions.<name>[].{in_core, init_fn, objs, links,
required, variant, licenses}, inittab_object (build_info's, or core's), and
object_file_format.
"""

SUPPORTED_SCHEMA_VERSIONS = ["5", "6", "7", "8"]

# Flags from the build's CFLAGS that change what C code means (as for the
# local toolchain; see local_python.bzl).
_SEMANTIC_CFLAGS = ["-fwrapv", "-fno-strict-overflow", "-fno-strict-aliasing", "-DNDEBUG"]

# Stdlib parts a program never imports, beyond PYTHON.json's test packages.
_STDLIB_EXCLUDES = [
    "site-packages/**",
    "idlelib/**",
    "turtledemo/**",
    "ensurepip/_bundled/**",
    "config-*/**",
    "**/__pycache__/**",
    "**/* *",
]

def _err(plan_name, msg):
    return struct(error = "pystatic_standalone_python(name = \"{}\"): {}".format(plan_name, msg), plan = None)

def _major_minor(info):
    mm = info.get("python_major_minor_version")
    if mm:
        return mm
    parts = info.get("python_version", "").split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else ""

def _hexversion(info):
    hexversion = info.get("python_implementation_hex_version")
    if type(hexversion) == "string" and hexversion.startswith("0x"):
        return int(hexversion[2:], 16)
    if hexversion != None:
        return int(hexversion)

    # Older schemas: from python_version, as a final release.
    parts = (info.get("python_version", "0.0.0").split(".") + ["0", "0"])[:3]
    digits = []
    for p in parts:
        d = ""
        for c in p.elems():
            if not c.isdigit():
                break
            d += c
        digits.append(int(d or "0"))
    return (digits[0] << 24) | (digits[1] << 16) | (digits[2] << 8) | 0xf0

def _path(info, key, old_key):
    paths = info.get("python_paths") or {}
    return paths.get(key) or info.get(old_key) or ""

def _free_threaded(info):
    if "freethreaded" in info.get("build_options", "").split("+"):
        return True
    if (info.get("python_config_vars") or {}).get("Py_GIL_DISABLED", "0") not in ("0", "", "None"):
        return True
    return "t" in (info.get("python_abi_tag") or "")

def _choose_variant(name, variants, wanted):
    """The variant named in extension_variants, else "default", else the first."""
    if wanted:
        for v in variants:
            if v.get("variant") == wanted:
                return v, None
        return None, "extension_variants[\"{}\"] = \"{}\", but PYTHON.json has only the variants {}".format(
            name,
            wanted,
            [v.get("variant") for v in variants],
        )
    for v in variants:
        if v.get("variant", "default") == "default":
            return v, None
    return variants[0], None

def _link_flags_and_libs(links, what):
    """(["-lfoo"], ["build/lib/libbar.a"], error) of a `links` array."""
    flags = []
    libs = []
    for link in links:
        if link.get("path_static"):
            libs.append(link["path_static"])
        elif link.get("system"):
            flags.append("-l" + link["name"])
        elif link.get("framework"):
            return None, None, "{} links the macOS framework {}; only Linux archives are supported".format(what, link["name"])
        elif link.get("path_dynamic"):
            return None, None, "{} links {} only as a shared library ({}); rules_pystatic links static libraries".format(what, link["name"], link["path_dynamic"])
        else:
            flags.append("-l" + link["name"])
    return flags, libs, None

def _add_all(out, items):
    for item in items:
        if item not in out:
            out.append(item)

def standalone_plan(info, name, version, exclude_extensions = [], extension_variants = {}):
    """Checks a decoded PYTHON.json and decides what the toolchain links.

    Args:
      info: dict, the decoded PYTHON.json.
      name: the repository's name, for messages.
      version: "3.X", the version the archive must have.
      exclude_extensions: extension names to leave out of the binary (they
        stay .so files if the archive has them in lib-dynload).
      extension_variants: {extension name: variant} overriding the default.

    Returns:
      struct(error = string or None, plan = struct or None).
    """
    schema = str(info.get("version", ""))
    if schema not in SUPPORTED_SCHEMA_VERSIONS:
        return _err(name, "PYTHON.json has schema version \"{}\"; this rules_pystatic reads versions {}. Use an archive from a python-build-standalone release that writes one of those, or a newer rules_pystatic".format(schema, ", ".join(SUPPORTED_SCHEMA_VERSIONS)))
    mm = _major_minor(info)
    if mm != version:
        return _err(name, "the archive is Python {} (PYTHON.json python_version), but version = \"{}\". Point urls at a CPython {} archive, or change version".format(info.get("python_version", mm), version, version))
    triple = info.get("target_triple", "")
    if triple and ("-linux-" not in triple or "musl" in triple):
        return _err(name, "the archive is for target_triple \"{}\"; rules_pystatic's standalone toolchain links glibc Linux archives (*-unknown-linux-gnu)".format(triple))
    crt = info.get("crt_features") or []
    if "static" in crt:
        return _err(name, "the archive links its C runtime statically (crt_features {}); use a *-unknown-linux-gnu archive".format(crt))
    if _free_threaded(info):
        return _err(name, "the archive is a free-threaded build; it is not supported yet")
    visibility = info.get("python_symbol_visibility", "global-default")
    if visibility != "global-default":
        return _err(name, "python_symbol_visibility is \"{}\"; only \"global-default\" (Linux) archives are supported".format(visibility))
    build_info = info.get("build_info")
    if not build_info or "core" not in build_info or "extensions" not in build_info:
        return _err(name, "PYTHON.json has no build_info.core/build_info.extensions: this is not a python-build-standalone \"full\" archive. Use a *-full.tar.zst archive")
    fmt = build_info.get("object_file_format", "elf")
    if fmt != "elf":
        return _err(name, "build_info.object_file_format is \"{}\"; the objects must be ELF. LTO builds ship LLVM bitcode: use an archive whose build options have no \"lto\" (e.g. \"pgo\" or \"noopt\")".format(fmt))

    include = _path(info, "include", "python_include")
    stdlib = _path(info, "stdlib", "python_stdlib")
    exe = info.get("python_exe") or ""
    for key, value in [("python_paths.include (python_include)", include), ("python_paths.stdlib (python_stdlib)", stdlib), ("python_exe", exe)]:
        if not value:
            return _err(name, "PYTHON.json has no {}".format(key))

    extensions = build_info["extensions"]
    for ext in exclude_extensions:
        if ext not in extensions:
            return _err(name, "exclude_extensions names \"{}\", which is not an extension of this archive; it has: {}".format(ext, ", ".join(sorted(extensions.keys()))))
    for ext in extension_variants:
        if ext not in extensions:
            return _err(name, "extension_variants names \"{}\", which is not an extension of this archive".format(ext))

    inittab_object = build_info.get("inittab_object") or build_info["core"].get("inittab_object") or ""
    core_objs = [o for o in build_info["core"].get("objs", []) if o != inittab_object]
    core_flags, core_libs, error = _link_flags_and_libs(build_info["core"].get("links", []), "build_info.core")
    if error:
        return _err(name, error)

    in_core = []  # (name, init_fn or None)
    static = []  # (name, init_fn)
    ext_objs = []
    ext_flags = []
    ext_libs = []
    not_linked = []  # extensions with no objects, left to lib-dynload (or absent)
    licenses = {}  # linked extension -> SPDX identifiers of the libraries it links
    for ext in sorted(extensions.keys()):
        variants = extensions[ext]
        if not variants:
            continue
        chosen, error = _choose_variant(ext, variants, extension_variants.get(ext, ""))
        if error:
            return _err(name, error)
        if chosen.get("in_core"):
            in_core.append((ext, chosen.get("init_fn")))
            continue
        if ext in exclude_extensions:
            if chosen.get("required"):
                return _err(name, "exclude_extensions names \"{}\", which PYTHON.json marks as required to start the interpreter".format(ext))
            not_linked.append(ext)
            continue
        if not chosen.get("objs") or not chosen.get("init_fn"):
            not_linked.append(ext)
            continue
        flags, libs, error = _link_flags_and_libs(chosen.get("links", []), "extension " + ext)
        if error:
            return _err(name, error)
        static.append((ext, chosen["init_fn"]))
        if chosen.get("licenses") != None:
            licenses[ext] = chosen["licenses"]
        _add_all(ext_objs, [o for o in chosen["objs"] if o not in core_objs])
        _add_all(ext_flags, flags)
        _add_all(ext_libs, [lib for lib in libs if lib not in core_libs])

    config_vars = info.get("python_config_vars") or {}
    copts = [f for f in config_vars.get("CFLAGS", "").replace("\t", " ").split(" ") if f in _SEMANTIC_CFLAGS]
    ext_suffix = config_vars.get("EXT_SUFFIX") or ((info.get("python_suffixes") or {}).get("extension") or [""])[0]
    excludes = list(_STDLIB_EXCLUDES)
    for pkg in info.get("python_stdlib_test_packages") or []:
        excludes.append(pkg.replace(".", "/") + "/**")

    return struct(error = None, plan = struct(
        version = version,
        python_version = info.get("python_version", mm),
        hexversion = _hexversion(info),
        include = include,
        stdlib = stdlib,
        stdlib_excludes = [stdlib + "/" + e for e in excludes],
        exe = exe,
        copts = copts,
        ext_suffix = ext_suffix,
        core_objs = core_objs,
        core_linkopts = core_flags,
        core_static_libs = core_libs,
        inittab_object = inittab_object,
        in_core_modules = in_core,
        static_modules = static,
        extension_objs = ext_objs,
        extension_linkopts = ext_flags,
        extension_static_libs = ext_libs,
        not_linked = not_linked,
        licenses = info.get("licenses"),
        extension_licenses = licenses,
    ))

def _chunks_without_duplicate_basenames(paths):
    """Splits object paths so no chunk has two files of one basename (ar would keep one)."""
    chunks = []
    for p in paths:
        base = p.split("/")[-1]
        placed = False
        for chunk in chunks:
            if base not in chunk:
                chunk[base] = p
                placed = True
                break
        if not placed:
            chunks.append({base: p})
    return [list(c.values()) for c in chunks]

def _objects_libraries(prefix, objs):
    """cc_library targets of precompiled objects (whole-archive); returns (text, labels)."""
    text = []
    labels = []
    for i, chunk in enumerate(_chunks_without_duplicate_basenames(objs)):
        target = "{}_objs{}".format(prefix, i)
        labels.append(":" + target)
        text.append("""cc_library(
    name = "{target}",
    srcs = {srcs},
    alwayslink = True,
)
""".format(target = target, srcs = _list(chunk)))
    return text, labels

def _list(items, indent = "    "):
    if not items:
        return "[]"
    return "[\n" + "".join([indent + "    " + repr(i) + ",\n" for i in items]) + indent + "]"

def render_build(plan, dynload_dir):
    """The toolchain repository's BUILD.bazel.

    Args:
      plan: what standalone_plan returned as `plan`.
      dynload_dir: repository-relative lib-dynload directory, or "".

    Returns:
      The BUILD file's text.
    """
    lines = ["""# Generated by rules_pystatic's pystatic_standalone_python from PYTHON.json
# (python-build-standalone "full" archive, CPython {python_version}); do not edit.
# Statically linked stdlib extensions: {static}
# Built into libpython (in_core): {core}
# Not linked (lib-dynload .so if the archive has one, or excluded): {rest}
load("@rules_cc//cc:defs.bzl", "cc_library")
load("@rules_pystatic//toolchain:python_toolchain.bzl", "pystatic_python_toolchain")

package(default_visibility = ["//visibility:public"])

exports_files(["PYTHON.json", "pystatic.json"])

cc_library(
    name = "headers",
    hdrs = glob(["{include}/**/*.h"]),
    includes = ["{include}"],
)
""".format(
        python_version = plan.python_version,
        static = ", ".join([m for m, _ in plan.static_modules]) or "none",
        core = ", ".join([m for m, _ in plan.in_core_modules]) or "none",
        rest = ", ".join(plan.not_linked) or "none",
        include = plan.include,
    )]

    # Static libraries from build/lib: once in the order listed, and again as
    # one group after everything else (see _group).
    for target, libs in [("core_static_libs", plan.core_static_libs), ("extension_static_libs", plan.extension_static_libs)]:
        if libs:
            lines.append("""cc_library(
    name = "{target}",
    srcs = {srcs},
    linkopts = {linkopts},
)
""".format(target = target, srcs = _list(libs), linkopts = _list(_group(libs))))

    # libpython: the core objects (whole-archive, like CPython's own python,
    # so lib-dynload .so files find every C API symbol) and an inittab of the
    # modules built into the core, in place of the archive's inittab object,
    # which also names the extensions the user may have excluded.
    text, labels = _objects_libraries("core", plan.core_objs)
    lines.extend(text)
    lines.append("""cc_library(
    name = "libpython",
    srcs = ["pystatic/core_inittab.c"],
    linkopts = {linkopts},
    alwayslink = True,
    deps = {deps},
)
""".format(
        linkopts = _list(plan.core_linkopts),
        deps = _list([":headers"] + labels + ([":core_static_libs"] if plan.core_static_libs else [])),
    ))

    # The stdlib extensions linked statically, and pystatic_stdlib_inittab.
    text, labels = _objects_libraries("extensions", plan.extension_objs)
    lines.extend(text)
    lines.append("""cc_library(
    name = "stdlib_extensions",
    srcs = ["pystatic/stdlib_inittab.c"],
    linkopts = {linkopts},
    alwayslink = True,
    deps = {deps},
)
""".format(
        linkopts = _list(plan.extension_linkopts),
        deps = _list([":headers"] + labels + ([":extension_static_libs"] if plan.extension_static_libs else [])),
    ))

    lines.append("""filegroup(
    name = "stdlib",
    srcs = glob(
        ["{stdlib}/**"],
        exclude = {excludes},
    ),
)

pystatic_python_toolchain(
    name = "python",
    copts = {copts},
    dynload_dir = "{dynload}",
    ext_suffix = "{ext_suffix}",
    headers = ":headers",
    hexversion = {hexversion},
    interpreter = "{exe}",
    libpython = ":libpython",
    static_stdlib_modules = {static_modules},
    stdlib = ":stdlib",
    stdlib_dir = "{stdlib}",
    stdlib_extensions = ":stdlib_extensions",
    version = "{version}",
)
""".format(
        stdlib = plan.stdlib,
        excludes = _list(plan.stdlib_excludes, "        "),
        copts = repr(plan.copts),
        dynload = dynload_dir,
        ext_suffix = plan.ext_suffix,
        hexversion = plan.hexversion,
        exe = plan.exe,
        static_modules = _list([m for m, _ in plan.static_modules]),
        version = plan.version,
    ))
    return "\n".join(lines)

def _group(libs):
    """Static libraries again, as one group after everything else.

    PYTHON.json lists an extension's libraries in name order, not link order
    (_ssl: crypto, then ssl, which needs crypto). Bazel puts linkopts after
    the libraries, so the group resolves whatever the first pass left.
    """
    if not libs:
        return []
    return ["-Wl,--start-group"] + ["$(execpath {})".format(lib) for lib in libs] + ["-Wl,--end-group"]

def _declarations(entries):
    seen = {}
    out = []
    for _, fn in entries:
        if fn and fn not in seen:
            seen[fn] = True
            out.append("extern PyObject *{}(void);\n".format(fn))
    return "".join(out)

def _table(entries):
    return "".join(["    {{\"{}\", {}}},\n".format(n, fn or "NULL") for n, fn in entries])

def render_core_inittab(plan):
    """_PyImport_Inittab: the modules built into libpython (in_core)."""
    return """/* Generated by rules_pystatic from PYTHON.json: the modules built into the
 * core (in_core), in place of the archive's inittab object ({obj}). */
#include <Python.h>

{decls}
struct _inittab _PyImport_Inittab[] = {{
{table}    {{NULL, NULL}},
}};
""".format(obj = plan.inittab_object or "none", decls = _declarations(plan.in_core_modules), table = _table(plan.in_core_modules))

def render_stdlib_inittab(plan):
    """pystatic_stdlib_inittab (runtime/include/pystatic/runtime.h)."""
    return """/* Generated by rules_pystatic from PYTHON.json: the stdlib extension modules
 * linked into the binary, registered by PyStatic_AppendInittab(). */
#include <Python.h>

{decls}
struct _inittab pystatic_stdlib_inittab[] = {{
{table}    {{NULL, NULL}},
}};
""".format(decls = _declarations(plan.static_modules), table = _table(plan.static_modules))
