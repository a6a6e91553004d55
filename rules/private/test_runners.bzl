"""py_static_pytest_test and py_static_unittest_test: static test programs
whose main is a generated runner that runs the test files' tests.

A test file of pytest or unittest style defines tests and runs none when it
is run as a program; a py_static_test with it as main passes without running
anything. These rules run the tests through pytest.main() or
unittest.main() instead, and fail when a test fails or when none ran.
"""

load(":binary.bzl", "STATIC_PROGRAM_ATTRS", "static_program")
load(":collect.bzl", "collect_extensions")
load(":labels.bzl", "label_for_humans")
load(":runfiles.bzl", "runfiles_path")
load(":toolchains.bzl", "TOOLCHAINS")

def _is_test_name(basename):
    # pytest's default python_files ("test_*.py *_test.py"); the same names
    # Gazelle generates tests for.
    return basename.endswith(".py") and (basename.startswith("test_") or basename.endswith("_test.py"))

def _test_files(ctx):
    if ctx.files.tests:
        return ctx.files.tests
    found = [f for f in ctx.files.srcs if _is_test_name(f.basename)]
    if not found:
        fail("{}: no test files: srcs has no test_*.py or *_test.py file. Name the test files so, or list them in `tests`".format(label_for_humans(ctx.label)))
    return found

def _runner_impl(ctx, template, deps):
    tests = _test_files(ctx)
    main = ctx.actions.declare_file("_pystatic/{}/{}".format(ctx.label.name, template.basename))
    main_path = runfiles_path(ctx, main)
    config = {
        "label": label_for_humans(ctx.label),
        "main": main_path,
        # pytest's rootdir, the directory its conftest.py search starts
        # from: the repository that holds the tests.
        "rootdir": main_path.split("/")[0],
        "tests": [runfiles_path(ctx, f) for f in tests],
    }
    ctx.actions.expand_template(
        template = template,
        output = main,
        substitutions = {"@CONFIG@": json.encode(config)},
    )
    return static_program(ctx, main, deps, ctx.files.srcs + tests, single_file = False)

def _pytest_impl(ctx):
    return _runner_impl(ctx, ctx.file._pytest_main, ctx.attr.deps + [ctx.attr.pytest])

def _unittest_impl(ctx):
    return _runner_impl(ctx, ctx.file._unittest_main, ctx.attr.deps)

_RUNNER_ATTRS = dict(STATIC_PROGRAM_ATTRS, **{
    "srcs": attr.label_list(allow_files = [".py"], doc = "The test files, conftest.py files and helpers."),
    "tests": attr.label_list(
        allow_files = [".py"],
        doc = "The files whose tests run. Default (empty): the files in srcs named test_*.py or *_test.py (never conftest.py or helpers); with neither, the build fails naming the target.",
    ),
})

py_static_pytest_test = rule(
    implementation = _pytest_impl,
    doc = """A static test program that runs pytest over its test files.

Its main is a generated runner: `pytest.main([-p no:cacheprovider, --rootdir
<the repository in runfiles>, <the test files>, <args and --test_arg>])`, plus
`--junitxml=$XML_OUTPUT_FILE` and `-k <--test_filter>` when Bazel sets them.
It exits with pytest's status: 1 when a test failed, 5 when none was
collected, so `bazel test` fails either way. conftest.py files it needs go
into srcs (or deps), as they must be in runfiles for pytest to find them.""",
    attrs = dict(_RUNNER_ATTRS, **{
        "pytest": attr.label(
            mandatory = True,
            aspects = [collect_extensions],
            doc = "The py_library that provides pytest and its dependencies, e.g. `@pypi//pytest`. Gazelle writes the label of `# gazelle:py_static_pytest_dep`.",
        ),
        "_pytest_main": attr.label(default = Label("//rules/private/tools:pytest_main.py"), allow_single_file = True),
    }),
    test = True,
    toolchains = TOOLCHAINS,
    fragments = ["cpp"],
)

py_static_unittest_test = rule(
    implementation = _unittest_impl,
    doc = """A static test program that runs unittest over its test files.

Its main is a generated runner: each test file is imported by its module name
(from the highest directory of its `__init__.py` chain, as pytest names it)
and `unittest.main()` runs them with the test's args and --test_arg (`-k`,
`-v`, ...), plus `-k <--test_filter>`. It exits 1 when a test failed or
errored, and 5 when no test ran, so `bazel test` fails either way.""",
    attrs = dict(_RUNNER_ATTRS, **{
        "_unittest_main": attr.label(default = Label("//rules/private/tools:unittest_main.py"), allow_single_file = True),
    }),
    test = True,
    toolchains = TOOLCHAINS,
    fragments = ["cpp"],
)
