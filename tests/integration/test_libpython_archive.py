"""toolchain/private/libpython_archive.py: the check the local toolchain runs
on a static libpython (docs/toolchain.md#debians-static-libpython).

Made-up archives (gcc and ar, inside the Bazel 7 root) show each case on its
own; then the real ones: Debian's 3.14/3.15 archives (the plain one not PIC,
the -pic.a lacking the HACL* objects of five hash modules) and pyenv's 3.12
(nothing to do).
"""

import json
import os
import pathlib
import subprocess
import sys

import pytest

import bazel

SCRIPT = bazel.ROOT / "toolchain" / "private" / "libpython_archive.py"
DEBIAN = {v: pathlib.Path("/usr/lib/python{0}/config-{0}-x86_64-linux-gnu".format(v)) for v in ("3.14", "3.15")}
HASH_MODULES = ["_blake2", "_md5", "_sha1", "_sha2", "_sha3"]

SOURCES = {
    # Calls a CPython symbol that no member defines, as Debian's md5module.o does.
    "hashmod.c": "int _Py_LibHacl_Missing(int);\nint PyInit__fakehash(void) { return _Py_LibHacl_Missing(1); }\n",
    # Calls one that another member defines, and a libc function (not ours to check).
    "core.c": "#include <string.h>\nint _Py_Helper(int);\nint Py_Core(const char *s) { return _Py_Helper((int)strlen(s)); }\n",
    "helper.c": "int _Py_Helper(int x) { return x + 1; }\n",
    # Takes a string's address: R_X86_64_32 when compiled without -fPIC.
    "address.c": "const char *Py_Name(void) { return \"name\"; }\n",
}


def check(archive, out_dir):
    result = subprocess.run([sys.executable, "-I", str(SCRIPT), str(archive), str(out_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def make_archive(tmp_path, names, pic=True):
    objects = []
    for name in names:
        src = tmp_path / name
        src.write_text(SOURCES[name])
        obj = tmp_path / (name[:-2] + ".o")
        # -fno-pic: absolute 32-bit addresses of data, as in Debian's
        # libpython3.X.a.
        flags = ["-fPIC"] if pic else ["-fno-pic", "-fno-pie"]
        subprocess.run(["gcc", "-c", "-O0", *flags, str(src), "-o", str(obj)], check=True)
        objects.append(str(obj))
    archive = tmp_path / "libfake.a"
    subprocess.run(["ar", "rcs", str(archive), *objects], check=True)
    return archive


def members(archive):
    return subprocess.run(["ar", "t", str(archive)], check=True, stdout=subprocess.PIPE,
                          text=True).stdout.split()


def test_complete_pic_archive_is_used_as_it_is(tmp_path):
    archive = make_archive(tmp_path, ["core.c", "helper.c", "address.c"])
    report = check(archive, tmp_path / "out")
    assert report["not_pic"] == [] and report["removed_members"] == [] and report["archive"] == ""
    assert not (tmp_path / "out").exists()


def test_member_calling_a_missing_cpython_symbol_is_left_out(tmp_path):
    archive = make_archive(tmp_path, ["core.c", "helper.c", "hashmod.c"])
    report = check(archive, tmp_path / "out")
    assert report["removed_members"] == ["hashmod.o"]
    assert report["missing_symbols"] == ["_Py_LibHacl_Missing"]
    assert report["stub_modules"] == ["_fakehash"]
    trimmed = pathlib.Path(report["archive"])
    assert members(trimmed) == ["core.o", "helper.o"]
    # The index was rebuilt: the linker takes the archive and finds Py_Core
    # through it (no `ranlib` ran).
    main = tmp_path / "main.c"
    main.write_text("int Py_Core(const char *);\nint main(void) { return Py_Core(\"abc\") == 4 ? 0 : 1; }\n")
    exe = tmp_path / "main"
    subprocess.run(["gcc", str(main), str(trimmed), "-o", str(exe)], check=True)
    assert subprocess.run([str(exe)]).returncode == 0
    stubs = pathlib.Path(report["stubs"]).read_text()
    assert "PyInit__fakehash(void)" in stubs and "PyExc_ImportError" in stubs


def test_non_pic_archive_is_reported(tmp_path):
    report = check(make_archive(tmp_path, ["core.c", "address.c"], pic=False), tmp_path / "out")
    assert report["not_pic"] == ["address.o"], report
    # The same code compiled with -fPIC is fine.
    pic = tmp_path / "pic"
    pic.mkdir()
    assert check(make_archive(pic, ["core.c", "address.c"]), tmp_path / "out")["not_pic"] == []


@pytest.mark.parametrize("version", sorted(DEBIAN))
def test_debian_archives(version, tmp_path):
    plain = check(DEBIAN[version] / "libpython{}.a".format(version), tmp_path / "plain")
    assert plain["not_pic"], "Debian's libpython{}.a was not PIC before; is it now?".format(version)
    pic = check(DEBIAN[version] / "libpython{}-pic.a".format(version), tmp_path / "pic")
    assert pic["not_pic"] == []
    assert pic["removed_members"] == ["blake2module.o", "md5module.o", "sha1module.o", "sha2module.o", "sha3module.o"]
    assert pic["stub_modules"] == HASH_MODULES
    assert all(s.startswith("_Py_LibHacl_") for s in pic["missing_symbols"])
    before, after = members(DEBIAN[version] / "libpython{}-pic.a".format(version)), members(pic["archive"])
    assert after == [m for m in before if m not in pic["removed_members"]]


def test_pyenv_archive_needs_nothing(tmp_path):
    root = pathlib.Path(os.environ.get("PYENV_ROOT", pathlib.Path.home() / ".pyenv"))
    (archive,) = root.glob("versions/3.12.*/lib/python3.12/config-3.12-*/libpython3.12.a")
    report = check(archive, tmp_path / "out")
    assert report == {"archive": "", "missing_symbols": [], "not_pic": [], "removed_members": [],
                      "stub_modules": [], "stubs": ""}


def test_damaged_archive_is_one_line_of_error(tmp_path):
    bad = tmp_path / "libbad.a"
    bad.write_bytes(b"!<arch>\nnot a member header at all, just text that is long enough to look like one\n")
    result = subprocess.run([sys.executable, "-I", str(SCRIPT), str(bad), str(tmp_path / "out")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("not a readable ar archive of ELF objects (ArchiveError: bad member header")
    assert "Traceback" not in result.stderr
