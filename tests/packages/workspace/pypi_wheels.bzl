"""Pure-Python wheels from PyPI as one py_library (pytest and its dependencies).

Copied by tests/packages/harness.py into every generated package workspace.
The wheels are fetched with `pip download --require-hashes` (these machines
reach PyPI only through pip), so every file is pinned by sha256, then unpacked
into one `site/` directory that the py_library puts on sys.path.
"""

def _pypi_wheels_impl(rctx):
    rctx.file("requirements.txt", "".join([r + "\n" for r in rctx.attr.requirements]))
    python = rctx.which("python3")
    if not python:
        fail("pypi_wheels(name = \"{}\"): needs python3 with pip on PATH".format(rctx.name))
    result = rctx.execute([
        python, "-m", "pip", "download", "--quiet", "--no-deps",
        "--only-binary", ":all:", "--require-hashes",
        "-r", "requirements.txt", "-d", "wheels",
    ], timeout = 600)
    if result.return_code != 0:
        fail("pypi_wheels(name = \"{}\"): pip download failed:\n{}".format(rctx.name, result.stderr))
    for wheel in rctx.path("wheels").readdir():
        if not wheel.basename.endswith("-none-any.whl"):
            fail("pypi_wheels(name = \"{}\"): {} is not a pure-Python wheel".format(rctx.name, wheel.basename))
        # A wheel is a zip; Bazel 4's extract() infers the format from the name.
        rctx.symlink(wheel, "w.zip")
        rctx.extract("w.zip", output = "site")
        rctx.delete("w.zip")
    rctx.delete("wheels")
    rctx.file("WORKSPACE", "workspace(name = \"{}\")\n".format(rctx.name))
    rctx.file("BUILD.bazel", """load("@rules_python//python:defs.bzl", "py_library")

py_library(
    name = "{name}",
    srcs = glob(["site/**/*.py"]),
    data = glob(["site/**"], exclude = ["site/**/*.py", "site/**/*.pyc", "site/**/RECORD"]),
    imports = ["site"],
    visibility = ["//visibility:public"],
)
""".format(name = rctx.attr.library) + ("" if not rctx.attr.include_dir else """
cc_library(
    name = "headers",
    hdrs = glob(["site/{include}/**/*.h"]),
    includes = ["site/{include}"],
    visibility = ["//visibility:public"],
)
""".format(include = rctx.attr.include_dir)))

pypi_wheels = repository_rule(
    implementation = _pypi_wheels_impl,
    attrs = {
        "include_dir": attr.string(doc = "If set, also a cc_library `headers` of the C/C++ headers under site/<include_dir>."),
        "library": attr.string(default = "pytest", doc = "Name of the py_library target."),
        "requirements": attr.string_list(mandatory = True, doc = "`NAME==VERSION --hash=sha256:...` lines, one per wheel."),
    },
)
