"""PyStaticPythonInfo: what a toolchain tells the rules about its CPython."""

PyStaticPythonInfo = provider(
    doc = "One CPython that static binaries can embed. Read it from the toolchain as `ctx.toolchains[\"@rules_pystatic//toolchain:toolchain_type\"].pystatic`.",
    fields = {
        "copts": "list of string: flags every extension is compiled with (from sysconfig's CFLAGS: -fwrapv or -fno-strict-overflow, -DNDEBUG); -DNDEBUG is dropped under --compilation_mode=dbg.",
        "dynload_runfiles_dir": "string: runfiles path of lib-dynload (the stdlib's extension .so files), or \"\".",
        "ext_suffix": "string: sysconfig EXT_SUFFIX, used to name an extension's .so in dynamic mode.",
        "headers": "CcInfo: the C API headers (Python.h).",
        "hexversion": "int: sys.hexversion.",
        "interpreter": "File or None: the interpreter, runnable at build time (exec configuration).",
        "label": "Label: the toolchain target, for error messages.",
        "libpython": "CcInfo: the static libpython and the system libraries it links.",
        "stdlib": "depset of File: the pure-Python stdlib and lib-dynload.",
        "static_stdlib_modules": "list of string: stdlib extension modules linked statically by stdlib_extensions.",
        "stdlib_dir": "string: the stdlib directory relative to the toolchain's package, e.g. \"lib/python3.12\".",
        "stdlib_extensions": "CcInfo or None: the stdlib's extension modules as objects, with `pystatic_stdlib_inittab`.",
        "stdlib_runfiles_dir": "string: runfiles path of the stdlib directory, e.g. \"pystatic_python_3_12/lib/python3.12\".",
        "version": "string: \"3.12\".",
    },
)
