"""Reads a pip requirements file pinned with --hash (pip-compile --generate-hashes output).

Only what a lock needs is accepted: `name==version` (extras ignored: the
extra's dependencies are pinned lines of their own), environment markers, and
one or more `--hash=sha256:HEX`. Anything that would make the lock depend on
more than the file (`-r`, `-e`, URLs, unpinned versions) is an error naming
the line.
"""

import re

from . import LockError

_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
_PIN = re.compile(r"^(" + _NAME + r")(?:\[[^\]]*\])?\s*===?\s*([A-Za-z0-9.+!_-]+)\s*(?:;\s*(.*))?$")
_HASH = re.compile(r"--hash[= ]\s*([a-z0-9]+):([0-9a-fA-F]+)")
# Options that only say where pip looks; the lock reads the index given to lock.py (--index-url).
_IGNORED_OPTIONS = ("--index-url", "-i", "--extra-index-url", "--trusted-host", "--find-links", "-f",
                    "--prefer-binary", "--only-binary", "--no-binary", "--require-hashes", "--pre")


def normalize(name):
    """PEP 503's normalized name: lower case, runs of -_. as one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


class Requirement:
    def __init__(self, name, version, hashes, marker, where):
        self.name = name
        self.key = normalize(name)
        self.version = version
        self.hashes = hashes
        self.marker = marker
        self.where = where

    def __repr__(self):
        return "%s==%s" % (self.name, self.version)


def _logical_lines(text):
    """(line number, text) with backslash continuations joined and comments removed."""
    start, parts = None, []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw
        if re.match(r"^\s*#", line):
            line = ""
        else:
            line = re.sub(r"(^|\s)#.*$", "", line)
        if start is None:
            start = number
        if line.rstrip().endswith("\\"):
            parts.append(line.rstrip()[:-1])
            continue
        parts.append(line)
        joined = " ".join(p.strip() for p in parts).strip()
        if joined:
            yield start, joined
        start, parts = None, []
    if parts:
        joined = " ".join(p.strip() for p in parts).strip()
        if joined:
            yield start, joined


def parse(text, path):
    """Every pinned requirement of the file, in file order; LockError on anything else."""
    out, seen = [], {}
    for number, line in _logical_lines(text):
        where = "%s:%d" % (path, number)
        if line.startswith("-"):
            option = line.split()[0].split("=")[0]
            if option in _IGNORED_OPTIONS:
                continue
            raise LockError("%s: %s is not supported in a locked requirements file; list every package "
                            "as NAME==VERSION --hash=sha256:... (pip-compile --generate-hashes writes that)" % (where, option))
        hashes = [h.lower() for algo, h in _HASH.findall(line) if algo == "sha256"]
        bad = [algo for algo, _ in _HASH.findall(line) if algo != "sha256"]
        if bad:
            raise LockError("%s: --hash=%s:... is not supported; use sha256" % (where, bad[0]))
        spec = _HASH.sub("", line).strip()
        m = _PIN.match(spec)
        if not m:
            raise LockError("%s: \"%s\" is not pinned: write NAME==VERSION --hash=sha256:... "
                            "(URLs, version ranges and editable installs cannot be locked)" % (where, spec))
        name, version, marker = m.group(1), m.group(2), (m.group(3) or "").strip() or None
        if not hashes:
            raise LockError("%s: %s==%s has no --hash=sha256:...; every file must be pinned by hash "
                            "(pip-compile --generate-hashes, or pip hash FILE)" % (where, name, version))
        req = Requirement(name, version, hashes, marker, where)
        if req.key in seen:
            raise LockError("%s: %s is pinned twice (also at %s)" % (where, name, seen[req.key].where))
        seen[req.key] = req
        out.append(req)
    return out
