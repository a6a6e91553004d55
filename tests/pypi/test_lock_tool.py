"""pypi/tools/lock.py end to end against a local package index: real sdists and
wheels (made here), real downloads over HTTP, our real Gazelle. Each error a
user can hit is checked for the package, the file and the fix it names."""

import hashlib
import http.server
import io
import json
import os
import pathlib
import subprocess
import sys
import tarfile
import threading
import zipfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
LOCK = ROOT / "pypi" / "tools" / "lock.py"
# tools/test.sh builds it from this checkout; $PYSTATIC_GAZELLE names another build.
GAZELLE = pathlib.Path(os.environ.get("PYSTATIC_GAZELLE") or ROOT / "gazelle" / "bin" / "gazelle")

EXT_C = """#include <Python.h>
%s
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_ext", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__ext(void) { return PyModule_Create(&def); }
"""


def sdist(name, version, files):
    """A .tar.gz whose one top directory NAME-VERSION holds files ({path: text})."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as t:
        for path, text in sorted(files.items()):
            data = text.encode()
            info = tarfile.TarInfo("%s-%s/%s" % (name, version, path))
            info.size, info.mtime = len(data), 0
            t.addfile(info, io.BytesIO(data))
    return "%s-%s.tar.gz" % (name, version), buf.getvalue()


def wheel(name, version, files, requires=()):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for path, text in sorted(files.items()):
            z.writestr(path, text)
        meta = "Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)
        meta += "".join("Requires-Dist: %s\n" % r for r in requires)
        z.writestr("%s-%s.dist-info/METADATA" % (name, version), meta)
    return "%s-%s-py3-none-any.whl" % (name, version), buf.getvalue()


class Index:
    """A PEP 691 JSON Simple API over HTTP on 127.0.0.1, serving the files given."""

    def __init__(self, root):
        self.root = root
        handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(*a, directory=str(root), **k)  # noqa: E731
        handler.log_message = lambda *a: None
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]

    def add(self, project, filename, data, listed_sha256=None):
        (self.root / "files").mkdir(parents=True, exist_ok=True)
        (self.root / "files" / filename).write_bytes(data)
        page = self.root / "simple" / project / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        listing = json.loads(page.read_text()) if page.exists() else {"files": []}
        sha = listed_sha256 or hashlib.sha256(data).hexdigest()
        listing["files"].append({"filename": filename, "url": "../../files/" + filename, "hashes": {"sha256": sha}})
        page.write_text(json.dumps(listing))
        return sha


@pytest.fixture
def index(tmp_path):
    idx = Index(tmp_path / "index")
    yield idx
    idx.server.shutdown()


def lock(tmp_path, index, requirements, overrides=None):
    reqs = tmp_path / "requirements.txt"
    reqs.write_text(requirements)
    args = [sys.executable, str(LOCK), str(reqs), "--index-url", index.url, "--gazelle", str(GAZELLE),
            "--python-version", "3.12"]
    if overrides is not None:
        (tmp_path / "overrides.json").write_text(json.dumps(overrides))
        args += ["--overrides", str(tmp_path / "overrides.json")]
    env = dict(os.environ, PYSTATIC_CACHE=str(tmp_path / "cache"))
    p = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    out = tmp_path / "pystatic_pypi.lock.json"
    return p.returncode, p.stdout, (json.loads(out.read_text()) if p.returncode == 0 else None)


@pytest.fixture(autouse=True)
def gazelle_binary():
    assert os.access(GAZELLE, os.X_OK), "no Gazelle binary at %s: run bash gazelle/build.sh %s" % (GAZELLE, GAZELLE)


def add_ext_sdist(index, name, files):
    filename, data = sdist(name, "1.0", files)
    return index.add(name, filename, data)


def test_sdist_and_wheel_lock(tmp_path, index):
    sha = add_ext_sdist(index, "okext", {
        "setup.py": "from setuptools import setup, Extension\nsetup(ext_modules=[Extension('okext._ext', ['okext/_ext.c'])])\n",
        "PKG-INFO": "Metadata-Version: 2.2\nName: okext\nVersion: 1.0\nRequires-Dist: purelib\n",
        "okext/__init__.py": "from okext import _ext\n",
        "okext/_ext.c": EXT_C % "",
        "okext/py.typed": "",
        "okext/templates/page.html": "<p>{x}</p>\n",
        "tests/test_okext.py": "import okext\n",
    })
    filename, data = wheel("purelib", "2.0", {"purelib/__init__.py": "X = 1\n"})
    wsha = index.add("purelib", filename, data)
    requirements = "okext==1.0 --hash=sha256:%s\npurelib==2.0 --hash=sha256:%s\n" % (sha, wsha)
    rc, out, first = lock(tmp_path, index, requirements)
    assert rc == 0, out
    ok = first["packages"]["okext"]
    assert ok["kind"] == "sdist" and ok["sha256"] == sha and ok["extensions"] == ["okext._ext"], ok
    assert ok["deps"] == ["purelib"]
    root = "\n".join(ok["build_files"]["BUILD.bazel"])
    assert '"//okext:_ext"' in root and '"@pystatic_pypi_purelib//:pkg"' in root, root
    assert "tests/BUILD.bazel" not in ok["build_files"]  # the sdist's tests are left out
    # The package's data files: a filegroup beside Gazelle's rules, in the package's target.
    pkg = "\n".join(ok["build_files"]["okext/BUILD.bazel"])
    assert 'name = "pystatic_data",\n    srcs = [\n        "py.typed",\n        "templates/page.html",\n    ],' in pkg, pkg
    assert '"//okext:pystatic_data"' in root, root
    assert first["packages"]["purelib"]["kind"] == "wheel"
    # Deterministic: a second run (downloads cached) writes the same bytes.
    text = (tmp_path / "pystatic_pypi.lock.json").read_bytes()
    rc, out, _ = lock(tmp_path, index, requirements)
    assert rc == 0, out
    assert (tmp_path / "pystatic_pypi.lock.json").read_bytes() == text


def test_generated_header(tmp_path, index):
    sha = add_ext_sdist(index, "gen", {
        "setup.py": "from setuptools import setup, Extension\nsetup(ext_modules=[Extension('gen._ext', ['gen/_ext.c'])])\n",
        "gen/__init__.py": "",
        "gen/_ext.c": EXT_C % '#include "config.h"',
        "gen/config.h.in": "#define HAVE_X @HAVE_X@\n",
    })
    rc, out, _ = lock(tmp_path, index, "gen==1.0 --hash=sha256:%s\n" % sha)
    assert rc == 1, out
    assert 'gen==1.0 (gen-1.0.tar.gz): gen/_ext.c includes "config.h", which the sdist does not ship' in out, out
    assert "template gen/config.h.in" in out and '"overlays": {"gen/config.h"' in out, out
    # The fix the message names: the header as an overlay.
    rc, out, result = lock(tmp_path, index, "gen==1.0 --hash=sha256:%s\n" % sha,
                           {"gen": {"overlays": {"gen/config.h": "#define HAVE_X 1\n"}}})
    assert rc == 0, out
    assert result["packages"]["gen"]["extensions"] == ["gen._ext"]


def test_unknown_build_backend(tmp_path, index):
    sha = add_ext_sdist(index, "odd", {
        "pyproject.toml": '[build-system]\nrequires = ["oddbuild"]\nbuild-backend = "oddbuild.api"\n',
        "odd/__init__.py": "",
    })
    rc, out, _ = lock(tmp_path, index, "odd==1.0 --hash=sha256:%s\n" % sha)
    assert rc == 1, out
    assert 'odd==1.0 (odd-1.0.tar.gz): pyproject.toml: unknown build backend "oddbuild.api"' in out, out
    rc, out, _ = lock(tmp_path, index, "odd==1.0 --hash=sha256:%s\n" % sha, {"odd": {"allow": ["unknown_backend"]}})
    assert rc == 0, out


def test_in_tree_backend_that_wraps_setuptools(tmp_path, index):
    # PyYAML's shape: backend-path = ["packaging"], build-backend = "_pyyaml_pep517".
    pyproject = '[build-system]\nrequires = ["setuptools"]\nbackend-path = ["build_support"]\nbuild-backend = "_inner"\n'
    sha = add_ext_sdist(index, "wrapped", {
        "pyproject.toml": pyproject,
        "build_support/_inner.py": "from setuptools import build_meta\nbuild_wheel = build_meta.build_wheel\n",
        "wrapped/__init__.py": "",
    })
    rc, out, result = lock(tmp_path, index, "wrapped==1.0 --hash=sha256:%s\n" % sha)
    assert rc == 0, out
    assert result["packages"]["wrapped"]["build_backend"] == "_inner (in-tree, wraps setuptools.build_meta)"
    # An in-tree backend of its own is unknown.
    filename, data = sdist("selfmade", "1.0", {
        "pyproject.toml": pyproject,
        "build_support/_inner.py": "def build_wheel(*a):\n    raise NotImplementedError\n",
        "selfmade/__init__.py": "",
    })
    sha = index.add("selfmade", filename, data)
    rc, out, _ = lock(tmp_path, index, "selfmade==1.0 --hash=sha256:%s\n" % sha)
    assert rc == 1 and 'pyproject.toml: unknown build backend "_inner"' in out, out


def test_vendored_bazel_files_are_left_out(tmp_path, index):
    # ujson's shape: a vendored library with its own BUILD and WORKSPACE.
    sha = add_ext_sdist(index, "vend", {
        "setup.py": "from setuptools import setup, Extension\nsetup(ext_modules=[Extension('vend._ext', ['vend/_ext.c'])])\n",
        "vend/__init__.py": "",
        "vend/_ext.c": EXT_C % "",
        "deps/lib/BUILD": "cc_library(name = 'lib', srcs = ['lib.c'])\n",
        "deps/lib/WORKSPACE": "workspace(name = 'lib')\n",
        "deps/lib/lib.c": "int lib(void) { return 1; }\n",
    })
    rc, out, result = lock(tmp_path, index, "vend==1.0 --hash=sha256:%s\n" % sha)
    assert rc == 0, out
    entry = result["packages"]["vend"]
    assert entry["removed_files"] == ["deps/lib/BUILD", "deps/lib/WORKSPACE"], entry
    assert "deps/lib/BUILD" not in entry["build_files"]
    assert "vend==1.0 (vend-1.0.tar.gz): deps/lib/BUILD: the sdist's own Bazel file, left out" in out, out


def test_cffi_module(tmp_path, index):
    sha = add_ext_sdist(index, "cf", {
        "setup.py": "from setuptools import setup\nsetup(cffi_modules=['build_ffi.py:ffibuilder'])\n",
        "build_ffi.py": "import cffi\nffibuilder = cffi.FFI()\nffibuilder.set_source('cf._lib', '#include <x.h>')\n",
        "cf/__init__.py": "from cf._lib import ffi\n",
    })
    rc, out, _ = lock(tmp_path, index, "cf==1.0 --hash=sha256:%s\n" % sha)
    assert rc == 1, out
    assert "cf==1.0 (cf-1.0.tar.gz): setup.py declares cffi_modules ['build_ffi.py:ffibuilder']" in out, out
    assert "module cf._lib" in out, out


def test_hash_not_of_any_file(tmp_path, index):
    filename, data = wheel("purelib", "2.0", {"purelib/__init__.py": ""})
    index.add("purelib", filename, data)
    rc, out, _ = lock(tmp_path, index, "purelib==2.0 --hash=sha256:%s\n" % ("ab" * 32))
    assert rc == 1, out
    assert "requirements.txt:1: hash mismatch for purelib==2.0" in out and filename in out, out


def test_download_does_not_match_its_hash(tmp_path, index):
    filename, data = wheel("purelib", "2.0", {"purelib/__init__.py": ""})
    pinned = "cd" * 32  # the index says this, the file is something else
    index.add("purelib", filename, data, listed_sha256=pinned)
    rc, out, _ = lock(tmp_path, index, "purelib==2.0 --hash=sha256:%s\n" % pinned)
    assert rc == 1, out
    assert "hash mismatch for purelib==2.0: %s downloaded from" % filename in out, out
    assert "has sha256:%s" % hashlib.sha256(data).hexdigest() in out, out


def test_unpinned_dependency(tmp_path, index):
    filename, data = wheel("needy", "1.0", {"needy/__init__.py": ""},
                           requires=["other>=1", 'extra-only; extra == "x"', 'winonly; sys_platform == "win32"'])
    sha = index.add("needy", filename, data)
    rc, out, _ = lock(tmp_path, index, "needy==1.0 --hash=sha256:%s\n" % sha)
    assert rc == 1, out
    assert "needy==1.0 requires other, which the requirements file does not pin" in out, out


@pytest.mark.parametrize("line, message", [
    ("attrs>=24", '"attrs>=24" is not pinned'),
    ("attrs==24.2.0", "attrs==24.2.0 has no --hash=sha256"),
    ("-e .", "-e is not supported"),
])
def test_requirements_errors(tmp_path, index, line, message):
    rc, out, _ = lock(tmp_path, index, "# comment\n" + line + "\n")
    assert rc == 1, out
    assert "requirements.txt:2: " + message in out, out
