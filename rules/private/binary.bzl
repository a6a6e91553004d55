"""py_static_binary and py_static_test: one executable embedding CPython and
every extension module reachable through deps."""

load("@rules_cc//cc/common:cc_common.bzl", "cc_common")
load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load("@rules_python//python:defs.bzl", "PyInfo")
load(":checks.bzl", "check_extensions")
load(":collect.bzl", "collect", "collect_extensions")
load(":labels.bzl", "label_for_humans")
load(":package_dirs.bzl", "package_dir_symlinks", "package_dirs")
load(":registry.bzl", "render_program", "render_registry")
load(":runfiles.bzl", "runfiles_path", "static_runfiles")
load(":single_file.bzl", "pack_program")
load(":toolchains.bzl", "CC_TOOLCHAIN_ATTRS", "TOOLCHAINS", "cc_toolchain_and_features", "python_toolchain")

def _main_file(ctx):
    if ctx.file.main:
        return ctx.file.main
    wanted = ctx.label.name + ".py"
    for f in ctx.files.srcs:
        if f.basename == wanted:
            return f
    fail("{}: no main. Set main = the .py file to run, or add {} to srcs".format(label_for_humans(ctx.label), wanted))

def _sys_path(ctx, deps):
    repo = ctx.label.workspace_name or ctx.workspace_name
    path = [repo]
    for entry in ctx.attr.imports:
        joined = _normalize("/".join([repo, ctx.label.package, entry]))
        if not joined.startswith(repo + "/") and joined != repo:
            fail("{}: imports entry \"{}\" leaves the repository; it must stay under the package".format(label_for_humans(ctx.label), entry))
        path.append(joined)
    transitive = [d[PyInfo].imports for d in deps if PyInfo in d]
    for entry in depset(transitive = transitive).to_list():
        if entry not in path:
            path.append(entry)
    return path

def _normalize(path):
    out = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if out:
                out.pop()
            continue
        out.append(part)
    return "/".join(out)

def _py_static_binary_impl(ctx):
    return static_program(ctx, _main_file(ctx), ctx.attr.deps, ctx.files.srcs, ctx.attr.single_file)

def static_program(ctx, main, deps, srcs, single_file):
    """Links one static program and returns its providers.

    Shared by py_static_binary, py_static_test and the test runner rules
    (test_runners.bzl), whose main is a generated file.

    Args:
      ctx: the rule context; the rule has the attributes of STATIC_PROGRAM_ATTRS.
      main: File, the .py file run as __main__.
      deps: targets whose extensions are linked in and whose runfiles and
        imports the program gets (they carry the collect_extensions aspect).
      srcs: list of File, the program's own Python files (runfiles).
      single_file: bool, pack everything into the executable.

    Returns:
      The providers of the program's target.
    """
    python = python_toolchain(ctx)
    cc_toolchain, feature_configuration = cc_toolchain_and_features(ctx)
    collected = collect(None, deps)
    entries = check_extensions(label_for_humans(ctx.label), collected.extensions.to_list(), python.version)

    gen_dir = "_pystatic/" + ctx.label.name
    registry_c = ctx.actions.declare_file(gen_dir + "/registry.c")
    ctx.actions.write(registry_c, render_registry(entries, python.version))
    program_c = ctx.actions.declare_file(gen_dir + "/program.c")
    sys_path = _sys_path(ctx, deps)
    if single_file:
        # Everything the runfiles would hold, except the stdlib, which the
        # packer takes from the toolchain.
        program_files = static_runfiles(
            ctx,
            direct = srcs + ctx.files.data + [main],
            targets = deps + ctx.attr.data,
            stdlib = depset(),
            exclude = collected.shared_libraries,
        ).files
        dirs = package_dirs(ctx, entries, program_files.to_list())
        packed = pack_program(ctx, python, gen_dir, main, sys_path, program_files, strip = cc_toolchain.strip_executable, strip_inputs = cc_toolchain.all_files, package_dirs = dirs)
        ctx.actions.write(program_c, render_program(
            main = "",
            path = [],
            stdlib = "",
            dynload = "",
            isolated = ctx.attr.isolated,
            single_file = True,
            python_cli = ctx.attr.python_cli,
        ))
        c_srcs = [registry_c, program_c, packed.assembler]
        additional_inputs = [packed.pack]
        generated = [registry_c, program_c, packed.assembler, packed.pack, packed.report]
    else:
        ctx.actions.write(program_c, render_program(
            main = runfiles_path(ctx, main),
            path = sys_path,
            stdlib = python.stdlib_runfiles_dir,
            dynload = python.dynload_runfiles_dir,
            isolated = ctx.attr.isolated,
            python_cli = ctx.attr.python_cli,
        ))
        c_srcs = [registry_c, program_c]
        additional_inputs = []
        generated = [registry_c, program_c]

    runtime = ctx.attr._runtime[CcInfo]
    _, compilation_outputs = cc_common.compile(
        name = ctx.label.name + "_pystatic",
        actions = ctx.actions,
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        srcs = c_srcs,
        additional_inputs = additional_inputs,
        compilation_contexts = [runtime.compilation_context],
    )
    linked = cc_common.link(
        name = ctx.label.name,
        actions = ctx.actions,
        feature_configuration = feature_configuration,
        cc_toolchain = cc_toolchain,
        compilation_outputs = compilation_outputs,
        # Order matters for a static link: everything that calls the C API
        # comes before libpython.
        linking_contexts = [
            runtime.linking_context,
            collected.cc_info.linking_context,
        ] + ([python.stdlib_extensions.linking_context] if python.stdlib_extensions else []) + [
            python.libpython.linking_context,
        ],
        # lib-dynload's .so files resolve the C API against the executable.
        user_link_flags = ["-Wl,--export-dynamic"] + ctx.attr.linkopts,
        output_type = "executable",
    )
    executable = linked.executable

    if single_file:
        # It runs copied alone anywhere: nothing beside it is needed.
        runfiles = ctx.runfiles()
    else:
        runfiles = static_runfiles(
            ctx,
            direct = srcs + ctx.files.data + [main],
            targets = deps + ctx.attr.data,
            stdlib = python.stdlib,
            exclude = collected.shared_libraries,
        )
        files = runfiles.files.to_list()
        dirs = package_dirs(ctx, entries, files)
        if dirs:
            runfiles = runfiles.merge(ctx.runfiles(
                root_symlinks = package_dir_symlinks(ctx, dirs, files),
            ))
    providers = [
        DefaultInfo(executable = executable, runfiles = runfiles, files = depset([executable])),
        OutputGroupInfo(pystatic_sources = depset(generated)),
        collected,
    ]
    if ctx.attr.env:
        env = {
            k: ctx.expand_make_variables("env", ctx.expand_location(v, ctx.attr.data), {})
            for k, v in ctx.attr.env.items()
        }

        # `bazel run` and `bazel test` both (Bazel 7's RunEnvironmentInfo).
        providers.append(RunEnvironmentInfo(environment = env))
    return providers

# The attributes static_program reads; main and single_file are
# py_static_binary's and py_static_test's own.
STATIC_PROGRAM_ATTRS = dict({
    "data": attr.label_list(allow_files = True, doc = "Files the program needs at run time, put in runfiles."),
    "deps": attr.label_list(
        aspects = [collect_extensions],
        doc = "py_library, py_static_extension and other Python targets. Every py_static_extension reachable through deps is linked in.",
    ),
    "env": attr.string_dict(doc = "Environment for `bazel run` and `bazel test`; $(location) and Make variables such as $(COMPILATION_MODE) are expanded."),
    "imports": attr.string_list(doc = "Package-relative directories added to sys.path, as py_binary's imports. They cannot leave the repository."),
    "isolated": attr.bool(
        default = True,
        doc = "Start up like `python -I`: ignore PYTHON* environment variables, user site-packages and the current directory, so nothing outside the binary and its runfiles can shadow a module. False behaves like `python` without -I. At run time, `PYSTATIC_INHERIT_ENVIRONMENT=1` also opts out (docs/runtime.md).",
    ),
    "linkopts": attr.string_list(doc = "Extra linker flags for the executable."),
    "python_cli": attr.bool(
        default = False,
        doc = "When the first argument is a Python option (`-c`, `-m`, `-I`, `-E`, `-s`, `-S`, `-B`, `-b`, `-bb`, `-d`, `-O`, `-OO`, `-q`, `-v`, `-u`, `-P`, `-i`, `-X...`, `-W...`), run as `python` with those arguments instead of running main, with the same sys.path and static extensions. This makes `subprocess.run([sys.executable, \"-c\", ...])`, `-m` and multiprocessing's spawn start method work. Off by default: a program whose own command line takes such options would otherwise stop working. `PYSTATIC_INTERPRETER=1` at run time does the same for any binary (docs/runtime.md). In a single-file binary the spawn start method does not work (it needs the main file on disk).",
    ),
    "srcs": attr.label_list(allow_files = [".py"], doc = "The program's own Python sources."),
    "_runtime": attr.label(default = Label("//runtime:runtime"), providers = [CcInfo]),
}, **CC_TOOLCHAIN_ATTRS)

_ATTRS = dict(STATIC_PROGRAM_ATTRS, **{
    "main": attr.label(allow_single_file = [".py"], doc = "The .py file run as `__main__`. Default (unset): `<name>.py` in srcs; without one, the build fails naming the target."),
    "single_file": attr.bool(
        default = False,
        doc = "Pack the program's Python code (compiled to bytecode at build time), its data, the stdlib modules it can import (see pack_stdlib) and their lib-dynload .so files into the executable, which then needs no runfiles and no Python on the machine; nothing is extracted to disk (docs/single_file.md). `__file__` is then `\"<sys.executable>/<path>\"`: read data with importlib.resources. Needs a toolchain with an `interpreter`.",
    ),
    "pack_keep": attr.string_list(doc = "With `single_file` and `pack_stdlib = \"imported\"`: stdlib modules packed although no import of the program names them (modules imported by a computed name, `importlib.import_module(name)`, or from C). `\"pkg\"` keeps that module, `\"pkg.*\"` the package and everything under it. A name the stdlib does not have is an error."),
    "pack_sources": attr.string(
        default = "none",
        values = ["none", "program", "all"],
        doc = "With `single_file`: whose `.py` sources are packed beside their bytecode. `\"none\"` (bytecode only: the smallest file; tracebacks name file and line but show no source line), `\"program\"` (the program's own sources: its tracebacks show lines, `inspect.getsource` works on it), `\"all\"` (the stdlib's too).",
    ),
    "pack_stdlib": attr.string(
        default = "imported",
        values = ["imported", "all"],
        doc = "With `single_file`: which stdlib modules are packed. `\"imported\"`: those the program's imports reach, found at build time from their syntax trees (a module graph, docs/single_file.md), plus `pack_keep`; importing one that was left out raises ModuleNotFoundError naming this switch. `\"all\"`: the whole stdlib, as `python` has it (use it for `python_cli = True` binaries that run arbitrary `-c` code).",
    ),
    "_pack_graph": attr.label(default = Label("//rules/private/tools:module_graph.py"), allow_single_file = True),
    "_pack_helper": attr.label(default = Label("//rules/private/tools:pystatic_resources.py"), allow_single_file = True),
    "_packer": attr.label(default = Label("//rules/private/tools:pack_program.py"), allow_single_file = True),
})

_DOC = """A Python program linked into one executable with CPython (static libpython),
the rules_pystatic runtime and every `py_static_extension` reachable through
`deps`; extensions import by their dotted names with no `.so` on disk.
Pure-Python sources, data and the stdlib go into runfiles, or, with
`single_file = True`, into the executable itself."""

py_static_binary = rule(
    implementation = _py_static_binary_impl,
    doc = _DOC,
    attrs = _ATTRS,
    executable = True,
    toolchains = TOOLCHAINS,
    fragments = ["cpp"],
)

py_static_test = rule(
    implementation = _py_static_binary_impl,
    doc = _DOC + "\n\nRun by `bazel test`; passes when the program exits 0.",
    attrs = _ATTRS,
    test = True,
    toolchains = TOOLCHAINS,
    fragments = ["cpp"],
)
