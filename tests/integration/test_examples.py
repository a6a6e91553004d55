"""The example monorepo, built and run by Bazel 7 on every supported Python."""

import pathlib

import pytest

import bazel

EXPECTED_LINES = [
    "args: hello static world",
    "alpha._speedups: checksum(b'static') = ",
    "(alpha)",
    "beta._speedups: count() = 1, 2 (beta, 2 phases)",
    "mathext._fastmath: fib(90) = 2880067194370816120",
    "geometry._geom: hypot(3, 4) = 5.0",
    "geometry._geom.shapes: Circle(2).area() = 12.5664, pickled radius 2.0",
]


@pytest.mark.parametrize("version", bazel.PYTHON_VERSIONS + bazel.DEBIAN_PYTHON_VERSIONS)
def test_bazel_test_passes(version):
    result = bazel.run(["test", "//...", bazel.version_flag(version)], cwd=bazel.EXAMPLE)
    assert "//app:app_test" in result.stdout and "PASSED" in result.stdout


# Debian's 3.14 runs app_test above; `bazel run` once more only on 3.15 (CI time).
@pytest.mark.parametrize("version", bazel.PYTHON_VERSIONS + ["3.15"])
def test_bazel_run_app(version):
    result = bazel.run(
        ["run", "//app", bazel.version_flag(version), "--", "hello", "static", "world"],
        cwd=bazel.EXAMPLE,
    )
    for line in EXPECTED_LINES:
        assert line in result.stdout, result.stdout[-3000:]
    assert "python {}".format(version) in result.stdout


def test_static_binary_ships_no_extension_so():
    """The .so each py_static_extension offers plain py_binary stays out of static runfiles."""
    bazel.run(["build", "//app", bazel.version_flag("3.12")], cwd=bazel.EXAMPLE)
    runfiles = bazel.EXAMPLE / "bazel-bin" / "app" / "app.runfiles"
    assert runfiles.is_dir()
    # The stdlib's lib-dynload .so files are expected; no extension of ours
    # may be there. The main repository's directory is the one that holds
    # the program's own Python files (_main with bzlmod, else the workspace
    # name).
    main_repo = [p.parent for p in runfiles.glob("*/alpha/__init__.py")]
    assert len(main_repo) == 1, sorted(runfiles.iterdir())
    ours = [p for p in main_repo[0].rglob("*.so")]
    assert ours == []
    assert sorted(p.name for p in runfiles.rglob("*.so") if "pystatic_python_3_12" not in str(p)) == []
