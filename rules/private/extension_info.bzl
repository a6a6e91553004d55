"""PyStaticExtensionInfo for rules that build an extension some other way.

py_static_binary links any target in `deps` that returns
PyStaticExtensionInfo. The registry calls the extension's init function by
its renamed symbol, which only rules_pystatic's naming scheme can produce:
these helpers give rule authors that symbol and the provider, so no rule
restates the scheme.
"""

load(":labels.bzl", "label_for_humans")
load(":naming.bzl", "check_module_name", "init_symbol")
load(":providers.bzl", "PyStaticExtensionInfo")

def py_static_init_symbol(module):
    """The symbol a static binary calls to initialize `module`.

    A rule (or macro) that returns PyStaticExtensionInfo must make its
    objects define this function, exported, and nothing else that could
    clash with other extensions. For example, compile the module's source
    with `local_defines = ["MODULE_INIT=" + py_static_init_symbol(module)]`
    and `PyMODINIT_FUNC MODULE_INIT(void)`. Usable in macros (loading
    phase) and rule implementations alike.

    Args:
      module: the full dotted module name, e.g. "pkg.sub._speedups".

    Returns:
      The symbol name, e.g. "PyStatic_Init_3pkg3sub9_speedups".
    """
    check_module_name(module, "py_static_init_symbol")
    return init_symbol(module)

def py_static_extension_info(module, label, python_version, cc_info, is_package = False, shared_library = None):
    """A PyStaticExtensionInfo whose init_symbol is `py_static_init_symbol(module)`.

    Args:
      module: the full dotted module name.
      label: the Label of the target that built it (ctx.label); errors and
        `_pystatic.module_info()` name it as Bazel's messages do (`//pkg:t`
        for a target of the main repository, in every Bazel mode).
      python_version: "3.12": the Python whose headers the objects were
        compiled against (the rules_pystatic toolchain's
        `ctx.toolchains["@rules_pystatic//toolchain:toolchain_type"].pystatic.version`).
        A binary for another Python refuses it at analysis.
      cc_info: CcInfo holding the objects that define the init symbol
        (alwayslink), and their deps.
      is_package: the extension is itself a package (pkg/__init__ compiled).
      shared_library: File or None: the same module as an ordinary .so,
        for plain py_binary/py_test; a static binary leaves it out.

    Returns:
      PyStaticExtensionInfo.
    """
    check_module_name(module, "{}: py_static_extension_info".format(label_for_humans(label)))
    return PyStaticExtensionInfo(
        module = module,
        init_symbol = init_symbol(module),
        is_package = is_package,
        label = label,
        python_version = python_version,
        cc_info = cc_info,
        shared_library = shared_library,
    )
