"""Providers of rules_pystatic."""

PyStaticExtensionInfo = provider(
    doc = """A Python extension module compiled for static linking.

Returned by `py_static_extension`. Rules that build extensions some other way
can return it too, made with `py_static_extension_info()` (//rules:defs.bzl),
and `py_static_binary` will link them.""",
    fields = {
        "module": "string: full dotted module name, e.g. \"pkg.sub._speedups\".",
        "init_symbol": "string: the renamed init function the registry calls: `PyStatic_Init_` followed, for each dotted component, by its byte length and the component, e.g. \"PyStatic_Init_3pkg3sub9_speedups\"; a non-ASCII component is written as `u`, the length of its hex, `_` and the hex of its UTF-8 bytes. Compute it with `py_static_init_symbol(module)`.",
        "is_package": "bool: the extension is itself a package (compiled from pkg/__init__).",
        "label": "Label: the target that built it, named in error messages and in `__spec__.origin`.",
        "python_version": "string: \"3.12\": the Python whose headers it was compiled against.",
        "cc_info": "CcInfo: the isolated extension (an alwayslink archive exporting only init_symbol) followed by its C/C++ deps, which link normally, once per binary.",
        "shared_library": "File or None: the same extension as an ordinary .so, for plain py_binary/py_test; a static binary leaves it out of its runfiles.",
    },
)

PyStaticCythonInfo = provider(
    doc = """Cython declarations (.pxd) and include files (.pxi) that other `.pyx` sources may `cimport` or `include`.

Returned by `py_static_extension` (its own .pxd/.pxi files, and those of its deps).""",
    fields = {
        "files": "depset of File: .pxd and .pxi files, this target's and its deps'.",
        "include_dirs": "depset of string: directories (exec paths) that `cimport pkg.mod` resolves against: each target's import root, for source and generated files.",
    },
)

# What the collecting aspect gathers through `deps`: private.
PyStaticCollectedInfo = provider(
    doc = "Every extension reachable through deps (private to rules_pystatic).",
    fields = {
        "extensions": "depset of struct(module, init_symbol, label, python_version, is_package, repo, package).",
        "cc_info": "CcInfo: every reachable extension and its C/C++ deps, merged.",
        "shared_libraries": "depset of File: the dynamic-mode .so files to keep out of a static binary's runfiles.",
    },
)
