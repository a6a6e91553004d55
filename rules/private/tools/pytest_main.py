"""The main of a py_static_pytest_test (rules_pystatic), generated from
rules/private/tools/pytest_main.py: runs pytest over the test's files and
exits with pytest's status, so a failing test, or a file with no test, fails
`bazel test`.  "@CONFIG@" below is replaced at build time."""

import json
import os
import sys

# label: the test target; main: this file's path under the runfiles
# directory; rootdir: the repository directory pytest starts from; tests:
# the test files' paths under the runfiles directory.
CONFIG = json.loads(r'''@CONFIG@''')


def runfiles_root():
    """The runfiles directory: this file's path minus its path inside it."""
    here = os.path.abspath(__file__)
    suffix = os.sep + CONFIG["main"].replace("/", os.sep)
    if not here.endswith(suffix):
        sys.exit("{}: cannot find the runfiles directory: the runner is {}, which does not end with {}".format(
            CONFIG["label"], here, suffix))
    return here[: -len(suffix)]


def pytest_args(root, argv, environ):
    """pytest's command line: ours, then Bazel's, then the test files, then
    the test's args and --test_arg values (so they can override ours)."""
    args = [
        # Runfiles are not a place to write a cache into.
        "-p", "no:cacheprovider",
        # conftest.py files are searched from here down to each test file;
        # without it pytest would start from the test files' common
        # directory and miss the conftest.py files above it.
        "--rootdir=" + os.path.join(root, CONFIG["rootdir"]),
    ]
    if environ.get("XML_OUTPUT_FILE"):
        args.append("--junitxml=" + environ["XML_OUTPUT_FILE"])
    if environ.get("TESTBRIDGE_TEST_ONLY"):  # bazel test --test_filter=...
        args += ["-k", environ["TESTBRIDGE_TEST_ONLY"]]
    args += [os.path.join(root, *t.split("/")) for t in CONFIG["tests"]]
    return args + list(argv)


def main():
    # pytest writes the modules its assertion rewriting made into
    # __pycache__ beside the test files, unless told not to.
    sys.dont_write_bytecode = True
    try:
        import pytest
    except ImportError as e:
        sys.exit("{}: cannot import pytest ({}); the target's `pytest` attribute must be a py_library "
                 "that provides it".format(CONFIG["label"], e))
    status = pytest.main(pytest_args(runfiles_root(), sys.argv[1:], os.environ))
    # ExitCode: 0 passed, 1 tests failed, 2 interrupted, 3 internal error,
    # 4 usage error, 5 no tests collected. Only 0 passes.
    sys.exit(int(status))


if __name__ == "__main__":
    main()
