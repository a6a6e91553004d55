"""The main of a py_static_unittest_test (rules_pystatic), generated from
rules/private/tools/unittest_main.py: imports each test file, runs its tests
with unittest and exits 1 when one failed or errored, 5 when none ran, so
`bazel test` fails either way.  "@CONFIG@" below is replaced at build time."""

import json
import os
import sys
import unittest

# label: the test target; main: this file's path under the runfiles
# directory; tests: the test files' paths under the runfiles directory.
CONFIG = json.loads(r'''@CONFIG@''')

# pytest's status for "no tests collected"; unittest has none before 3.12.
NO_TESTS_RAN = 5


def runfiles_root():
    """The runfiles directory: this file's path minus its path inside it."""
    here = os.path.abspath(__file__)
    suffix = os.sep + CONFIG["main"].replace("/", os.sep)
    if not here.endswith(suffix):
        sys.exit("{}: cannot find the runfiles directory: the runner is {}, which does not end with {}".format(
            CONFIG["label"], here, suffix))
    return here[: -len(suffix)]


def module_name(path):
    """(directory to import from, dotted name) of a test file, named as
    pytest names it: the file's stem under every enclosing directory that
    has an __init__.py, so relative imports inside a package work and a
    directory without one (say tests/) cannot collide with another
    top-level package (the stdlib's test)."""
    directory, base = os.path.split(path)
    parts = [os.path.splitext(base)[0]]
    while os.path.isfile(os.path.join(directory, "__init__.py")):
        directory, package = os.path.split(directory)
        parts.insert(0, package)
    return directory, ".".join(parts)


def main():
    root = runfiles_root()
    names = []
    for test in CONFIG["tests"]:
        directory, name = module_name(os.path.join(root, *test.split("/")))
        if directory not in sys.path:
            sys.path.insert(0, directory)
        names.append(name)
    argv = [sys.argv[0]] + sys.argv[1:]
    if os.environ.get("TESTBRIDGE_TEST_ONLY"):  # bazel test --test_filter=...
        argv += ["-k", os.environ["TESTBRIDGE_TEST_ONLY"]]
    result = unittest.main(module=None, argv=argv + names, exit=False).result
    if not result.wasSuccessful():
        sys.exit(1)
    if result.testsRun == 0:
        print("{}: no test ran (none in {}, or none matched -k)".format(
            CONFIG["label"], ", ".join(CONFIG["tests"])), file=sys.stderr)
        sys.exit(NO_TESTS_RAN)
    sys.exit(0)


if __name__ == "__main__":
    main()
