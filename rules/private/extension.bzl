"""py_static_extension: one Python extension module, built for static linking."""

load("@rules_cc//cc/common:cc_common.bzl", "cc_common")
load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load("@rules_python//python:defs.bzl", "PyInfo")
load(":cython.bzl", "CYTHON_ATTRS", "CYTHON_DECLARATION_EXTENSIONS", "PYX_EXTENSIONS", "cython_info", "cython_wheel_for", "cythonize")
load(":labels.bzl", "label_for_humans")
load(":naming.bzl", "check_module_name", "default_init_function", "init_symbol")
load(":providers.bzl", "PyStaticCythonInfo", "PyStaticExtensionInfo")
load(":toolchains.bzl", "CC_TOOLCHAIN_ATTRS", "CPP_TOOLCHAIN_TYPE", "TOOLCHAINS", "cc_toolchain_and_features", "python_toolchain")

_C_EXTENSIONS = ["c"]
_CXX_EXTENSIONS = ["cc", "cpp", "cxx", "c++", "C"]

# What Bazel's C++ rules accept as headers. The Gazelle language classifies
# files with the same three lists (gazelle/fileinfo.go; gazelle/
# filetypes_test.go reads this file and holds them equal).
_HEADER_EXTENSIONS = ["h", "hh", "hpp", "hxx", "h++", "ipp", "tcc", "inc", "inl", "tlh", "tli", "H"]

# C++ only: without it GCC gives inline functions' static locals and template
# static members STB_GNU_UNIQUE binding, which cannot be made private to one
# extension (see tools/isolate_extension.sh).
_CXX_COPTS = ["-fno-gnu-unique"]

# A module in Cython's pure Python mode: one .py in srcs, compiled by Cython
# like a .pyx (sqlalchemy's engine/_row_cy.py, with its optional .pxd).
_CYTHON_PY_EXTENSIONS = ["py"]

def _cython_wheel(srcs):
    """Computed default of `_cython`, also for a .py in pure Python mode.

    Args:
      srcs: the target's srcs labels.

    Returns:
      The pinned Cython wheel for a target with a .pyx or a .py; None otherwise.
    """
    for src in srcs:
        if src.name.endswith(".py"):
            return Label("@pystatic_cython//:cython")
    return cython_wheel_for(srcs)

def _module_name(ctx):
    if ctx.attr.module:
        return ctx.attr.module
    parts = [p for p in ctx.label.package.split("/") if p] + [ctx.label.name]
    return ".".join(parts)

def _split_sources(ctx, module, is_package):
    """srcs as struct(sources, headers, pyx, declarations).

    allow_files admits only C/C++ sources and headers and Cython files.
    """
    sources, headers, pyx, declarations, pure = [], [], [], [], []
    for f in ctx.files.srcs:
        if f.extension in _HEADER_EXTENSIONS:
            headers.append(f)
        elif f.extension in PYX_EXTENSIONS:
            pyx.append(f)
        elif f.extension in _CYTHON_PY_EXTENSIONS:
            pure.append(f)
        elif f.extension in CYTHON_DECLARATION_EXTENSIONS:
            declarations.append(f)
        else:
            sources.append(f)
    if pure:
        if len(pure) > 1 or pyx or sources:
            fail(("{}: srcs has {}; a .py in srcs is a module in Cython's pure Python mode, compiled by Cython " +
                  "on its own: list one .py (with its .pxd), and no .pyx or C/C++ source, or give each module its " +
                  "own py_static_extension").format(label_for_humans(ctx.label), ", ".join([f.short_path for f in pure + pyx + sources])))
        pyx = pure
    if len(pyx) > 1:
        # One Cython module is one extension: the .pyx named after the
        # module is compiled; others are files it `include`s.
        main = "__init__.pyx" if is_package else module.split(".")[-1] + ".pyx"
        named = [f for f in pyx if f.basename == main]
        if len(named) != 1:
            fail(("{}: srcs has {} .pyx files ({}) and {} named {}; one Cython module is one extension, so give " +
                  "each .pyx module its own py_static_extension (share declarations through .pxd files). " +
                  "Other .pyx files in srcs are only read as files the module's {} includes").format(
                label_for_humans(ctx.label),
                len(pyx),
                ", ".join([f.short_path for f in pyx]),
                "several" if named else "none",
                main,
                main,
            ))
        declarations = declarations + [f for f in pyx if f != named[0]]
        pyx = named
    if not sources and not pyx:
        fail("{}: srcs has no C/C++ or .pyx source; list the file that defines the module's init function".format(label_for_humans(ctx.label)))
    return struct(sources = sources, headers = headers, pyx = pyx[0] if pyx else None, declarations = declarations)

def _import_root(package, module, is_package):
    """The directory (relative to the repository) Python imports `module` from.

    The BUILD file of `pkg.sub._mod` sits in `<root>/pkg/sub`; that of an
    extension that is itself the package `pkg.sub` in `<root>/pkg/sub`.
    Returns None when the package path does not end with the module's path.
    """
    parts = module.split(".")
    module_dir = "/".join(parts if is_package else parts[:-1])
    if module_dir == package:
        return ""
    if not module_dir:
        return package
    if package.endswith("/" + module_dir):
        return package[:-len(module_dir) - 1]
    return None

def _python_copts(ctx, python):
    """The toolchain's flags, as setuptools would pass them (asserts kept in dbg)."""
    if ctx.var.get("COMPILATION_MODE") == "dbg":
        return [flag for flag in python.copts if flag != "-DNDEBUG"]
    return python.copts

def _compile(ctx, python, cc_toolchain, feature_configuration, sources, headers, deps_cc, quote_includes):
    is_cxx = [f for f in sources if f.extension in _CXX_EXTENSIONS]
    return cc_common.compile(
        name = ctx.label.name,
        actions = ctx.actions,
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        srcs = sources,
        public_hdrs = ctx.files.hdrs,
        private_hdrs = headers,
        # Included-only files: inputs of every compile action, compiled by none.
        textual_hdrs = ctx.files.textual_hdrs,
        compilation_contexts = [python.headers.compilation_context] + [c.compilation_context for c in deps_cc],
        user_compile_flags = _python_copts(ctx, python) + (_CXX_COPTS if is_cxx else []) + ctx.attr.copts,
        defines = ctx.attr.defines,
        local_defines = ctx.attr.local_defines,
        includes = ctx.attr.includes,
        # Cython output lives under _pystatic/, not beside its .pyx: the
        # .pyx's directory is where its `cdef extern from "x.h"` headers are.
        quote_includes = quote_includes,
    )

def _isolate(ctx, cc_toolchain, module, init_function, renamed, objects):
    archive = ctx.actions.declare_file("_pystatic/lib{}.a".format(ctx.label.name))
    args = ctx.actions.args()
    args.add("--ld", cc_toolchain.ld_executable)
    args.add("--nm", cc_toolchain.nm_executable)
    args.add("--objcopy", cc_toolchain.objcopy_executable)
    args.add("--ar", cc_toolchain.ar_executable)
    args.add("--module", module)
    args.add("--label", label_for_humans(ctx.label))
    args.add("--init-function", init_function)
    args.add("--rename-to", renamed)
    args.add("--output", archive)
    args.add_all(objects)
    ctx.actions.run(
        executable = ctx.executable._isolate,
        arguments = [args],
        inputs = depset(objects, transitive = [cc_toolchain.all_files]),
        outputs = [archive],
        mnemonic = "PyStaticIsolate",
        # Runs the C toolchain's ld, nm, objcopy and ar: the action belongs to
        # that toolchain's execution platform (Bazel's automatic exec groups).
        toolchain = CPP_TOOLCHAIN_TYPE,
        progress_message = "Isolating Python extension {} ({})".format(module, label_for_humans(ctx.label)),
    )
    return archive

def _shared_library(ctx, cc_toolchain, feature_configuration, compilation_outputs, deps_cc):
    """The same objects linked as an ordinary .so, placed where Python finds it."""
    outputs = cc_common.link(
        name = ctx.label.name + "_dynamic",
        actions = ctx.actions,
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        compilation_outputs = compilation_outputs,
        linking_contexts = [c.linking_context for c in deps_cc],
        user_link_flags = ctx.attr.linkopts,
        output_type = "dynamic_library",
    )
    library = outputs.library_to_link
    return library.resolved_symlink_dynamic_library or library.dynamic_library

def _py_static_extension_impl(ctx):
    python = python_toolchain(ctx)
    cc_toolchain, feature_configuration = cc_toolchain_and_features(ctx)
    module = _module_name(ctx)
    check_module_name(module, "{}: attribute module".format(label_for_humans(ctx.label)))
    init_function = ctx.attr.init_symbol or default_init_function(module)
    if not init_function:
        fail("{}: module = \"{}\" has a non-ASCII short name; set init_symbol to the PyInitU_<punycode> function its sources define".format(label_for_humans(ctx.label), module))
    is_package = ctx.attr.is_package
    split = _split_sources(ctx, module, is_package)
    sources, headers = split.sources, split.headers
    deps_cc = [d[CcInfo] for d in ctx.attr.deps if CcInfo in d]
    root = _import_root(ctx.label.package, module, is_package)
    cython = cython_info(ctx, split.declarations, root, ctx.attr.deps)
    quote_includes = []
    if split.pyx:
        sources = sources + [cythonize(ctx, python, module, split.pyx, cython)]
        quote_includes = [split.pyx.dirname]

    compilation_context, compilation_outputs = _compile(ctx, python, cc_toolchain, feature_configuration, sources, headers, deps_cc, quote_includes)
    objects = compilation_outputs.pic_objects or compilation_outputs.objects
    renamed = init_symbol(module)
    archive = _isolate(ctx, cc_toolchain, module, init_function, renamed, objects)

    library = cc_common.create_library_to_link(
        actions = ctx.actions,
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        static_library = archive,
        alwayslink = True,
    )
    own = CcInfo(
        compilation_context = compilation_context,
        linking_context = cc_common.create_linking_context(linker_inputs = depset([
            cc_common.create_linker_input(
                owner = ctx.label,
                libraries = depset([library]),
                user_link_flags = depset(ctx.attr.linkopts),
            ),
        ])),
    )
    cc_info = cc_common.merge_cc_infos(direct_cc_infos = [own], cc_infos = deps_cc)

    shared = _shared_library(ctx, cc_toolchain, feature_configuration, compilation_outputs, deps_cc)
    repo = ctx.label.workspace_name or ctx.workspace_name
    parts = module.split(".")
    if is_package:
        relative = "/".join(parts + ["__init__" + python.ext_suffix])
    else:
        relative = "/".join(parts[:-1] + [parts[-1] + python.ext_suffix])
    root = root if root != None else ""
    import_dir = "/".join([p for p in [repo, root] if p])
    runfiles = ctx.runfiles(
        files = ctx.files.data,
        root_symlinks = {import_dir + "/" + relative: shared},
    )
    for target in ctx.attr.deps + ctx.attr.data:
        runfiles = runfiles.merge(target[DefaultInfo].default_runfiles)

    return [
        DefaultInfo(files = depset([archive]), runfiles = runfiles),
        PyStaticExtensionInfo(
            module = module,
            init_symbol = renamed,
            is_package = is_package,
            label = ctx.label,
            python_version = python.version,
            cc_info = cc_info,
            shared_library = shared,
        ),
        PyInfo(
            transitive_sources = depset(),
            imports = depset([import_dir] if root else []),
            uses_shared_libraries = True,
            has_py2_only_sources = False,
            has_py3_only_sources = True,
        ),
        cython,
        OutputGroupInfo(
            shared_library = depset([shared]),
            static_archive = depset([archive]),
        ),
    ]

py_static_extension = rule(
    implementation = _py_static_extension_impl,
    doc = """A Python extension module written in C or C++, built to be linked into a
`py_static_binary` (and usable as an ordinary `.so` by `py_binary`).

The sources are compiled once (as PIC). For static linking their objects are
partially linked into one object whose only global symbol is the init function,
renamed after the dotted module name, so two modules called `_speedups` in
different packages, or with clashing helper globals, link into one binary.
Building the target checks that the sources define the init function.""",
    attrs = dict({
        "copts": attr.string_list(doc = "Extra compiler flags for srcs, after the defaults: the toolchain's semantic flags, as setuptools passes them from sysconfig's CFLAGS (`-fwrapv` or `-fno-strict-overflow`, `-DNDEBUG` except under `--compilation_mode=dbg`), and `-fno-gnu-unique` for C++ sources. Optimization and debug flags follow `--compilation_mode`."),
        "data": attr.label_list(allow_files = True, doc = "Files needed at run time, put in runfiles."),
        "defines": attr.string_list(doc = "-D flags for this extension and everything that depends on it."),
        "deps": attr.label_list(
            providers = [[CcInfo], [PyStaticCythonInfo]],
            doc = "Targets with CcInfo (cc_library, cc_import, pybind11's headers, ...) that the sources use. They are linked normally, once per binary, and are not isolated. Also targets with PyStaticCythonInfo: other py_static_extension targets whose .pxd files a .pyx cimports; they are linked into the same binaries.",
        ),
        "hdrs": attr.label_list(allow_files = _HEADER_EXTENSIONS, doc = "Headers other targets may include."),
        "includes": attr.string_list(doc = "Package-relative include directories, added with -isystem for this extension and its dependents."),
        "init_symbol": attr.string(doc = "The init function the sources define, when it is not `PyInit_<short name>` (the default, used when this is empty). Required for a non-ASCII short name, whose init function CPython names `PyInitU_<punycode>`."),
        "is_package": attr.bool(doc = "The extension is itself a package (compiled from pkg/__init__.c, e.g. by Cython): imported as `module`, with submodules."),
        "linkopts": attr.string_list(doc = "Linker flags this extension needs (e.g. -lyaml), applied to the binary and to the .so."),
        "local_defines": attr.string_list(doc = "-D flags for this extension's own sources only."),
        "module": attr.string(doc = "The full dotted import name, e.g. \"pkg.sub._speedups\"; every component must be a valid identifier (non-ASCII is allowed, see init_symbol). Default (when empty): the package path and the target name joined with dots. A module whose package is not named like its directory (\"regex._regex\" in regex_3/, setuptools' package_dir) makes that directory the package in a static binary, if it has an __init__.py."),
        "srcs": attr.label_list(
            mandatory = True,
            allow_files = _C_EXTENSIONS + _CXX_EXTENSIONS + _HEADER_EXTENSIONS + PYX_EXTENSIONS + CYTHON_DECLARATION_EXTENSIONS + _CYTHON_PY_EXTENSIONS,
            doc = "C/C++ sources (.c .cc .cpp .cxx .c++ .C) and private headers; one of them defines the init function (`PyMODINIT_FUNC PyInit_<short name>`, `PYBIND11_MODULE`, `NB_MODULE`, or Cython's output). Or one Cython .pyx, with the .pxd and .pxi files it reads (compiled to C or C++ by the pinned Cython, see cython_language). Or one .py in Cython's pure Python mode, with its .pxd, compiled the same way. A target whose srcs hold no C/C++ source and no .pyx (or .py) fails at analysis.",
        ),
        "textual_hdrs": attr.label_list(
            allow_files = True,
            doc = "Files other sources #include but that are not compiled on their own, e.g. the parts of a unity build (`#include \"impl.c\"`, as in greenlet and cffi). Gazelle puts such files here.",
        ),
        "_isolate": attr.label(
            default = Label("//rules/private/tools:isolate_extension.sh"),
            executable = True,
            allow_single_file = True,
            cfg = "exec",
        ),
    }, **(CC_TOOLCHAIN_ATTRS | CYTHON_ATTRS | {
        # CYTHON_ATTRS' wheel, also for a .py compiled in pure Python mode.
        "_cython": attr.label(
            default = _cython_wheel,
            cfg = "exec",
            allow_files = True,
        ),
    })),
    toolchains = TOOLCHAINS,
    fragments = ["cpp"],
    provides = [PyStaticExtensionInfo, PyInfo, PyStaticCythonInfo],
)
