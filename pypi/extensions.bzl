"""The pypi module extension: packages of a lock file written by the lock tool (docs/pypi.md).

    pypi = use_extension("@rules_pystatic//pypi:extensions.bzl", "pypi")
    pypi.lock(name = "pystatic_pypi", file = "//:pystatic_pypi.lock.json")
    use_repo(pypi, "pystatic_pypi")

gives `@pystatic_pypi//<package>` for every package of the lock: a py_library
(a pure-Python wheel's files, or every library and py_static_extension that
our Gazelle generated from an sdist). Nothing but downloads runs when Bazel
fetches them: the BUILD files are in the lock.
"""

load("//pypi/private:hub_repo.bzl", "pypi_hub")
load("//pypi/private:lock_file.bzl", "decode_lock", "repo_name")
load("//pypi/private:package_repo.bzl", "pypi_package")

_lock = tag_class(
    doc = "A lock file and the hub repository that names its packages.",
    attrs = {
        "file": attr.label(mandatory = True, allow_single_file = [".json"], doc = "The lock file (pypi/tools/lock.py's output)."),
        "name": attr.string(default = "pystatic_pypi", doc = "The hub repository's name; the lock is written for it (lock.py --hub)."),
    },
)

def _pypi_impl(module_ctx):
    seen = {}
    for mod in module_ctx.modules:
        for tag in mod.tags.lock:
            if tag.name in seen:
                fail("pypi.lock(name = \"{}\"): declared twice ({} and {} in module {}); give each lock its own name".format(tag.name, seen[tag.name], tag.file, mod.name))
            seen[tag.name] = tag.file
            data = decode_lock(module_ctx.read(module_ctx.path(tag.file)), tag.file, tag.name)
            for package in sorted(data["packages"]):
                pypi_package(name = repo_name(tag.name, package), hub = tag.name, lock = tag.file, package = package)
            pypi_hub(name = tag.name, hub = tag.name, lock = tag.file)

pypi = module_extension(
    implementation = _pypi_impl,
    tag_classes = {"lock": _lock},
    doc = "Repositories for the packages of lock files written by rules_pystatic's lock tool.",
)
