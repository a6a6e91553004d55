"""The hermetic toolchain: python.standalone(...) (bzlmod, Bazel 7) over a
python-build-standalone-like "full" archive; one case through the WORKSPACE
macro pystatic_python_toolchains(standalone = ...).

This machine cannot download python-build-standalone, so the archive is built
by tests/toolchain/make_standalone_archive.py from pyenv's CPython 3.11 (the
core, from its static libpython) and Debian's CPython 3.11 source (a few real
stdlib extension objects), then served by file:// URL with its real sha256.
It is a .tar.zst, extracted by Bazel itself: the Bazel 7 root has no zstd
program. See tests/toolchain/standalone_archive.py and docs/toolchain.md.
"""

import hashlib
import io
import json
import os
import pathlib
import re
import subprocess
import sys
import tarfile
import textwrap

import pytest

import bazel

sys.path.insert(0, str(bazel.ROOT / "tests" / "toolchain"))
import standalone_archive  # noqa: E402

# The extensions the test archive has as objects: real stdlib ones, and a
# stand-in whose two static libraries are listed in an order ld can't use as is.
STATIC = ["_bisect", "_bz2", "_crypt", "_heapq", "_json", "_pystatic_linkorder", "_random", "zlib"]
REPO = "pystatic_python_3_11"

EXT_C = """\
#include <Python.h>
static PyObject *twice(PyObject *self, PyObject *arg) {
    long v = PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) return NULL;
    return PyLong_FromLong(2 * v);
}
static PyMethodDef methods[] = {{"twice", twice, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_ext", NULL, -1, methods};
PyMODINIT_FUNC PyInit__ext(void) { return PyModule_Create(&def); }
"""

APP_PY = """\
import bz2, bisect, heapq, json, random, sys, zlib
import _csv, _pystatic_linkorder
from mypkg import _ext

report = {"modules": {}}
for name in %r + ["_csv", "posix", "_crypt"]:
    module = __import__(name)
    report["modules"][name] = {
        "builtin": name in sys.builtin_module_names,
        "origin": module.__spec__.origin,
    }
random.seed(7)
data = b"static " * 50
report["version"] = "%%d.%%d.%%d" %% sys.version_info[:3]
report["hexversion"] = sys.hexversion
report["ext"] = _ext.twice(21)
report["works"] = [
    zlib.decompress(zlib.compress(data)) == data,
    bz2.decompress(bz2.compress(data)) == data,
    json.loads(json.dumps({"a": [1, 2.5, None]})) == {"a": [1, 2.5, None]},
    json.decoder.c_scanstring is not None,
    heapq.nsmallest(2, [5, 1, 4, 2]) == [1, 2],
    bisect.bisect([1, 2, 4], 3) == 2,
    0 <= random.random() < 1,
    _pystatic_linkorder.value() == 42,
]
print("REPORT " + json.dumps(report))
""" % (STATIC,)


# A single-file binary needs no lib-dynload for these: all built in.
ONE_FILE_PY = """\
import bz2, json, sys, textwrap, zlib
from mypkg import _ext
assert all(m in sys.builtin_module_names for m in ("_json", "zlib", "_bz2")), sys.builtin_module_names
data = json.dumps({"n": _ext.twice(21)}).encode()
assert bz2.decompress(zlib.decompress(zlib.compress(bz2.compress(data)))) == data
print(textwrap.shorten("one file %d.%d.%d " % sys.version_info[:3] + data.decode(), 60))
"""


@pytest.fixture(scope="module")
def archive():
    return standalone_archive.build()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("standalone")
    work = base / "ws"
    (work / "mypkg").mkdir(parents=True)
    (work / "BUILD.bazel").write_text(textwrap.dedent("""\
        load("@rules_pystatic//rules:defs.bzl", "py_static_binary", "py_static_extension")
        py_static_extension(name = "_ext", module = "mypkg._ext", srcs = ["_ext.c"])
        py_static_binary(name = "app", srcs = ["app.py"], deps = [":_ext"])
        py_static_binary(name = "one_file", srcs = ["one_file.py"], deps = [":_ext"], single_file = True)
        """))
    (work / "one_file.py").write_text(ONE_FILE_PY)
    (work / "_ext.c").write_text(EXT_C)
    (work / "app.py").write_text(APP_PY)
    startup = ["--output_base={}".format(base / "output_base"), "--max_idle_secs=60"]
    yield work, startup
    bazel.run(["shutdown"], cwd=work, startup=startup, check=False)


MODULE = """\
module(name = "consumer")

bazel_dep(name = "rules_pystatic", version = "0.1.0")

python = use_extension("@rules_pystatic//toolchain:extensions.bzl", "python")
python.standalone({spec})
use_repo(python, "pystatic_pythons"{extra_repos})
register_toolchains("@pystatic_pythons//:all")
"""


def _write_module(work, spec, extra_repos=()):
    (work / "MODULE.bazel").write_text(MODULE.format(
        spec=spec, extra_repos="".join(', "{}"'.format(r) for r in extra_repos)))


def _spec(version, url, sha256, extra=""):
    """The python.standalone(...) arguments; extra: more of them, ", name = value"."""
    return 'version = "{}", urls = ["{}"], sha256 = "{}"{}'.format(version, url, sha256, extra)


def _external(work, startup, repo):
    """The repository's directory: its canonical name ends in +<repo> (or ~<repo>)."""
    found = sorted((_output_base(work, startup) / "external").glob("*[+~]" + repo))
    assert found, repo
    return found[0]


def _report(output):
    for line in output.splitlines():
        if line.startswith("REPORT "):
            return json.loads(line[len("REPORT "):])
    raise AssertionError("no report in:\n" + output[-4000:])


def _output_base(work, startup):
    return pathlib.Path(bazel.run(["info", "output_base"], cwd=work, startup=startup).stdout.strip().splitlines()[-1])


def test_stdlib_extensions_are_built_in(workspace, archive):
    work, startup = workspace
    _write_module(work, _spec("3.11", "file://" + archive["path"], archive["sha256"]))
    report = _report(bazel.run(["run", "//:app"], cwd=work, startup=startup).stdout)
    modules = report["modules"]
    for name in STATIC:
        assert modules[name] == {"builtin": True, "origin": "built-in"}, name
    # Built into the core (from the archive's libpython objects) ...
    assert modules["posix"] == {"builtin": True, "origin": "built-in"}
    # ... and an extension without objects still loads from lib-dynload.
    assert not modules["_csv"]["builtin"]
    assert modules["_csv"]["origin"].endswith("/lib-dynload/_csv.cpython-311-x86_64-linux-gnu.so")
    assert REPO in modules["_csv"]["origin"]
    assert report["works"] == [True] * 8
    assert report["ext"] == 42

    # The archive's CPython, not any other 3.11 on the machine.
    assert report["version"] == archive["python_version"]
    external = _external(work, startup, REPO)
    facts = json.loads((external / "PYTHON.json").read_text())
    assert report["hexversion"] == facts["python_implementation_hex_version"]
    linked = json.loads((external / "pystatic.json").read_text())
    assert linked["static"] == STATIC
    assert "posix" in linked["in_core"] and "_csv" not in linked["in_core"] + linked["static"]
    assert linked["distribution_licenses"] == facts["licenses"]


def test_toolchain_interpreter_is_the_archives(workspace, archive):
    work, startup = workspace
    _write_module(work, _spec("3.11", "file://" + archive["path"], archive["sha256"]), extra_repos=[REPO])
    out = bazel.run(["query", "--output=build", "@{}//:python".format(REPO)], cwd=work, startup=startup).stdout
    assert '//:install/bin/python3.11"' in out
    assert "static_stdlib_modules = [" in out
    external = _external(work, startup, REPO)
    version = subprocess.run([str(external / "install/bin/python3.11"), "-I", "-c",
                              "import sys; print('%d.%d.%d' % sys.version_info[:3])"],
                             check=True, stdout=subprocess.PIPE, text=True).stdout.strip()
    assert version == archive["python_version"]
    # The hub's toolchain carries the archive's platform (PYTHON.json target_triple).
    assert (external / "platform.bzl").read_text().endswith(
        'PLATFORM = "linux x86_64"\nTARGET_COMPATIBLE_WITH = ["@platforms//os:linux", "@platforms//cpu:x86_64"]\n')
    hub = bazel.run(["query", "--output=build", "@pystatic_pythons//:python_3_11"], cwd=work, startup=startup).stdout
    # (@platforms or @@platforms: the consumer has no bazel_dep on it.)
    assert re.search(r'target_compatible_with = \["@@?platforms//os:linux", "@@?platforms//cpu:x86_64"\]', hub), hub


def test_zstd_archive_needs_no_zstd_program(workspace, archive):
    """Bazel extracts the .tar.zst itself: the Bazel 7 root has no zstd."""
    work, startup = workspace
    assert archive["path"].endswith(".tar.zst")
    bazel.run(["build", "//:_ext"], cwd=work, startup=startup)  # after the tests above: fetched
    which = subprocess.run(["bash", str(bazel.ROOT / "tools/bazel7/enter.sh"), "sh", "-c", "command -v zstd || echo none"],
                           cwd=str(bazel.ROOT), stdout=subprocess.PIPE, text=True).stdout.split()
    assert which[-1] == "none", "the Bazel 7 root has a zstd program: this test no longer shows anything"


def test_single_file_binary_runs_alone(workspace, archive, tmp_path):
    """The issue's point: one file, fully static stdlib extensions, run from
    elsewhere with no Python on PATH and no runfiles beside it."""
    work, startup = workspace
    _write_module(work, _spec("3.11", "file://" + archive["path"], archive["sha256"]))
    bazel.run(["build", "//:one_file"], cwd=work, startup=startup)
    binary = tmp_path / "one_file"
    binary.write_bytes((work / "bazel-bin" / "one_file").read_bytes())
    binary.chmod(0o755)
    run = subprocess.run([str(binary)], cwd=str(tmp_path), env={"PATH": "/nonexistent", "HOME": str(tmp_path)},
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    assert run.returncode == 0, run.stdout
    assert run.stdout.strip() == 'one file {} {{"n": 42}}'.format(archive["python_version"])


def test_excluded_extensions_come_from_lib_dynload(workspace, archive):
    work, startup = workspace
    _write_module(work, _spec("3.11", "file://" + archive["path"], archive["sha256"],
                              ', exclude_extensions = ["_crypt", "zlib"]'))
    report = _report(bazel.run(["run", "//:app"], cwd=work, startup=startup).stdout)
    for name in ["_crypt", "zlib"]:
        assert not report["modules"][name]["builtin"], name
        assert report["modules"][name]["origin"].endswith("/lib-dynload/{}.cpython-311-x86_64-linux-gnu.so".format(name))
    for name in ["_bisect", "_bz2", "_json"]:
        assert report["modules"][name]["origin"] == "built-in"
    assert report["works"] == [True] * 8


def _fails(work, startup, spec):
    _write_module(work, spec)
    result = bazel.run(["build", "//:app"], cwd=work, startup=startup, check=False)
    assert result.returncode != 0, result.stdout[-3000:]
    return result.stdout


def test_wrong_sha256(workspace, archive):
    work, startup = workspace
    wrong = "0" * 64
    out = _fails(work, startup, _spec("3.11", "file://" + archive["path"], wrong))
    assert (
        'pystatic_standalone_python(name = "{}"): the archive at file://{} has sha256 {}, but sha256 = "{}". '
        "Check that urls and sha256 name the same archive; if you trust this one, set sha256 = \"{}\""
    ).format(REPO, archive["path"], archive["sha256"], wrong, archive["sha256"]) in out


def test_unreachable_url(workspace, tmp_path):
    work, startup = workspace
    url = "file://{}/nonexistent-full.tar.zst".format(tmp_path)
    # Not the test archive's sha256: the repository cache would serve that one.
    out = _fails(work, startup, _spec("3.11", url, "1" * 64))
    assert 'pystatic_standalone_python(name = "{}"): could not download {} (tried {})'.format(REPO, url, url) in out


def test_malformed_sha256(workspace, archive):
    work, startup = workspace
    out = _fails(work, startup, _spec("3.11", "file://" + archive["path"], "abc"))
    assert 'pystatic_standalone_python(name = "{}"): sha256 = "abc" is not a SHA-256 (64 lowercase hex digits)'.format(REPO) in out


def test_version_mismatch(workspace, archive):
    work, startup = workspace
    out = _fails(work, startup, _spec("3.12", "file://" + archive["path"], archive["sha256"]))
    assert (
        'pystatic_standalone_python(name = "pystatic_python_3_12"): the archive is Python {} '
        '(PYTHON.json python_version), but version = "3.12". Point urls at a CPython 3.12 archive, or change version'
    ).format(archive["python_version"]) in out


def test_unknown_excluded_extension(workspace, archive):
    work, startup = workspace
    out = _fails(work, startup, _spec("3.11", "file://" + archive["path"], archive["sha256"],
                                      ', exclude_extensions = ["_nosuch"]'))
    assert 'exclude_extensions names "_nosuch", which is not an extension of this archive; it has: ' in out


def _small_archive(path, files):
    """A .tar.gz (Bazel extracts it natively) holding `files` {name: bytes}."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tf:
        for name, data in sorted(files.items()):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    path.write_bytes(buf.getvalue())
    return "file://" + str(path), hashlib.sha256(buf.getvalue()).hexdigest()


def test_install_only_archive_has_no_python_json(workspace, tmp_path):
    work, startup = workspace
    url, sha = _small_archive(tmp_path / "cpython-3.11-install_only.tar.gz", {"python/bin/python3.11": b"#!/bin/sh\n"})
    out = _fails(work, startup, _spec("3.11", url, sha))
    assert (
        'pystatic_standalone_python(name = "{}"): the archive {} has no PYTHON.json under "python/": it is not a '
        'python-build-standalone "full" archive. install_only archives have no PYTHON.json and no object files; '
        "use the *-full.tar.zst archive of the same release"
    ).format(REPO, url) in out


def _json_archive(tmp_path, **overrides):
    info = {
        "version": "8",
        "python_version": "3.11.7",
        "python_major_minor_version": "3.11",
        "target_triple": "x86_64-unknown-linux-gnu",
        "build_options": "pgo",
        "crt_features": ["glibc-dynamic"],
        "build_info": {"core": {"objs": [], "links": []}, "extensions": {}, "object_file_format": "elf"},
    }
    info.update(overrides)
    return _small_archive(tmp_path / "cpython-full.tar.gz", {"python/PYTHON.json": json.dumps(info).encode()})


@pytest.mark.parametrize("overrides, message", [
    ({"version": "9"}, 'PYTHON.json has schema version "9"; this rules_pystatic reads versions 5, 6, 7, 8.'),
    ({"build_options": "pgo+freethreaded"}, "the archive is a free-threaded build; it is not supported yet"),
    ({"build_info": {"core": {"objs": [], "links": []}, "extensions": {}, "object_file_format": "llvm-bitcode:19.1.6"}},
     'build_info.object_file_format is "llvm-bitcode:19.1.6"; the objects must be ELF.'),
    ({"target_triple": "aarch64-apple-darwin"},
     'the archive is for target_triple "aarch64-apple-darwin"; rules_pystatic\'s standalone toolchain links glibc Linux archives'),
], ids=["schema", "free-threaded", "bitcode", "macos"])
def test_unsupported_archive(workspace, tmp_path, overrides, message):
    work, startup = workspace
    url, sha = _json_archive(tmp_path, **overrides)
    out = _fails(work, startup, _spec("3.11", url, sha))
    assert 'pystatic_standalone_python(name = "{}"): {}'.format(REPO, message) in out


def test_unused_archive_is_not_downloaded(workspace, archive, tmp_path):
    """A registered archive whose target triple is in its file name (as
    python-build-standalone names them) is downloaded only when a build uses
    its version: the hub's toolchain carries the platform itself."""
    work, startup = workspace
    url = "file://{}/cpython-3.12.8+20250106-x86_64-unknown-linux-gnu-pgo-full.tar.zst".format(tmp_path)
    # Nothing is at that URL: fetching pystatic_python_3_12 fails.
    _write_module(work, _spec("3.11", "file://" + archive["path"], archive["sha256"], ", default = True")
                  + ")\npython.standalone(" + _spec("3.12", url, "1" * 64))
    report = _report(bazel.run(["run", "//:app"], cwd=work, startup=startup).stdout)
    assert report["version"] == archive["python_version"]
    hub = bazel.run(["query", "--output=build", "@pystatic_pythons//:python_3_12"], cwd=work, startup=startup).stdout
    assert re.search(r'target_compatible_with = \["@@?platforms//os:linux", "@@?platforms//cpu:x86_64"\]', hub), hub
    # Used, it is fetched, and the failure names it.
    result = bazel.run(["build", "//:app", "--@rules_pystatic//toolchain:python_version=3.12"],
                       cwd=work, startup=startup, check=False)
    assert result.returncode != 0
    assert 'pystatic_standalone_python(name = "pystatic_python_3_12"): could not download {}'.format(url) in result.stdout


def test_target_triple_must_match_the_archive(workspace, archive):
    work, startup = workspace
    _write_module(work, _spec("3.11", "file://" + archive["path"], archive["sha256"],
                              ', target_triple = "aarch64-unknown-linux-gnu"'), extra_repos=[REPO])
    result = bazel.run(["query", "@{}//:python".format(REPO)], cwd=work, startup=startup, check=False)
    assert result.returncode != 0
    assert (
        'pystatic_standalone_python(name = "{}"): the archive is for linux x86_64 (PYTHON.json target_triple '
        'x86_64-unknown-linux-gnu), but its toolchain was registered for linux aarch64 (from target_triple = '
        '"aarch64-unknown-linux-gnu"). Fix target_triple'
    ).format(REPO) in result.stdout


def test_workspace_macro(archive, tmp_path):
    """The same repository rule through WORKSPACE's pystatic_python_toolchains(standalone = ...)."""
    work = tmp_path / "ws"
    (work / "mypkg").mkdir(parents=True)
    (work / "WORKSPACE").write_text(textwrap.dedent("""\
        load("@rules_pystatic//toolchain:repositories.bzl", "pystatic_python_toolchains")
        pystatic_python_toolchains(standalone = {{"3.11": {{"urls": ["file://{}"], "sha256": "{}"}}}})
        """).format(archive["path"], archive["sha256"]))
    (work / "BUILD.bazel").write_text(textwrap.dedent("""\
        load("@rules_pystatic//rules:defs.bzl", "py_static_binary", "py_static_extension")
        py_static_extension(name = "_ext", module = "mypkg._ext", srcs = ["_ext.c"])
        py_static_binary(name = "one_file", srcs = ["one_file.py"], deps = [":_ext"])
        """))
    (work / "one_file.py").write_text(ONE_FILE_PY)
    (work / "_ext.c").write_text(EXT_C)
    startup = ["--output_base={}".format(tmp_path / "output_base"), "--max_idle_secs=30"]
    env = dict(os.environ, PYSTATIC_BAZEL_MODE="workspace")
    try:
        run = subprocess.run([str(bazel.BAZEL), *startup, "run", "//:one_file"], cwd=work, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=1800)
        assert run.returncode == 0, run.stdout[-4000:]
        assert 'one file {} {{"n": 42}}'.format(archive["python_version"]) in run.stdout
    finally:
        subprocess.run([str(bazel.BAZEL), *startup, "shutdown"], cwd=work, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.STDOUT)
