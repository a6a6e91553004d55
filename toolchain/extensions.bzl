"""bzlmod set-up (Bazel 7 and newer): the `python` module extension.

    python = use_extension("@rules_pystatic//toolchain:extensions.bzl", "python")
    python.local(version = "3.12", default = True)
    python.local(version = "3.11", interpreter = "/opt/python/3.11/bin/python3.11")
    python.standalone(                      # hermetic: a python-build-standalone "full" archive
        version = "3.13",
        urls = ["https://.../cpython-3.13.1+20250115-x86_64-unknown-linux-gnu-pgo-full.tar.zst"],
        sha256 = "...",
    )
    use_repo(python, "pystatic_pythons")
    register_toolchains("@pystatic_pythons//:all")

rules_pystatic's own MODULE.bazel uses this extension too (with no tags), for
@pystatic_pythons//:versions.bzl: the version flag's default is the default
version registered here. Tested on Bazel 7.7.1 (tests/integration/
test_standalone_toolchain.py and test_local_toolchain.py). See
docs/toolchain.md.

The `cython` extension pins the Cython that compiles `.pyx` sources
(docs/rules.md#cython-sources). rules_pystatic's own MODULE.bazel uses it, so
the default pin needs nothing from you; to pin another Cython:

    cython = use_extension("@rules_pystatic//toolchain:extensions.bzl", "cython")
    cython.wheel(
        version = "3.3.1",
        urls = ["https://files.pythonhosted.org/.../cython-3.3.1-py3-none-any.whl"],
        sha256 = "...",
    )
"""

load("//toolchain/private:cython_wheel.bzl", "cython_wheel_spec", "pystatic_cython_wheel")
load("//toolchain/private:local_python.bzl", "pystatic_local_python", "pystatic_toolchains_hub")
load("//toolchain/private:platforms.bzl", "known_platform_json")
load("//toolchain/private:standalone_python.bzl", "pystatic_standalone_python")
load("//toolchain/private:version_flag.bzl", "SUPPORTED_VERSIONS")

_local = tag_class(
    doc = "A CPython on the build machine, found as `python<version>` on PATH unless `interpreter` is given.",
    attrs = {
        "default": attr.bool(doc = "Use this version when --@rules_pystatic//toolchain:python_version is unset. The root module's choice wins; without one, the root module's first version; a module with no tags of its own follows the others."),
        "interpreter": attr.string(doc = "Path or PATH name of the interpreter. Default (empty): `python<version>` on PATH. $PYSTATIC_PYTHON_3_X (given with --repo_env) overrides either."),
        "python_runtime": attr.bool(doc = "Also register Bazel's own Python toolchain (py_runtime_pair) for this interpreter behind the same version setting, so a plain py_test loads a py_static_extension's dynamic .so with the Python it was compiled for. Needs a Bazel that still has @bazel_tools//tools/python:toolchain.bzl (7 and 8)."),
        "version": attr.string(mandatory = True, doc = "\"3.12\": one of 3.10 to 3.15. A version given again (in this module or another) is the first one's."),
    },
)

_standalone = tag_class(
    doc = "A python-build-standalone \"full\" archive, downloaded and checked by sha256 (pystatic_standalone_python). Every stdlib extension with object files is linked statically.",
    attrs = {
        "default": attr.bool(doc = "Use this version when --@rules_pystatic//toolchain:python_version is unset. The root module's choice wins; without one, the root module's first version; a module with no tags of its own follows the others."),
        "exclude_extensions": attr.string_list(doc = "Stdlib extension modules not to link statically: they stay .so files if the archive has them in lib-dynload. A name that is not an extension of the archive is an error."),
        "extension_variants": attr.string_dict(doc = "{extension: variant} where PYTHON.json offers several."),
        "sha256": attr.string(mandatory = True, doc = "SHA-256 of the archive."),
        "strip_prefix": attr.string(default = "python", doc = "Directory in the archive holding PYTHON.json."),
        "target_triple": attr.string(doc = "The archive's target triple (\"x86_64-unknown-linux-gnu\"), as in its PYTHON.json. Default: read from the URL's file name when it follows python-build-standalone's naming (`cpython-3.13.1+20250115-x86_64-unknown-linux-gnu-pgo-full.tar.zst`). Known before the download, the platform goes on the toolchain directly and the archive is downloaded only when a build uses this version; otherwise every registered archive is downloaded to learn its platform. The archive must agree."),
        "urls": attr.string_list(mandatory = True, doc = "Download URLs of the *-full.tar.zst archive (Bazel extracts it itself), or of a .tar.gz/.tar.xz repack; mirrors in order."),
        "version": attr.string(mandatory = True, doc = "\"3.12\": one of 3.10 to 3.15, the version the archive must have. Within a module a standalone tag wins over a local tag of the same version."),
    },
)

def _python_impl(module_ctx):
    versions = []
    repos = []
    runtimes = []
    platforms = {}  # repo -> its platform, where known before fetching it
    root_default = None  # the root module's say wins
    root_first = None
    other_default = None
    for mod in module_ctx.modules:
        # Within a module, standalone tags before local ones; across modules,
        # the root module, visited first, wins.
        for kind, tags in [("standalone", mod.tags.standalone), ("local", mod.tags.local)]:
            for tag in tags:
                if tag.version not in SUPPORTED_VERSIONS:
                    fail("python.{}(version = \"{}\") in module {}: not supported; use one of {}".format(kind, tag.version, mod.name, SUPPORTED_VERSIONS))
                if mod.is_root:
                    root_first = root_first or tag.version
                    if tag.default and not root_default:
                        root_default = tag.version
                elif tag.default and not other_default:
                    other_default = tag.version
                if tag.version in versions:
                    continue
                repo = "pystatic_python_" + tag.version.replace(".", "_")
                if kind == "standalone":
                    pystatic_standalone_python(
                        name = repo,
                        version = tag.version,
                        urls = tag.urls,
                        sha256 = tag.sha256,
                        strip_prefix = tag.strip_prefix,
                        exclude_extensions = tag.exclude_extensions,
                        extension_variants = tag.extension_variants,
                        target_triple = tag.target_triple,
                    )
                    known = known_platform_json(tag.target_triple, tag.urls, "python.standalone(version = \"{}\") in module {}".format(tag.version, mod.name))
                    if known:
                        platforms[repo] = known
                else:
                    pystatic_local_python(name = repo, version = tag.version, interpreter = tag.interpreter, python_runtime = tag.python_runtime)
                    if tag.python_runtime:
                        runtimes.append(tag.version)
                versions.append(tag.version)
                repos.append(repo)
    if runtimes and len(runtimes) != len(versions):
        fail("rules_pystatic: python.local(python_runtime = True) is set for {} but not for {}; set it on every python.local tag or on none (python.standalone versions have no Bazel Python runtime)".format(
            runtimes,
            [v for v in versions if v not in runtimes],
        ))

    # No tag anywhere: the hub still exists (rules_pystatic's own BUILD files
    # load its versions.bzl), with no version and no default. Building a
    # rules_pystatic target then fails with the message of
    # pystatic_no_python_toolchain, which says to add python.local(...).
    pystatic_toolchains_hub(
        name = "pystatic_pythons",
        versions = versions,
        repos = repos,
        default = root_default or root_first or other_default or (versions[0] if versions else ""),
        python_runtimes = bool(runtimes),
        platforms = platforms,
    )

python = module_extension(
    implementation = _python_impl,
    doc = """The CPythons that rules_pystatic's toolchains embed: one repository per version, and the hub `@pystatic_pythons`, whose `:all` toolchains the root module registers (`register_toolchains("@pystatic_pythons//:all")`). Its versions.bzl holds the default version, the default of `--@rules_pystatic//toolchain:python_version`. With no tag in any module, the hub has no version and building a rule fails, asking for `python.local(...)`. Setting `python_runtime` on some `python.local` tags but not all fails.""",
    tag_classes = {"local": _local, "standalone": _standalone},
)

_wheel = tag_class(
    doc = "The Cython wheel that compiles .pyx sources: Cython's pure-Python cython-X.Y.Z-py3-none-any.whl from PyPI, checked by sha256. Only the root module's tag counts; without one, rules_pystatic's default pin.",
    attrs = {
        "sha256": attr.string(mandatory = True, doc = "SHA-256 of the wheel."),
        "urls": attr.string_list(mandatory = True, doc = "Download URLs of the wheel (mirrors in order)."),
        "version": attr.string(mandatory = True, doc = "\"3.3.1\": the Cython version, for messages."),
    },
)

def _cython_impl(module_ctx):
    spec = cython_wheel_spec()
    for mod in module_ctx.modules:
        if not mod.tags.wheel:
            continue
        if len(mod.tags.wheel) > 1:
            fail("cython.wheel in module {}: given {} times; give it once".format(mod.name, len(mod.tags.wheel)))
        if mod.is_root:
            tag = mod.tags.wheel[0]
            spec = cython_wheel_spec(version = tag.version, sha256 = tag.sha256, urls = tag.urls)

    # The repository is fetched only when a build compiles a .pyx
    # (py_static_extension depends on it only then).
    pystatic_cython_wheel(name = "pystatic_cython", version = spec.version, sha256 = spec.sha256, urls = spec.urls)

cython = module_extension(
    implementation = _cython_impl,
    doc = "The Cython compiler for .pyx sources (repository @pystatic_cython).",
    tag_classes = {"wheel": _wheel},
)
