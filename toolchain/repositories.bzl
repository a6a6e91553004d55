"""WORKSPACE set-up: register local CPythons as rules_pystatic toolchains.

    load("@rules_pystatic//toolchain:repositories.bzl", "pystatic_python_toolchains")

    pystatic_python_toolchains(
        versions = ["3.12", "3.11"],   # each found as python3.X on PATH
        default = "3.12",
        interpreters = {"3.11": "/opt/python/3.11/bin/python3.11"},  # optional
    )

Then build with a given one by `--@rules_pystatic//toolchain:python_version=3.11`.

A version can come from a python-build-standalone "full" archive instead of
the machine (hermetic; every stdlib extension with object files is linked
statically):

    pystatic_python_toolchains(
        versions = ["3.12"],
        standalone = {"3.12": {
            "urls": ["https://.../cpython-3.12.8+20241219-x86_64-unknown-linux-gnu-pgo-full.tar.zst"],
            "sha256": "...",
        }},
    )

`.pyx` sources are compiled by a Cython wheel pinned by sha256, declared
here as @pystatic_cython (fetched only when a build compiles a .pyx). To pin
another Cython, call pystatic_cython(...) before pystatic_python_toolchains:

    pystatic_cython(
        version = "3.3.1",
        urls = ["https://files.pythonhosted.org/.../cython-3.3.1-py3-none-any.whl"],
        sha256 = "...",
    )

See docs/toolchain.md and docs/rules.md#cython-sources.
"""

load("//toolchain/private:cython_wheel.bzl", "cython_wheel_spec", "pystatic_cython_wheel")
load("//toolchain/private:local_python.bzl", "pystatic_local_python", "pystatic_toolchains_hub")
load("//toolchain/private:platforms.bzl", "known_platform_json")
load("//toolchain/private:standalone_python.bzl", "pystatic_standalone_python")
load("//toolchain/private:version_flag.bzl", "SUPPORTED_VERSIONS")

_DEFAULT_HUB = "pystatic_pythons"

# Keys of a `standalone` entry: the pystatic_standalone_python attributes.
_STANDALONE_KEYS = ["urls", "url", "sha256", "strip_prefix", "exclude_extensions", "extension_variants", "target_triple"]

def pystatic_python_toolchains(versions = [], default = None, interpreters = {}, name = "pystatic_python", register = True, register_python_runtimes = False, standalone = {}):
    """Creates one toolchain repository per version and registers them.

    Args:
      versions: list of "3.X" versions to register (3.10 to 3.15). At least
        one, here or in `standalone`.
      default: the version used when the python_version flag is unset
        (the flag's default; @rules_pystatic//toolchain:python_3.X matches
        it); defaults to the first of `versions`.
      interpreters: optional dict "3.X" -> path (or PATH name) of the
        interpreter; $PYSTATIC_PYTHON_3_X overrides either.
      name: prefix of the repositories: `<name>_3_12`, and `<name>s` for the hub.
      register: whether to call register_toolchains for you.
      register_python_runtimes: also register Bazel Python toolchains
        (py_runtime_pair) for the same interpreters behind the same version
        flag, so py_binary/py_test load the dynamic-mode .so of a
        py_static_extension with the Python it was compiled for. Needs a
        Bazel that still has @bazel_tools//tools/python:toolchain.bzl.
        Not for standalone versions.
      standalone: optional dict "3.X" -> dict(urls = [...] (or url = "..."),
        sha256 = "...", strip_prefix = "python", exclude_extensions = [],
        extension_variants = {}, target_triple = ""): these versions come
        from a python-build-standalone "full" archive
        (pystatic_standalone_python) instead of a local interpreter. They need
        not be repeated in versions. With the target triple known (given, or
        in the URL's file name as python-build-standalone names its archives)
        an archive is downloaded only when a build uses its version.
    """
    versions = list(versions) + [v for v in standalone if v not in versions]
    if standalone and register_python_runtimes:
        fail("pystatic_python_toolchains: register_python_runtimes = True works only with local interpreters, not with standalone versions")
    if not versions:
        fail("pystatic_python_toolchains: versions is empty; list at least one, e.g. versions = [\"3.12\"]")
    default = default or versions[0]
    if default not in versions:
        fail("pystatic_python_toolchains: default = \"{}\" is not in versions = {}".format(default, versions))
    repos = []
    platforms = {}  # repo -> its platform, where known before fetching it
    for version in versions:
        if version not in SUPPORTED_VERSIONS:
            fail("pystatic_python_toolchains: version \"{}\" is not supported; use one of {}".format(version, SUPPORTED_VERSIONS))
        repo = "{}_{}".format(name, version.replace(".", "_"))
        if version in standalone:
            known = _standalone(repo, version, standalone[version])
            if known:
                platforms[repo] = known
            repos.append(repo)
            continue
        pystatic_local_python(
            name = repo,
            version = version,
            interpreter = interpreters.get(version, ""),
            python_runtime = register_python_runtimes,
        )
        repos.append(repo)
    pystatic_toolchains_hub(
        name = name + "s",
        versions = versions,
        repos = repos,
        default = default,
        python_runtimes = register_python_runtimes,
        platforms = platforms,
    )

    # @rules_pystatic//toolchain loads the default version from
    # @pystatic_pythons//:versions.bzl; with another `name`, a second hub (not
    # registered) answers that, unless an earlier call made one.
    if name + "s" != _DEFAULT_HUB and not native.existing_rule(_DEFAULT_HUB):
        pystatic_toolchains_hub(name = _DEFAULT_HUB, versions = versions, repos = repos, default = default, platforms = platforms)
    if register:
        native.register_toolchains("@{}s//:all".format(name))
    if not native.existing_rule(_CYTHON_REPO):
        pystatic_cython()

_CYTHON_REPO = "pystatic_cython"

def pystatic_cython(version = "", sha256 = "", urls = []):
    """Declares @pystatic_cython: the Cython wheel that compiles .pyx sources.

    pystatic_python_toolchains calls it with no arguments (rules_pystatic's
    default pin) unless it was called before. The repository is fetched only
    when a build compiles a .pyx.

    Args:
      version: the Cython version, e.g. "3.3.1" (for messages).
      sha256: SHA-256 of the wheel.
      urls: download URLs of Cython's pure-Python cython-X.Y.Z-py3-none-any.whl.
    """
    spec = cython_wheel_spec(version = version, sha256 = sha256, urls = urls)
    pystatic_cython_wheel(name = _CYTHON_REPO, version = spec.version, sha256 = spec.sha256, urls = spec.urls)

def _standalone(repo, version, spec):
    if type(spec) == "struct":
        spec = {k: getattr(spec, k) for k in _STANDALONE_KEYS if hasattr(spec, k)}
    if type(spec) != "dict":
        fail("pystatic_python_toolchains: standalone[\"{}\"] must be a dict(urls = [...], sha256 = ...)".format(version))
    for key in spec:
        if key not in _STANDALONE_KEYS:
            fail("pystatic_python_toolchains: standalone[\"{}\"] has an unknown key \"{}\"; use {}".format(version, key, _STANDALONE_KEYS))
    urls = list(spec.get("urls", [])) + ([spec["url"]] if spec.get("url") else [])
    pystatic_standalone_python(
        name = repo,
        version = version,
        urls = urls,
        sha256 = spec.get("sha256", ""),
        strip_prefix = spec.get("strip_prefix", "python"),
        exclude_extensions = spec.get("exclude_extensions", []),
        extension_variants = spec.get("extension_variants", {}),
        target_triple = spec.get("target_triple", ""),
    )
    return known_platform_json(spec.get("target_triple", ""), urls, "pystatic_python_toolchains: standalone[\"{}\"]".format(version))
