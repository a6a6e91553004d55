"""pystatic_standalone_python: a python-build-standalone "full" archive as a toolchain.

Downloads the archive by URL and sha256, reads its PYTHON.json and writes a
BUILD.bazel (toolchain/private/standalone_build.bzl does the translation):
libpython from the core's object files, every stdlib extension that has
object files linked statically (`stdlib_extensions`, with the
`pystatic_stdlib_inittab` the runtime registers), the archive's interpreter
and its stdlib. See docs/toolchain.md.
"""

load(":local_python.bzl", "repo_name")
load(":platforms.bzl", "archive_platform_facts", "render_platform_bzl", "triple_platform_facts")
load(":standalone_build.bzl", "render_build", "render_core_inittab", "render_stdlib_inittab", "standalone_plan")

# What Bazel's own rctx.extract() reads (Bazel 7 and newer, the oldest this
# project supports); python-build-standalone's "full" archives are .tar.zst.
_SUFFIXES = [".tar.zst", ".tzst", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tar", ".zip"]

def _fail(rctx, msg):
    fail("pystatic_standalone_python(name = \"{}\"): {}".format(repo_name(rctx), msg))

def _is_sha256(s):
    if len(s) != 64:
        return False
    for c in s.elems():
        if c not in "0123456789abcdef":
            return False
    return True

def _archive_suffix(rctx):
    url = rctx.attr.urls[0].split("?")[0]
    for suffix in _SUFFIXES:
        if url.endswith(suffix):
            return suffix
    _fail(rctx, "cannot tell the archive type of {}; the URL must end in .tar.zst, .tar.gz, .tar.xz, .tar.bz2 or .zip".format(rctx.attr.urls[0]))
    return None

def _download(rctx, output):
    """Downloads to `output`, checking sha256 with a message of our own."""
    want = rctx.attr.sha256
    result = rctx.download(rctx.attr.urls, output = output, sha256 = want, allow_fail = True)
    if result.success:
        return

    # Tell a wrong sha256 from a failed download: fetch without the check.
    again = rctx.download(rctx.attr.urls, output = output, allow_fail = True)
    if again.success and again.sha256 == want:
        return  # the first attempt failed for another reason, e.g. a flaky mirror
    if again.success:
        rctx.delete(output)
        _fail(rctx, ("the archive at {} has sha256 {}, but sha256 = \"{}\". Check that urls and sha256 " +
                     "name the same archive; if you trust this one, set sha256 = \"{}\"").format(
            rctx.attr.urls[0],
            again.sha256,
            want,
            again.sha256,
        ))
    _fail(rctx, "could not download {} (tried {})".format(rctx.attr.urls[0], ", ".join(rctx.attr.urls)))

def _extract(rctx):
    """Downloads the archive (sha256 checked, repository cache used) and extracts it with Bazel's own extractor."""
    archive = "_archive" + _archive_suffix(rctx)
    _download(rctx, archive)
    rctx.extract(archive, stripPrefix = rctx.attr.strip_prefix.strip("/"))
    rctx.delete(archive)

def _check_platform(rctx, triple):
    """Fails unless PYTHON.json's triple is the platform the hub was told.

    The hub put this archive's toolchain on the platform its target_triple
    attribute or file name says (archive_platform_facts); PYTHON.json must
    agree, or the toolchain would be selected for builds it cannot serve.
    """
    said = archive_platform_facts(rctx.attr.target_triple, rctx.attr.urls[0])
    actual = triple_platform_facts(triple)
    if said and said.constraints != actual.constraints:
        _fail(rctx, ("the archive is for {} (PYTHON.json target_triple {}), but its toolchain was registered " +
                     "for {} (from {}). Fix {}").format(
            actual.description,
            triple,
            said.description,
            "target_triple = \"{}\"".format(rctx.attr.target_triple) if rctx.attr.target_triple else "the file name of " + rctx.attr.urls[0],
            "target_triple" if rctx.attr.target_triple else "urls, or give target_triple",
        ))

def _pystatic_standalone_python_impl(rctx):
    if not rctx.attr.urls:
        _fail(rctx, "urls is empty; give the URL of a python-build-standalone *-full.tar.zst archive")
    if not _is_sha256(rctx.attr.sha256):
        _fail(rctx, "sha256 = \"{}\" is not a SHA-256 (64 lowercase hex digits); the archive is checked against it".format(rctx.attr.sha256))
    _extract(rctx)

    if not rctx.path("PYTHON.json").exists:
        _fail(rctx, ("the archive {} has no PYTHON.json{}: it is not a python-build-standalone \"full\" " +
                     "archive. install_only archives have no PYTHON.json and no object files; use the " +
                     "*-full.tar.zst archive of the same release{}").format(
            rctx.attr.urls[0],
            " under \"{}/\"".format(rctx.attr.strip_prefix) if rctx.attr.strip_prefix else "",
            "" if rctx.attr.strip_prefix else ", with strip_prefix = \"python\"",
        ))
    info = json.decode(rctx.read("PYTHON.json"))
    _check_platform(rctx, info.get("target_triple", ""))
    result = standalone_plan(
        info,
        name = repo_name(rctx),
        version = rctx.attr.version,
        exclude_extensions = rctx.attr.exclude_extensions,
        extension_variants = rctx.attr.extension_variants,
    )
    if result.error:
        fail(result.error)
    plan = result.plan

    for path in plan.core_objs + plan.extension_objs + plan.core_static_libs + plan.extension_static_libs + [plan.exe, plan.include, plan.stdlib]:
        if not rctx.path(path).exists:
            _fail(rctx, "PYTHON.json names {}, which is not in the archive".format(path))
    dynload = plan.stdlib + "/lib-dynload"
    rctx.file("pystatic/core_inittab.c", render_core_inittab(plan))
    rctx.file("pystatic/stdlib_inittab.c", render_stdlib_inittab(plan))
    rctx.file("BUILD.bazel", render_build(plan, dynload if rctx.path(dynload).exists else ""))
    rctx.file("pystatic.json", json.encode_indent({
        "python_version": plan.python_version,
        "in_core": [m for m, _ in plan.in_core_modules],
        "static": [m for m, _ in plan.static_modules],
        "not_linked": plan.not_linked,
        "distribution_licenses": plan.licenses,
        "extension_licenses": plan.extension_licenses,
        "exclude_extensions": rctx.attr.exclude_extensions,
    }, indent = " ") + "\n")
    rctx.file("platform.bzl", render_platform_bzl(
        triple_platform_facts(info.get("target_triple", "")),
        "PYTHON.json (target_triple {})".format(info.get("target_triple")),
    ))
    rctx.file("WORKSPACE", "workspace(name = \"{}\")\n".format(rctx.name))

pystatic_standalone_python = repository_rule(
    implementation = _pystatic_standalone_python_impl,
    doc = """A python-build-standalone "full" archive, downloaded and checked by sha256, as a rules_pystatic toolchain repository.

Every stdlib extension module that has object files in the archive is linked into
each binary (see docs/toolchain.md); `exclude_extensions` leaves some out.""",
    attrs = {
        "exclude_extensions": attr.string_list(doc = "Stdlib extension modules not to link (e.g. [\"_tkinter\"]); they are imported from lib-dynload if the archive has a .so for them, else not at all."),
        "extension_variants": attr.string_dict(doc = "{extension: variant} for extensions PYTHON.json offers in several variants (e.g. {\"readline\": \"libedit\"}). Default: the variant named \"default\", else the first listed."),
        "sha256": attr.string(mandatory = True, doc = "SHA-256 of the archive (64 hex digits)."),
        "strip_prefix": attr.string(default = "python", doc = "Directory inside the archive that holds PYTHON.json; python-build-standalone archives put everything under python/."),
        "target_triple": attr.string(doc = "The archive's target triple (\"x86_64-unknown-linux-gnu\"), as its PYTHON.json has it; by default read from the URL's file name where it follows python-build-standalone's naming. Must agree with PYTHON.json."),
        "urls": attr.string_list(mandatory = True, doc = "Where to download the archive: a *-full.tar.zst (Bazel extracts it itself), or a .tar.gz/.tar.xz repack. Mirrors are tried in order."),
        "version": attr.string(mandatory = True, doc = "\"3.12\": the major.minor version the archive must have."),
    },
)
