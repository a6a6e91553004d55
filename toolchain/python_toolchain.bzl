"""The rules_pystatic toolchain: which CPython a static binary embeds."""

load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load("//toolchain/private:python_info.bzl", "PyStaticPythonInfo")

def _pystatic_python_toolchain_impl(ctx):
    root = ctx.label.workspace_name or ctx.workspace_name
    stdlib_dir = ctx.attr.stdlib_dir
    info = PyStaticPythonInfo(
        version = ctx.attr.version,
        hexversion = ctx.attr.hexversion,
        interpreter = ctx.executable.interpreter,
        stdlib_dir = stdlib_dir,
        stdlib_extensions = ctx.attr.stdlib_extensions[CcInfo] if ctx.attr.stdlib_extensions else None,
        static_stdlib_modules = ctx.attr.static_stdlib_modules,
        copts = ctx.attr.copts,
        ext_suffix = ctx.attr.ext_suffix,
        headers = ctx.attr.headers[CcInfo],
        libpython = ctx.attr.libpython[CcInfo],
        stdlib = ctx.attr.stdlib[DefaultInfo].files,
        stdlib_runfiles_dir = _join(root, ctx.label.package, stdlib_dir),
        dynload_runfiles_dir = _join(root, ctx.label.package, ctx.attr.dynload_dir) if ctx.attr.dynload_dir else "",
        label = ctx.label,
    )
    return [platform_common.ToolchainInfo(pystatic = info), info]

def _join(*parts):
    return "/".join([p for p in parts if p])

pystatic_python_toolchain = rule(
    implementation = _pystatic_python_toolchain_impl,
    doc = """Describes one CPython for rules_pystatic.

Written for you by `pystatic_local_python` (toolchain/repositories.bzl); declare
it by hand only for a CPython laid out some other way, then wrap it in a
`toolchain(toolchain_type = "@rules_pystatic//toolchain:toolchain_type")`.""",
    attrs = {
        "copts": attr.string_list(doc = "Flags every extension is compiled with, as setuptools would: the semantic ones of sysconfig's CFLAGS (-fwrapv or -fno-strict-overflow, -DNDEBUG)."),
        "dynload_dir": attr.string(doc = "Package-relative directory of the stdlib's extension .so files (lib-dynload), or empty."),
        "ext_suffix": attr.string(doc = "sysconfig's EXT_SUFFIX, e.g. \".cpython-312-x86_64-linux-gnu.so\"."),
        "headers": attr.label(mandatory = True, providers = [CcInfo], doc = "Python.h and the rest of the C API headers."),
        "hexversion": attr.int(mandatory = True, doc = "sys.hexversion of the interpreter."),
        "interpreter": attr.label(
            allow_single_file = True,
            executable = True,
            cfg = "exec",
            doc = "The interpreter itself (same version), run at build time: single-file binaries compile their bytecode with it. Optional; without it `single_file = True` is an error.",
        ),
        "libpython": attr.label(mandatory = True, providers = [CcInfo], doc = "The static libpython and the system libraries it needs."),
        "stdlib": attr.label(mandatory = True, allow_files = True, doc = "The stdlib's files, for runfiles."),
        "static_stdlib_modules": attr.string_list(doc = "Names of the stdlib extension modules that `stdlib_extensions` links statically (the rest, if any, are .so files in `dynload_dir`)."),
        "stdlib_dir": attr.string(mandatory = True, doc = "Package-relative directory of the stdlib, e.g. \"lib/python3.12\"."),
        "stdlib_extensions": attr.label(providers = [CcInfo], doc = "The stdlib's extension modules as objects, linked into every binary, with a definition of `pystatic_stdlib_inittab` (runtime/include/pystatic/program.h) listing them for CPython's inittab. Optional: a toolchain with only .so files leaves it unset."),
        "version": attr.string(mandatory = True, doc = "\"3.12\": major.minor."),
    },
    provides = [PyStaticPythonInfo],
)
