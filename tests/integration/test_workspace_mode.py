"""WORKSPACE mode on Bazel 7: examples/monorepo's WORKSPACE (the macro in
toolchain/repositories.bzl) builds and runs the same program as its
MODULE.bazel. Bazel 9 has no WORKSPACE; 7 and 8 still do."""

import shutil

import bazel
from test_examples import EXPECTED_LINES


def test_monorepo_in_workspace_mode(tmp_path):
    work = tmp_path / "monorepo"
    shutil.copytree(bazel.EXAMPLE, work, ignore=shutil.ignore_patterns("bazel-*"))
    # Nothing from MODULE.bazel may take part.
    (work / "MODULE.bazel").unlink()
    try:
        result = bazel.run(["run", "//app", "--", "hello", "static", "world"], cwd=work, mode="workspace")
        for line in EXPECTED_LINES:
            assert line in result.stdout, result.stdout[-3000:]
        assert "python 3.12" in result.stdout
        tests = bazel.run(["test", "//..."], cwd=work, mode="workspace")
        assert "//app:app_test" in tests.stdout and "PASSED" in tests.stdout
        # Debian's python3.15 through the macro: the toolchain copes with its
        # static libpython (docs/toolchain.md#debians-static-libpython).
        debian = bazel.run(["run", "//app", bazel.version_flag("3.15"), "--", "hello", "static", "world"],
                           cwd=work, mode="workspace")
        for line in EXPECTED_LINES:
            assert line in debian.stdout, debian.stdout[-3000:]
        assert "python 3.15" in debian.stdout
    finally:
        bazel.run(["shutdown"], cwd=work, mode="workspace", check=False)
