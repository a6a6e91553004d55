"""One locked PyPI package as a repository: its file, downloaded by sha256, and the BUILD files from the lock."""

load("//rules/private:labels.bzl", "label_for_humans")  # buildifier: disable=bzl-visibility
load(":lock_file.bzl", "decode_lock")

def _archive_name(filename):
    # rctx.extract() knows the format by the name; a wheel is a zip.
    if filename.endswith(".whl"):
        return "archive.zip"
    for ext in (".tar.gz", ".tgz", ".zip"):
        if filename.endswith(ext):
            return "archive" + ext
    fail("{}: cannot unpack this kind of file".format(filename))

def _pypi_package_impl(rctx):
    data = decode_lock(rctx.read(rctx.path(rctx.attr.lock)), label_for_humans(rctx.attr.lock), rctx.attr.hub)
    name = rctx.attr.package
    entry = data["packages"].get(name)
    if entry == None:
        fail("{}: no package \"{}\" in the lock".format(label_for_humans(rctx.attr.lock), name))
    where = "package {} {} ({}, from {})".format(name, entry["version"], entry["filename"], label_for_humans(rctx.attr.lock))
    archive = _archive_name(entry["filename"])
    result = rctx.download(url = [entry["url"]], output = archive, sha256 = entry["sha256"], allow_fail = True)
    if not result.success:
        # Download it again unchecked, to say which of the two went wrong.
        probe = rctx.download(url = [entry["url"]], output = "unchecked", allow_fail = True)
        if probe.success and probe.sha256 != entry["sha256"]:
            fail("{}: hash mismatch: {} has sha256:{}, the lock pins sha256:{}. Fix: if the requirement is right, run the lock tool again; never edit the lock's sha256 by hand".format(where, entry["url"], probe.sha256, entry["sha256"]))
        fail("{}: cannot download {} (is the index reachable? the repository cache has no file of sha256:{})".format(where, entry["url"], entry["sha256"]))
    rctx.extract(archive, stripPrefix = entry.get("strip_prefix", ""))
    rctx.delete(archive)

    # The sdist's own Bazel files (a vendored library's BUILD): the lock's rules replace them.
    for path in entry.get("removed_files", []):
        rctx.delete(path)
    rctx.file("REPO.bazel", "")
    for path, lines in entry["build_files"].items():
        rctx.file(path, "\n".join(lines) + "\n")

pypi_package = repository_rule(
    implementation = _pypi_package_impl,
    doc = "A package of a pystatic_pypi lock file. Created by the pypi extension or pystatic_pypi_lock; not for direct use.",
    attrs = {
        "hub": attr.string(mandatory = True, doc = "The hub's name: the lock's labels are made with it."),
        "lock": attr.label(mandatory = True, allow_single_file = [".json"], doc = "The lock file."),
        "package": attr.string(mandatory = True, doc = "The normalized package name (a key of the lock's packages)."),
    },
)
