"""Cython sources of py_static_extension: .pyx compiled to C or C++ in a build action.

One `.pyx` per extension (one Cython module is one extension module). The
PyStaticCython action runs tools/cython_compile.py under the Python
toolchain's interpreter with the pinned Cython wheel (@pystatic_cython,
toolchain/private/cython_wheel.bzl) first on sys.path. Its output is one
more C/C++ source of the extension, compiled and isolated like the others.

Cython is told the full dotted module name (`--module-name`), so the init
function is `PyInit_<short name>` and the module records `pkg.sub.name`, as
a setuptools build in the package would; it needs no `__init__.py` files to
work that out.
"""

load(":labels.bzl", "label_for_humans")
load(":providers.bzl", "PyStaticCythonInfo")
load(":toolchains.bzl", "PYTHON_TOOLCHAIN_TYPE")

PYX_EXTENSIONS = ["pyx"]
CYTHON_DECLARATION_EXTENSIONS = ["pxd", "pxi"]

CYTHON_LANGUAGES = ["c", "c++"]

def cython_wheel_for(srcs):
    """Computed default of `_cython`: the wheel, only for targets with a .pyx.

    So a build with no .pyx never fetches (or needs) @pystatic_cython.

    Args:
      srcs: the target's srcs labels.

    Returns:
      Label or None.
    """
    for src in srcs:
        if src.name.endswith(".pyx"):
            return Label("@pystatic_cython//:cython")
    return None

def _root_dirs(ctx, import_root):
    """Exec-path directories where `cimport a.b` looks for a/b.pxd.

    The import root among source files and among generated ones.
    """
    base = "/".join([p for p in [ctx.label.workspace_root, import_root] if p])
    return [base or ".", "/".join([p for p in [ctx.bin_dir.path, base] if p])]

def cython_info(ctx, declarations, import_root, deps):
    """PyStaticCythonInfo of an extension: its .pxd/.pxi files and its deps'.

    Args:
      ctx: the rule context.
      declarations: list of File: this target's .pxd and .pxi files.
      import_root: string or None: the target's import root (None: the
        package path does not end with the module's path).
      deps: list of Target: the `deps` attribute.

    Returns:
      PyStaticCythonInfo.
    """
    dep_infos = [d[PyStaticCythonInfo] for d in deps if PyStaticCythonInfo in d]
    own_dirs = _root_dirs(ctx, import_root) if import_root != None else []
    return PyStaticCythonInfo(
        files = depset(declarations, transitive = [i.files for i in dep_infos]),
        include_dirs = depset(own_dirs, transitive = [i.include_dirs for i in dep_infos]),
    )

def _directive(item):
    return "{}={}".format(item[0], item[1])

def cythonize(ctx, python, module, pyx, info):
    """Declares the PyStaticCython action for `pyx`.

    Args:
      ctx: the rule context (attributes cython_language, cython_directives,
        _cython, _cython_compile).
      python: PyStaticPythonInfo of the toolchain (its interpreter runs Cython).
      module: the full dotted module name.
      pyx: File: the .pyx source.
      info: PyStaticCythonInfo: the .pxd/.pxi files Cython may read, and
        where to look for cimported ones.

    Returns:
      File: the generated .c or .cpp source.
    """
    if python.interpreter == None:
        fail(("{}: compiling {} needs the Python toolchain's `interpreter` to run Cython at build time, " +
              "and the toolchain {} (Python {}) has none. Set `interpreter` on its pystatic_python_toolchain " +
              "(python.local and python.standalone set it), or compile the .pyx to C yourself and list the C file").format(
            label_for_humans(ctx.label),
            pyx.short_path,
            label_for_humans(python.label),
            python.version,
        ))
    language = ctx.attr.cython_language
    suffix = ".cpp" if language == "c++" else ".c"
    short = module.split(".")[-1]
    output = ctx.actions.declare_file("_pystatic/cython/{}/{}{}".format(ctx.label.name, short, suffix))

    if ctx.attr._cython == None:
        fail(("{}: {} is a Cython module, but no label in srcs ends in .pyx, and only then does the target " +
              "depend on the Cython wheel (@pystatic_cython). Name the file, or the rule that generates it, " +
              "with a .pyx ending").format(label_for_humans(ctx.label), pyx.short_path))
    cython_files = ctx.files._cython
    markers = [f for f in cython_files if f.path.endswith("/Cython/__init__.py")]
    if len(markers) != 1:
        fail("{}: {} is not an unpacked Cython wheel (no single Cython/__init__.py)".format(label_for_humans(ctx.label), label_for_humans(ctx.attr._cython.label)))
    cython_root = markers[0].dirname[:-len("/Cython")]

    args = ctx.actions.args()
    args.add("--cython-root", cython_root)
    args.add("--label", label_for_humans(ctx.label))
    args.add("--module", module)
    args.add("--language", language)
    args.add("--output", output)
    args.add_all(info.include_dirs, before_each = "--include", uniquify = True)
    args.add_all(sorted(ctx.attr.cython_directives.items()), before_each = "--directive", map_each = _directive)
    args.add(pyx)

    ctx.actions.run(
        executable = python.interpreter,
        # -S -s: nothing from the interpreter's site-packages (a Cython
        # installed there must not win over the pinned one); -B: no .pyc
        # files written next to the wheel's sources.
        arguments = ["-S", "-s", "-B", ctx.file._cython_compile.path, args],
        env = {"PYTHONHASHSEED": "0", "PYTHONNOUSERSITE": "1", "LC_ALL": "C.UTF-8"},
        inputs = depset([pyx, ctx.file._cython_compile] + cython_files, transitive = [info.files]),
        outputs = [output],
        mnemonic = "PyStaticCython",
        # The executable is the Python toolchain's interpreter.
        toolchain = PYTHON_TOOLCHAIN_TYPE,
        progress_message = "Cythonizing {} for {} (%{{label}})".format(pyx.short_path, module),
    )
    return output

CYTHON_ATTRS = {
    "cython_directives": attr.string_dict(
        doc = "Cython compiler directives for the .pyx, passed as `--directive name=value` (Cython's `-X`), e.g. {\"boundscheck\": \"False\"}. The file's own `# cython: ...` header lines apply too; Cython lets the header win.",
    ),
    "cython_language": attr.string(
        default = "c",
        values = CYTHON_LANGUAGES,
        doc = "What Cython generates from the .pyx: \"c\" or \"c++\" (`--cplus`, for `libcpp` and C++ `cdef extern` code). Must agree with a `# distutils: language = ...` header in the file, or the build stops naming both; Gazelle sets it from that line.",
    ),
    "_cython": attr.label(
        default = cython_wheel_for,
        cfg = "exec",
        allow_files = True,
    ),
    "_cython_compile": attr.label(
        default = Label("//rules/private/tools:cython_compile.py"),
        allow_single_file = True,
        cfg = "exec",
    ),
}
