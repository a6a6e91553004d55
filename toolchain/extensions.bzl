"""bzlmod set-up (Bazel 7/8): the `python` module extension.

    python = use_extension("@rules_pystatic//toolchain:extensions.bzl", "python")
    python.local(version = "3.12", default = True)
    python.local(version = "3.11", interpreter = "/opt/python/3.11/bin/python3.11")
    use_repo(python, "pystatic_pythons")
    register_toolchains("@pystatic_pythons//:all")

Written for Bazel 7 and 8 with the APIs both share; CI runs Bazel 4.2.3 in
WORKSPACE mode (toolchain/repositories.bzl), so this file is not exercised by
CI. See docs/toolchain.md.
"""

load("//toolchain/private:local_python.bzl", "pystatic_local_python", "pystatic_toolchains_hub")
load("//toolchain/private:version_flag.bzl", "SUPPORTED_VERSIONS")

_local = tag_class(
    doc = "A CPython on the build machine, found as python<version> on PATH unless `interpreter` is given.",
    attrs = {
        "default": attr.bool(doc = "Use this version when --@rules_pystatic//toolchain:python_version is unset."),
        "interpreter": attr.string(doc = "Path or PATH name of the interpreter; $PYSTATIC_PYTHON_3_X overrides it."),
        "version": attr.string(mandatory = True, doc = "\"3.12\"."),
    },
)

def _python_impl(module_ctx):
    versions = []
    repos = []
    default = None
    for mod in module_ctx.modules:
        for tag in mod.tags.local:
            if tag.version not in SUPPORTED_VERSIONS:
                fail("python.local(version = \"{}\") in module {}: not supported; use one of {}".format(tag.version, mod.name, SUPPORTED_VERSIONS))
            if tag.version in versions:
                continue  # the root module, visited first, wins
            repo = "pystatic_python_" + tag.version.replace(".", "_")
            pystatic_local_python(name = repo, version = tag.version, interpreter = tag.interpreter)
            versions.append(tag.version)
            repos.append(repo)
            if tag.default and default == None:
                default = tag.version
    if not versions:
        fail("rules_pystatic: no python.local(version = ...) tag; add one to MODULE.bazel")
    pystatic_toolchains_hub(
        name = "pystatic_pythons",
        versions = versions,
        repos = repos,
        default = default or versions[0],
    )

python = module_extension(
    implementation = _python_impl,
    tag_classes = {"local": _local},
)
