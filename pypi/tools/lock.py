#!/usr/bin/env python3
"""rules_pystatic's lock tool: a pinned requirements file in, one lock file out.

    python3 lock.py requirements.txt [--out pystatic_pypi.lock.json] [--overrides FILE]
                    [--gazelle PATH] [--hub pystatic_pypi] [--python-version 3.12]
    bazel run @rules_pystatic//pypi:lock -- requirements.txt --gazelle PATH   (paths relative to the workspace)

For each `NAME==VERSION --hash=sha256:...` it takes the release's pure-Python
wheel, or else its sdist, downloads it (checked against the hashes), runs our
Gazelle over the sdist's sources, and records the file's URL and sha256 and
the BUILD files of the package's repository. The pypi module extension
(bzlmod) or pystatic_pypi_lock (WORKSPACE) then only downloads and writes
those files: no Go, pip or Python runs when Bazel fetches. See docs/pypi.md.
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pystatic_lock import LockError  # noqa: E402
from pystatic_lock import build_files, gazelle_run, index, markers, metadata, requirements, sdist  # noqa: E402

LOCK_VERSION = 1
OVERRIDE_KEYS = {"allow", "build_file_content", "directives", "overlays", "use"}
ALLOW = {"cffi", "generated_header", "unknown_backend"}


def read_overrides(path):
    if not path:
        return {}
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise LockError("%s: cannot read the overrides file: %s" % (path, e))
    out = {}
    for name, entry in data.items():
        key = requirements.normalize(name)
        unknown = sorted(set(entry) - OVERRIDE_KEYS)
        if unknown:
            raise LockError("%s: package \"%s\": unknown key %s (known: %s)" % (path, name, unknown[0], ", ".join(sorted(OVERRIDE_KEYS))))
        bad = sorted(set(entry.get("allow", [])) - ALLOW)
        if bad:
            raise LockError("%s: package \"%s\": \"allow\" has %s (known: %s)" % (path, name, bad[0], ", ".join(sorted(ALLOW))))
        if entry.get("use") not in (None, "wheel", "sdist"):
            raise LockError("%s: package \"%s\": \"use\" must be \"wheel\" or \"sdist\"" % (path, name))
        out[key] = entry
    return out


def find_gazelle(arg):
    gazelle = arg or os.environ.get("PYSTATIC_GAZELLE") or shutil.which("gazelle")
    if not gazelle or not os.access(gazelle, os.X_OK):
        raise LockError("no Gazelle binary with rules_pystatic's language: pass --gazelle PATH or set $PYSTATIC_GAZELLE "
                        "(build one with `bash gazelle/build.sh OUT` in rules_pystatic, or use your gazelle_binary "
                        "that includes @rules_pystatic_gazelle_plugin//:gazelle; docs/pypi.md)")
    return os.path.abspath(gazelle)


def dependencies(req, declared, locked, python_version):
    """Locked packages this one needs (Requires-Dist whose marker holds, without extras)."""
    deps = []
    for name, marker in declared:
        if marker and re.search(r"\bextra\b", marker):
            continue
        if not markers.evaluate(marker, python_version, "%s's Requires-Dist" % req.name):
            continue
        if name not in locked:
            raise LockError("%s: %s==%s requires %s%s, which the requirements file does not pin. Fix: add "
                            "%s==VERSION --hash=sha256:... (pip-compile --generate-hashes lists every dependency)" % (
                                req.where, req.name, req.version, name, " (; %s)" % marker if marker else "", name))
        if name != req.key and name not in deps:
            deps.append(name)
    return sorted(deps)


def lock_sdist(req, where, archive, override, hub, deps, gazelle, workdir):
    tree_parent = os.path.join(workdir, req.key)
    top = sdist.unpack(archive, tree_parent)
    tree = os.path.join(tree_parent, top)
    allow = set(override.get("allow", []))
    backend = sdist.check_backend(where, tree, allow)
    sdist.check_cffi(where, tree, allow)
    removed = gazelle_run.prepare(where, tree, override.get("directives", []), override.get("overlays", {}))
    for path in removed:
        print("%s: %s: the sdist's own Bazel file, left out (removed_files in the lock)" % (where, path), file=sys.stderr)
    messages = gazelle_run.run(where, gazelle, tree)
    for m in messages:
        print("%s: %s" % (where, m.replace(tree + "/", "").replace(tree, ".")), file=sys.stderr)
    generated = gazelle_run.collect(tree)
    extension_dirs, extensions = [], []
    for path, text in generated.items():
        modules = build_files.extension_modules(text)
        if modules:
            extension_dirs.append(os.path.dirname(path) or ".")
        extensions += modules
    sdist.check_generated_headers(where, tree, extension_dirs, allow)
    files = build_files.sdist_build_files(req.name, req.version, generated, [build_files.package_label(hub, d) for d in deps],
                                          tree)
    return {"strip_prefix": top, "build_files": files, "removed_files": removed, "extensions": sorted(set(extensions)),
            "build_backend": backend or "setuptools (setup.py)"}


def lock(args):
    reqs_path = args.requirements
    with open(reqs_path) as f:
        text = f.read()
    overrides = read_overrides(args.overrides)
    python_version = args.python_version or markers.default_python_version()
    reqs = [r for r in requirements.parse(text, os.path.basename(reqs_path))
            if markers.evaluate(r.marker, python_version, r.where)]
    unknown = sorted(set(overrides) - {r.key for r in reqs})
    if unknown:
        raise LockError("%s: package \"%s\" is not in %s" % (args.overrides, unknown[0], reqs_path))
    locked = {r.key for r in reqs}
    gazelle = None
    packages = {}
    workdir = tempfile.mkdtemp(prefix="pystatic-lock-")
    try:
        for req in reqs:
            override = overrides.get(req.key, {})
            files = index.release_files(args.index_url, req)
            chosen = index.choose(req, files, override.get("use"))
            where = "%s (%s)" % (req, chosen["filename"])
            print("lock: %s: %s" % (req, chosen["filename"]), file=sys.stderr)
            archive = index.download(req, chosen)
            entry = {
                "version": req.version,
                "kind": chosen["kind"],
                "filename": chosen["filename"],
                "url": chosen["url"],
                "sha256": chosen["sha256"],
            }
            if chosen["kind"] == "wheel":
                deps = dependencies(req, metadata.from_wheel(archive), locked, python_version)
                entry["build_files"] = build_files.wheel_build_files(
                    req.name, req.version, [build_files.package_label(args.hub, d) for d in deps],
                    override.get("build_file_content"))
            else:
                if override.get("build_file_content"):
                    raise LockError("%s: \"build_file_content\" is for wheels; an sdist's BUILD files come from "
                                    "Gazelle (use \"overlays\")" % args.overrides)
                deps = dependencies(req, metadata.from_sdist(archive), locked, python_version)
                gazelle = gazelle or find_gazelle(args.gazelle)
                entry.update(lock_sdist(req, where, archive, override, args.hub, deps, gazelle, workdir))
            entry["deps"] = deps
            # One string per line: a change to a generated rule is a readable diff of the lock.
            entry["build_files"] = {path: text.splitlines() for path, text in entry["build_files"].items()}
            packages[req.key] = entry
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "comment": "Generated by rules_pystatic's lock tool (pypi/tools/lock.py) from %s. Do not edit: "
                   "change the requirements or the overrides and run it again (docs/pypi.md)." % os.path.basename(reqs_path),
        "lock_version": LOCK_VERSION,
        "hub": args.hub,
        "python_version": python_version,
        "packages": packages,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("requirements", help="pip requirements file, every line NAME==VERSION --hash=sha256:...")
    ap.add_argument("--out", help="lock file to write (default: pystatic_pypi.lock.json beside the requirements)")
    ap.add_argument("--overrides", help="JSON file of per-package directives, overlays, ... (docs/pypi.md#overrides)")
    ap.add_argument("--gazelle", help="Gazelle binary with rules_pystatic's language (default $PYSTATIC_GAZELLE, then gazelle on PATH)")
    ap.add_argument("--hub", default="pystatic_pypi", help="name of the hub repository (pypi.lock(name = ...))")
    ap.add_argument("--index-url", default="https://pypi.org", help="package index with the Simple API in JSON (PEP 691), as pip uses")
    ap.add_argument("--python-version", help="X.Y that environment markers are evaluated for (default: this python's)")
    args = ap.parse_args(argv)
    # Under `bazel run`, paths are the user's workspace's.
    if os.environ.get("BUILD_WORKSPACE_DIRECTORY"):
        os.chdir(os.environ["BUILD_WORKSPACE_DIRECTORY"])
    if not re.match(r"^[A-Za-z][A-Za-z0-9_]*$", args.hub):
        print("lock: error: --hub %s: a repository name is letters, digits and _" % args.hub, file=sys.stderr)
        return 2
    out = args.out or os.path.join(os.path.dirname(args.requirements), "pystatic_pypi.lock.json")
    try:
        result = lock(args)
    except LockError as e:
        print("lock: error: %s" % e, file=sys.stderr)
        return 1
    with open(out + ".tmp", "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(out + ".tmp", out)
    print("lock: wrote %s (%d packages)" % (out, len(result["packages"])), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
