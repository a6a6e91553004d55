"""The example monorepo, built and run by Bazel 4.2.3 on every supported Python."""

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


@pytest.mark.parametrize("version", bazel.PYTHON_VERSIONS)
def test_bazel_test_passes(version):
    result = bazel.run(["test", "//...", bazel.version_flag(version)], cwd=bazel.EXAMPLE)
    assert "//app:app_test" in result.stdout and "PASSED" in result.stdout


@pytest.mark.parametrize("version", bazel.PYTHON_VERSIONS)
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
    # The stdlib's lib-dynload .so files are expected (also under Bazel 4's
    # legacy <workspace>/external/ copy); no extension of ours may be there.
    ours = [p for p in runfiles.rglob("*.so") if "/pystatic_python_3_12/" not in str(p)]
    assert ours == []
    assert (runfiles / "monorepo" / "alpha" / "__init__.py").exists()
