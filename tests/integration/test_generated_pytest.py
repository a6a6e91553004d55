"""Tests that our Gazelle generates run their tests under `bazel test`.

A user's module with `# gazelle:py_static_tests true` and pytest from PyPI:
Gazelle writes a py_static_pytest_test for each pytest file (with the
conftest.py library of its directory) and a py_static_unittest_test for the
unittest file; a static extension of the same directory is a dependency. The deliberately failing pytest file must FAIL with pytest's
report in its log; the passing one must PASS with pytest's count of the tests
it ran; the unittest file must PASS with unittest's count.
"""

import os
import pathlib
import re
import shutil
import subprocess
import textwrap

import bazel

# tools/test.sh builds it on the host (the Bazel 7 root has no Go);
# $PYSTATIC_GAZELLE points at another build.
GAZELLE = pathlib.Path(os.environ.get("PYSTATIC_GAZELLE") or bazel.ROOT / "gazelle" / "bin" / "gazelle")

# pytest and its dependencies through the public path (docs/pypi.md): the
# lock this repository's own tests use (tests/pypi/pytest.lock.json).
PYTEST_LOCK = bazel.ROOT / "tests" / "pypi" / "pytest.lock.json"

FILES = {
    "MODULE.bazel": """
        module(name = "generated_pytest")

        bazel_dep(name = "rules_pystatic", version = "0.1.0")
        # The locked wheels' BUILD files load rules_python's py_library.
        bazel_dep(name = "rules_cc", version = "0.0.11")
        bazel_dep(name = "rules_python", version = "0.22.1")

        python = use_extension("@rules_pystatic//toolchain:extensions.bzl", "python")
        python.local(
            default = True,
            version = "3.12",
        )
        use_repo(python, "pystatic_pythons")

        register_toolchains("@pystatic_pythons//:all")

        # pytest from PyPI through the lock (docs/pypi.md).
        pypi = use_extension("@rules_pystatic//pypi:extensions.bzl", "pypi")
        pypi.lock(
            name = "pystatic_test_pytest",
            file = "//:pytest.lock.json",
        )
        use_repo(pypi, "pystatic_test_pytest")
        """,
    "BUILD.bazel": """
        # gazelle:py_static_tests true
        # gazelle:py_static_pytest_dep @pystatic_test_pytest//pytest
        """,
    "calc/_fast.c": """
        #include <Python.h>

        static PyObject *
        add(PyObject *self, PyObject *args)
        {
            long a, b;
            if (!PyArg_ParseTuple(args, "ll", &a, &b)) {
                return NULL;
            }
            return PyLong_FromLong(a + b);
        }

        static PyMethodDef methods[] = {
            {"add", add, METH_VARARGS, "Add two integers."},
            {NULL, NULL, 0, NULL},
        };

        static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_fast", NULL, 0, methods};

        PyMODINIT_FUNC
        PyInit__fast(void)
        {
            return PyModule_Create(&def);
        }
        """,
    "calc/conftest.py": """
        import pytest


        @pytest.fixture
        def numbers():
            return (2, 3)
        """,
    "calc/test_passing.py": """
        import pytest

        from calc import _fast


        def test_fixture_from_conftest(numbers):
            assert _fast.add(*numbers) == 5


        @pytest.mark.parametrize("a,b", [(1, 2), (-4, 4)])
        def test_add(a, b):
            assert _fast.add(a, b) == a + b
        """,
    "calc/test_failing.py": """
        from calc import _fast


        def test_deliberately_failing():
            assert _fast.add(2, 2) == 5
        """,
    # In a directory without conftest.py: there it would be a pytest test.
    "units/cases_test.py": """
        import unittest

        from calc import _fast


        class CasesTest(unittest.TestCase):
            def test_add(self):
                self.assertEqual(_fast.add(20, 22), 42)

            def test_negative(self):
                self.assertEqual(_fast.add(-1, -1), -2)
        """,
}


def test_generated_tests_run_their_tests(tmp_path):
    assert os.access(GAZELLE, os.X_OK), "no Gazelle binary at {}: run bash gazelle/build.sh {}".format(GAZELLE, GAZELLE)
    work = tmp_path / "ws"
    for name, text in FILES.items():
        path = work / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = textwrap.dedent(text).lstrip()
        path.write_text(text)
    (work / "pytest.lock.json").write_bytes(PYTEST_LOCK.read_bytes())
    gazelle = subprocess.run([str(GAZELLE)], cwd=work, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert gazelle.returncode == 0, gazelle.stdout
    build = (work / "calc" / "BUILD.bazel").read_text() + (work / "units" / "BUILD.bazel").read_text()
    for expected in ('py_static_pytest_test(\n    name = "test_passing"', 'py_static_pytest_test(\n    name = "test_failing"',
                     'py_static_unittest_test(\n    name = "cases_test"', 'pytest = "@pystatic_test_pytest//pytest"',
                     'py_static_py_library(\n    name = "conftest"'):
        assert expected in build, build

    try:
        result = bazel.run(["test", "--keep_going", "--nocache_test_results", "--test_output=summary", "//..."], cwd=work, check=False)
        logs = {}
        for target in ("calc/test_passing", "calc/test_failing", "units/cases_test"):
            log = work / "bazel-testlogs" / target / "test.log"
            logs[target.split("/")[1]] = log.read_text() if log.exists() else ""
        # pytest's options through Bazel's: -k from --test_arg, and
        # --test_filter (which the runner turns into -k).
        passing_log = work / "bazel-testlogs" / "calc" / "test_passing" / "test.log"
        selected = {}
        for flags in (("--test_arg=-k", "--test_arg=add"), ("--test_filter=fixture",)):
            bazel.run(["test", "--nocache_test_results", *flags, "//calc:test_passing"], cwd=work)
            selected[flags[-1]] = passing_log.read_text()
    finally:
        bazel.run(["shutdown"], cwd=work, check=False)
    out = result.stdout
    # 3: the build succeeded and some test failed.
    assert result.returncode == 3, out[-6000:]
    assert re.search(r"//calc:test_failing\s+FAILED", out), out[-6000:]
    assert re.search(r"//calc:test_passing\s+PASSED", out), out[-6000:]
    assert re.search(r"//units:cases_test\s+PASSED", out), out[-6000:]
    # pytest ran, and said what failed and why.
    assert "test_failing.py::test_deliberately_failing" in logs["test_failing"], logs["test_failing"]
    assert "assert 4 == 5" in logs["test_failing"], logs["test_failing"]
    assert re.search(r"=+ 1 failed in ", logs["test_failing"]), logs["test_failing"]
    assert re.search(r"=+ 3 passed in ", logs["test_passing"]), logs["test_passing"]
    assert "Ran 2 tests" in logs["cases_test"], logs["cases_test"]
    assert re.search(r"=+ 2 passed, 1 deselected in ", selected["--test_arg=add"]), selected["--test_arg=add"]
    assert re.search(r"=+ 1 passed, 2 deselected in ", selected["--test_filter=fixture"]), selected["--test_filter=fixture"]
