"""Pure-Python wheels from PyPI as one py_library (pytest and its dependencies).

Copied by tests/packages/harness.py into every generated package module, whose
MODULE.bazel uses it with `use_repo_rule`. Its repositories see the root
module's dependencies (rules_cc, rules_python, rules_pystatic).
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
        # A wheel is a zip; extract() infers the format from the name.
        rctx.symlink(wheel, "w.zip")
        rctx.extract("w.zip", output = "site")
        rctx.delete("w.zip")
    rctx.delete("wheels")
    # Targets are named by attributes, never after rctx.name: with bzlmod that
    # is the canonical name (`+_repo_rules+pystatic_pytest`), not the one in
    # MODULE.bazel.
    rctx.file("REPO.bazel", "")
    rctx.file("BUILD.bazel", """load("@rules_cc//cc:defs.bzl", "cc_library")
load("@rules_python//python:defs.bzl", "py_library")

py_library(
    name = "{name}",
    srcs = glob(["site/**/*.py"]),
    data = glob(["site/**"], exclude = ["site/**/*.py", "site/**/*.pyc", "site/**/RECORD"]),
    imports = ["site"],
    visibility = ["//visibility:public"],
)
""".format(name = rctx.attr.library) + ("" if not rctx.attr.include_dir else """
cc_library(
    name = "{cc_name}",
    srcs = {srcs},
    hdrs = glob({hdrs}),
    includes = {includes},
    copts = {copts},
    visibility = ["//visibility:public"],
    deps = {deps},
)
""".format(
        cc_name = rctx.attr.cc_name,
        srcs = repr(["site/{}".format(s) for s in rctx.attr.cc_srcs]),
        hdrs = repr(["site/{}/**/*.h".format(d) for d in [rctx.attr.include_dir] + rctx.attr.extra_include_dirs] +
                    ["site/{}".format(g) for g in rctx.attr.cc_private_hdrs]),
        includes = repr(["site/{}".format(d) for d in [rctx.attr.include_dir] + rctx.attr.extra_include_dirs]),
        copts = repr(rctx.attr.cc_copts),
        deps = repr(rctx.attr.cc_deps),
    )))

pypi_wheels = repository_rule(
    implementation = _pypi_wheels_impl,
    attrs = {
        "cc_copts": attr.string_list(doc = "copts of the cc_library (compiling cc_srcs)."),
        "cc_deps": attr.string_list(doc = "deps of the cc_library (e.g. the toolchain's Python headers for cc_srcs)."),
        "cc_name": attr.string(default = "headers", doc = "Name of the cc_library target."),
        "cc_private_hdrs": attr.string_list(doc = "Globs under site/ of headers that cc_srcs include (e.g. nanobind/src/*.h)."),
        "cc_srcs": attr.string_list(doc = "Sources under site/ compiled into the cc_library (nanobind's libnanobind)."),
        "extra_include_dirs": attr.string_list(doc = "More directories under site/ whose headers are in the cc_library and on its include path."),
        "include_dir": attr.string(doc = "If set, also a cc_library (cc_name) of the C/C++ headers under site/<include_dir>."),
        "library": attr.string(default = "pytest", doc = "Name of the py_library target."),
        "requirements": attr.string_list(mandatory = True, doc = "`NAME==VERSION --hash=sha256:...` lines, one per wheel."),
    },
)
