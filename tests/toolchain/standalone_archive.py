#!/usr/bin/env python3
"""The test archive for the standalone toolchain, built once and cached.

    python3 tests/toolchain/standalone_archive.py     # prints {"path": ..., "sha256": ..., ...}

Builds a python-build-standalone-like full archive with
make_standalone_archive.py from pyenv's CPython 3.11 and the CPython 3.11
source that Debian ships (python3.11's orig tarball, fetched with
`apt-get source --download-only` through a private deb-src list, so the
machine's apt configuration is left alone). Both the source and the archive
are cached under $PYSTATIC_CACHE/standalone, the archive by the sha256 of
its inputs, so only the first run pays (about 30 s).
"""

import glob
import hashlib
import json
import os
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
CACHE = pathlib.Path(os.environ.get("PYSTATIC_CACHE", pathlib.Path.home() / ".cache" / "rules_pystatic")) / "standalone"
MINOR = "3.11"
DEB_SOURCES = """\
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian-security bookworm-security main
deb-src http://deb.debian.org/debian bookworm-updates main
"""


class ArchiveError(Exception):
    """The test archive could not be built (no pyenv 3.11, no Debian source)."""


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def pyenv_prefix(minor=MINOR):
    root = pathlib.Path(os.environ.get("PYENV_ROOT", pathlib.Path.home() / ".pyenv"))
    found = sorted(root.glob("versions/{}.*".format(minor)), key=lambda p: [int(x) for x in p.name.split(".") if x.isdigit()])
    found = [p for p in found if (p / "bin" / ("python" + minor)).exists()]
    if not found:
        raise ArchiveError("standalone_archive: no pyenv CPython {} under {}".format(minor, root))
    return found[-1]


def cpython_source():
    """Debian's python3.11 orig tarball (upstream CPython source), cached."""
    src = CACHE / "src"
    have = sorted(src.glob("python3.11_*.orig.tar.*"))
    if have:
        return have[-1]
    apt = CACHE / "apt"
    (apt / "lists" / "partial").mkdir(parents=True, exist_ok=True)
    src.mkdir(parents=True, exist_ok=True)
    (apt / "sources.list").write_text(DEB_SOURCES)
    opts = [
        "-o", "Dir::Etc::sourcelist=" + str(apt / "sources.list"),
        "-o", "Dir::Etc::sourceparts=-",
        "-o", "Dir::State::Lists=" + str(apt / "lists"),
        "-o", "APT::Sandbox::User=root",
    ]
    subprocess.run(["apt-get", *opts, "update", "-qq"], check=True)
    # The .dsc may 404 on a mirror that has the tarball: only the tarball counts.
    subprocess.run(["apt-get", *opts, "source", "--download-only", "-qq", "python3.11"], cwd=src, check=False)
    have = sorted(src.glob("python3.11_*.orig.tar.*"))
    if not have:
        raise ArchiveError("standalone_archive: `apt-get source --download-only python3.11` gave no orig tarball in " + str(src))
    return have[-1]


def build(fmt=".tar.zst"):
    prefix = pyenv_prefix()
    source = cpython_source()
    maker = HERE / "make_standalone_archive.py"
    key = hashlib.sha256()
    testdata = [p.read_bytes() for p in sorted((HERE / "testdata").iterdir())]
    for part in testdata + [maker.read_bytes(), str(prefix).encode(), _sha256(source).encode(), fmt.encode(),
                 _sha256(prefix / "lib" / "python{}".format(MINOR) / "config-{}-x86_64-linux-gnu".format(MINOR) / "libpython{}.a".format(MINOR)).encode()]:
        key.update(part)
    out_dir = CACHE / "archives" / key.hexdigest()[:16]
    archive = out_dir / "cpython-{}-test-full{}".format(prefix.name, fmt)
    if not archive.exists():
        out_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(maker), "--prefix", str(prefix), "--cpython-source", str(source),
                        "--output", str(archive)], check=True)
    return {"path": str(archive), "sha256": _sha256(archive), "python_version": prefix.name, "version": MINOR}


if __name__ == "__main__":
    try:
        json.dump(build(*sys.argv[1:]), sys.stdout, indent=1)
    except ArchiveError as e:
        sys.exit(str(e))
    sys.stdout.write("\n")
