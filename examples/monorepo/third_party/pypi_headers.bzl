"""Header-only C/C++ libraries from PyPI wheels (pybind11, nanobind) as Bazel repositories.

The wheel is fetched with `pip download --require-hashes`, so the content is
pinned by sha256 like an http_archive, through whatever index pip is set up
to use (these machines reach PyPI only through pip).
"""

def _pypi_headers_impl(rctx):
    requirement = "{}=={} --hash=sha256:{}".format(rctx.attr.package, rctx.attr.version, rctx.attr.sha256)
    rctx.file("requirements.txt", requirement + "\n")
    python = rctx.which("python3")
    if not python:
        fail("pypi_headers(name = \"{}\"): needs python3 with pip on PATH".format(rctx.name))
    result = rctx.execute([
        python,
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-deps",
        "--only-binary",
        ":all:",
        "--require-hashes",
        "-r",
        "requirements.txt",
        "-d",
        "wheels",
    ], timeout = 600)
    if result.return_code != 0:
        fail("pypi_headers(name = \"{}\"): pip download {} failed:\n{}".format(rctx.name, requirement, result.stderr))
    wheels = [p for p in rctx.path("wheels").readdir() if p.basename.endswith(".whl")]
    if len(wheels) != 1:
        fail("pypi_headers(name = \"{}\"): expected one wheel, got {}".format(rctx.name, wheels))

    # A wheel is a zip; extract() infers the format from the name.
    rctx.symlink(wheels[0], "wheel.zip")
    rctx.extract("wheel.zip", output = "wheel")
    rctx.delete("wheel.zip")
    rctx.delete("wheels")
    rctx.file("BUILD.bazel", """load("@rules_cc//cc:defs.bzl", "cc_library")

cc_library(
    name = "{name}",
    hdrs = glob(["wheel/{include}/**/*.h"]),
    includes = ["wheel/{include}"],
    visibility = ["//visibility:public"],
)
""".format(name = rctx.attr.package, include = rctx.attr.include_dir))

# The library's target is named after the package (`@pybind11//:pybind11`):
# with bzlmod, rctx.name is the canonical repository name, not the apparent one.
pypi_headers = repository_rule(
    implementation = _pypi_headers_impl,
    attrs = {
        "include_dir": attr.string(mandatory = True, doc = "Directory of the headers inside the wheel."),
        "package": attr.string(mandatory = True),
        "sha256": attr.string(mandatory = True, doc = "sha256 of the wheel file."),
        "version": attr.string(mandatory = True),
    },
)
