"""Finds a pinned release's files on the package index and downloads one, checked by sha256.

The index's Simple API in JSON (PEP 691, `/simple/NAME/`, what pip reads)
lists every file of a project with its sha256. A requirement's --hash values say which files are allowed; of
those, a pure-Python wheel (`py3-none-any`, `py2.py3-none-any`) is taken,
else the sdist (`.tar.gz`/`.zip`), which the lock tool hands to Gazelle.
Downloads are cached by sha256 under $PYSTATIC_CACHE/pypi.
"""

import hashlib
import json
import os
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request

from . import LockError

PURE_WHEEL_TAGS = ("py3-none-any", "py2.py3-none-any")


def cache_dir():
    root = os.environ.get("PYSTATIC_CACHE") or os.path.expanduser("~/.cache/rules_pystatic")
    return os.path.join(root, "pypi")


def _get(url, attempts=3, accept=None):
    last = None
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            if e.code == 404:
                raise
            last = e
        except (urllib.error.URLError, OSError) as e:
            last = e
        time.sleep(1 + attempt)
    raise LockError("cannot fetch %s: %s" % (url, last))


def _dist_version(filename):
    """(normalized distribution name, version) from a wheel's or an sdist's file name, or None."""
    if filename.endswith(".whl"):
        parts = filename[:-4].split("-")
        return (normalize_dist(parts[0]), parts[1]) if len(parts) >= 5 else None
    for ext in (".tar.gz", ".zip", ".tgz"):
        if filename.endswith(ext):
            stem = filename[: -len(ext)]
            dist, sep, version = stem.rpartition("-")
            return (normalize_dist(dist), version) if sep else None
    return None


def normalize_dist(name):
    return re.sub(r"[-_.]+", "_", name).lower()


def release_files(index_url, req):
    """[{filename, url, sha256}] of name==version, from the index's Simple API in JSON (PEP 691)."""
    url = "%s/simple/%s/" % (index_url.rstrip("/"), req.key)
    try:
        data = json.loads(_get(url, accept="application/vnd.pypi.simple.v1+json"))
    except urllib.error.HTTPError:
        raise LockError("%s: %s: no such project on %s (%s gave 404)" % (req.where, req.name, index_url, url))
    want = (normalize_dist(req.name), req.version)
    files = []
    for f in data.get("files", []):
        if _dist_version(f["filename"]) != want or "sha256" not in f.get("hashes", {}):
            continue
        files.append({
            "filename": f["filename"],
            "url": urllib.parse.urljoin(url, f["url"]),
            "sha256": f["hashes"]["sha256"].lower(),
        })
    if not files:
        raise LockError("%s: %s==%s: %s lists no file of this version" % (req.where, req.name, req.version, url))
    return files


def is_pure_wheel(filename):
    return filename.endswith(".whl") and filename[:-4].endswith(PURE_WHEEL_TAGS)


def is_sdist(filename):
    return filename.endswith((".tar.gz", ".zip", ".tgz"))


def choose(req, files, use=None):
    """The file to lock: pure wheel first, else sdist; only files the requirement's hashes allow.

    use: "wheel" or "sdist" to insist on one kind (the overrides file's "use").
    """
    allowed = [f for f in files if f["sha256"] in req.hashes]
    if not allowed:
        listing = "; ".join("%s sha256:%s" % (f["filename"], f["sha256"]) for f in files
                            if is_pure_wheel(f["filename"]) or is_sdist(f["filename"]))
        raise LockError("%s: hash mismatch for %s==%s: no file of this release has a sha256 given by --hash "
                        "(the index lists: %s). Fix: check the pin; if the release is right, take the hash of "
                        "the file you mean from that list" % (req.where, req.name, req.version, listing or "no sdist or pure-Python wheel"))
    wheels = [f for f in allowed if is_pure_wheel(f["filename"])]
    sdists = [f for f in allowed if is_sdist(f["filename"])]
    if use == "sdist":
        wheels = []
    if use == "wheel":
        sdists = []
    if wheels:
        return dict(sorted(wheels, key=lambda f: f["filename"])[0], kind="wheel")
    if sdists:
        return dict(sorted(sdists, key=lambda f: f["filename"])[0], kind="sdist")
    names = ", ".join(sorted(f["filename"] for f in allowed))
    raise LockError("%s: %s==%s: the hashes allow only %s, none of which is an sdist or a pure-Python wheel%s. "
                    "A static binary needs the sources of a native package: add the sdist's --hash" % (
                        req.where, req.name, req.version, names, " of the kind asked for (use = %s)" % use if use else ""))


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def download(req, chosen):
    """The chosen file's local path (cached by sha256); LockError on a hash mismatch."""
    d = os.path.join(cache_dir(), chosen["sha256"])
    path = os.path.join(d, chosen["filename"])
    if os.path.exists(path) and sha256_of(path) == chosen["sha256"]:
        return path
    os.makedirs(d, exist_ok=True)
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(_get(chosen["url"]))
    actual = sha256_of(tmp)
    if actual != chosen["sha256"]:
        os.remove(tmp)
        raise LockError("%s: hash mismatch for %s==%s: %s downloaded from %s has sha256:%s, the requirement "
                        "pins sha256:%s. Fix: nothing to change if the index is right (the download was damaged: "
                        "run again); otherwise the file on the index is not the one you pinned" % (
                            req.where, req.name, req.version, chosen["filename"], chosen["url"], actual, chosen["sha256"]))
    shutil.move(tmp, path)
    return path
