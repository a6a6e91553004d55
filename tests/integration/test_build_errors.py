"""Build-time errors a user can hit: each names the target or file and the fix,
and leaves no half-written output behind."""

import os
import pathlib
import re
import stat
import textwrap

import pytest

import bazel


# tools/bazel.sh points $PYSTATIC_PYTHON_3_12 at pyenv, which would take
# precedence over the interpreters these workspaces name.
_NO_ENV_OVERRIDE = "--repo_env=PYSTATIC_PYTHON_3_12="


def _build_fails(target):
    result = bazel.run(["build", target], cwd=bazel.ROOT, check=False)
    assert result.returncode != 0, result.stdout[-3000:]
    # Labels of this repository as Bazel's own messages print them (//p:t),
    # never with a repository prefix as str(Label) has them with bzlmod
    # (rules/private/labels.bzl): the messages checked below are substrings.
    assert not re.search(r"@@?//tests/", result.stdout), result.stdout[-3000:]
    return result.stdout


def test_init_function_of_another_name():
    out = _build_fails("//tests/errors:wrong_name")
    assert (
        "//tests/errors:wrong_name: module 'errors.wrong' needs an init function named "
        "PyInit_wrong, but its sources define only: PyInit_other. Set module = the matching "
        "dotted name, or rename the function"
    ) in out
    assert not (bazel.ROOT / "bazel-bin/tests/errors/_pystatic/libwrong_name.a").exists()


def test_no_init_function():
    out = _build_fails("//tests/errors:no_init")
    assert "//tests/errors:no_init: module 'errors.no_init' needs an init function named PyInit_no_init, and no source in srcs defines one" in out


def test_static_init_function():
    out = _build_fails("//tests/errors:static_init")
    assert "//tests/errors:static_init: PyInit_hidden is defined but not global (is it static?)" in out


def test_gnu_unique_symbol_left_by_copts():
    out = _build_fails("//tests/errors:gnu_unique")
    assert (
        "//tests/errors:gnu_unique: objects define GNU unique symbols that cannot be made "
        "private to this extension: _ZZ7countervE5calls. Compile C++ sources with -fno-gnu-unique"
    ) in out


def test_unsupported_python_version_flag():
    result = bazel.run(
        ["build", "//tests/rules/basic:_speedups", "--@rules_pystatic//toolchain:python_version=2.7"],
        cwd=bazel.ROOT,
        check=False,
    )
    assert result.returncode != 0
    assert (
        "//toolchain:python_version=2.7: not a supported Python version; use one of "
        "3.10, 3.11, 3.12, 3.13, 3.14, 3.15"
    ) in result.stdout


def test_malformed_source_names_the_file():
    """A C error is the compiler's, at the file and line of the mistake, and
    Bazel names the target's BUILD line and the file: not an error of ours
    (the isolation step never runs), and not just any compiler error (a
    missing Python.h would name line 2)."""
    out = _build_fails("//tests/errors:malformed")
    assert re.search(r"tests/errors/BUILD\.bazel:\d+:\d+: Compiling tests/errors/malformed\.c failed", out), out[-3000:]
    # GCC: "'undeclared_def' undeclared"; clang: "use of undeclared identifier 'undeclared_def'".
    assert re.search(r"tests/errors/malformed\.c:7:\d+: error: .*undeclared_def", out), out[-3000:]
    assert "Isolating Python extension" not in out and "error: //tests/errors:malformed" not in out


def test_cython_compile_error_names_the_file_and_line():
    out = _build_fails("//tests/errors:cython_error")
    # Cython's own message, with the path as the workspace knows it.
    assert "tests/errors/cython_error.pyx:6:" in out, out[-3000:]
    assert "undeclared name not builtin: undefined_name_here" in out
    assert (
        "//tests/errors:cython_error: Cython could not compile tests/errors/cython_error.pyx "
        "(its errors above name the file and line)"
    ) in out
    assert not (bazel.ROOT / "bazel-bin/tests/errors/_pystatic/cython/cython_error/cython_error.c").exists()


def test_cython_language_header_disagrees_with_the_target():
    out = _build_fails("//tests/errors:cython_language_mismatch")
    assert (
        "//tests/errors:cython_language_mismatch: tests/errors/cython_cplus.pyx says "
        "`# distutils: language = c++`, but the target compiles it as c. "
        'Set cython_language = "c++" on'
    ) in out, out[-3000:]


def _workspace(tmp_path, interpreter):
    """A user's module with one python.local toolchain for 3.12 at `interpreter`."""
    (tmp_path / "MODULE.bazel").write_text(
        textwrap.dedent(
            """\
            bazel_dep(name = "rules_pystatic", version = "0.1.0")
            python = use_extension("@rules_pystatic//toolchain:extensions.bzl", "python")
            python.local(version = "3.12", default = True, interpreter = "{interpreter}")
            use_repo(python, "pystatic_pythons")
            register_toolchains("@pystatic_pythons//:all")
            """
        ).format(interpreter=interpreter)
    )
    (tmp_path / "BUILD.bazel").write_text(
        textwrap.dedent(
            """\
            load("@rules_pystatic//rules:defs.bzl", "py_static_binary")
            py_static_binary(name = "hello", srcs = ["hello.py"])
            """
        )
    )
    (tmp_path / "hello.py").write_text("print('hello')\n")
    return tmp_path


def _fake_interpreter(tmp_path, real, sed):
    """An interpreter whose description says something else (via sed)."""
    script = tmp_path / "fake-python"
    script.write_text('#!/bin/sh\n"{}" "$@" | sed -e \'{}\'\n'.format(real, sed))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def _pyenv_python(version):
    root = pathlib.Path(os.environ.get("PYENV_ROOT", pathlib.Path.home() / ".pyenv"))
    found = sorted(root.glob("versions/{}.*/bin/python{}".format(version, version)))
    assert found, "no pyenv CPython " + version
    return found[-1]


@pytest.fixture
def scratch_workspace(tmp_path):
    startup = ["--output_base={}".format(tmp_path / "output_base"), "--max_idle_secs=30"]
    work = tmp_path / "ws"
    work.mkdir()
    yield work, startup
    bazel.run(["shutdown"], cwd=work, startup=startup, check=False)


def test_interpreter_without_static_libpython(scratch_workspace, tmp_path):
    work, startup = scratch_workspace
    fake = _fake_interpreter(tmp_path, _pyenv_python("3.12"), 's/"static_library": "[^"]*"/"static_library": ""/')
    _workspace(work, fake)
    result = bazel.run(["build", "//:hello", _NO_ENV_OVERRIDE], cwd=work, startup=startup, check=False)
    assert result.returncode != 0
    assert "has no static libpython (looked for " in result.stdout
    assert "A static binary links libpython3.12.a" in result.stdout


def test_free_threaded_interpreter(scratch_workspace, tmp_path):
    work, startup = scratch_workspace
    fake = _fake_interpreter(tmp_path, _pyenv_python("3.12"), 's/"gil_disabled": false/"gil_disabled": true/')
    _workspace(work, fake)
    result = bazel.run(["build", "//:hello", _NO_ENV_OVERRIDE], cwd=work, startup=startup, check=False)
    assert result.returncode != 0
    assert "is a free-threaded build; it is not supported yet" in result.stdout


def test_interpreter_of_another_version(scratch_workspace):
    work, startup = scratch_workspace
    _workspace(work, _pyenv_python("3.11"))
    result = bazel.run(["build", "//:hello", _NO_ENV_OVERRIDE], cwd=work, startup=startup, check=False)
    assert result.returncode != 0
    assert 'is Python 3.11, but version = "3.12"' in result.stdout


def test_missing_interpreter(scratch_workspace):
    work, startup = scratch_workspace
    _workspace(work, "/nonexistent/python3.12")
    result = bazel.run(["build", "//:hello", _NO_ENV_OVERRIDE], cwd=work, startup=startup, check=False)
    assert result.returncode != 0
    assert "interpreter /nonexistent/python3.12 does not exist" in result.stdout
