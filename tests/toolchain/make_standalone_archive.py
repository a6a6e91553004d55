#!/usr/bin/env python3
"""Builds a python-build-standalone-like "full" archive from a pyenv CPython.

The machines this project is tested on cannot download python-build-standalone
(PBS). This script makes an archive with the same layout, so the
pystatic_standalone_python repository rule can be tested on it:

    python/PYTHON.json                     schema version 8, the fields the rule reads
    python/install/                        the prefix: bin/python3.X, include/,
                                           lib/python3.X (no test dirs, no
                                           site-packages), lib-dynload/*.so, lib/libpython3.X.so*
    python/build/core/*.o                  the members of the prefix's static libpython3.X.a (`ar x`)
    python/build/Modules/config.o          the inittab object (one of those members)
    python/build/Modules/config.c          the inittab source (config-3.X-*/config.c)
    python/build/extensions/<name>/*.o     stdlib extension objects (see below)
    python/build/lib/libz.a                a static library an extension links (Debian's zlib1g-dev)

Where the objects come from. pyenv installs no object files for the stdlib's
extension modules (only lib-dynload .so files), and this machine has no CPython
source of the pyenv version. So:

- the modules built into libpython (config.c: posix, _io, _sre, ...) are real,
  from libpython3.X.a, and marked in_core;
- a few real stdlib extension modules are compiled here from the CPython source
  that Debian ships for its own python3.11 (`apt-get source`, upstream 3.11.2),
  against the pyenv prefix's headers (3.11.7): _bisect, _heapq, _json, _random,
  zlib (links the static build/lib/libz.a), _bz2 and _crypt (link the system
  libbz2 and libcrypt). --cpython-source names that source (tarball or directory);
- every other stdlib extension stays a .so in lib-dynload, as in the prefix;
- one test stand-in, not a stdlib module, from tests/toolchain/testdata:
  _pystatic_linkorder, which links two static libraries listed in name order
  where the second needs the first (as PBS lists _ssl's crypto and ssl).

A real PBS archive differs in that every extension has objects and lib-dynload is
empty. The archive is deterministic (sorted entries, zero mtimes and owners), so
its sha256 only changes when its inputs do.

Usage:
    make_standalone_archive.py --prefix ~/.pyenv/versions/3.11.7 \
        --cpython-source python3.11_3.11.2.orig.tar.gz --output out.tar.zst
Formats by suffix: .tar.zst, .tar.gz, .tar.xz. zstd compression comes from
Python's own compression.zstd (3.14+: this Python, else a python3.14/3.15 on
PATH), else PyPI's zstandard package, else the zstd program (see _zstd).
"""

import argparse
import glob
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile

# name -> (sources under Modules/, links as PBS writes them)
EXTENSIONS = {
    "_bisect": (["_bisectmodule.c"], []),
    "_bz2": (["_bz2module.c"], [{"name": "bz2", "system": True}]),
    "_crypt": (["_cryptmodule.c"], [{"name": "crypt", "system": True}]),
    "_heapq": (["_heapqmodule.c"], []),
    "_json": (["_json.c"], []),
    "_random": (["_randommodule.c"], []),
    "zlib": (["zlibmodule.c"], [{"name": "z", "path_static": "build/lib/libz.a"}]),
}

STATIC_LIBS = {"z": ["/usr/lib/x86_64-linux-gnu/libz.a", "/usr/lib/libz.a"]}

# Test stand-ins (not stdlib modules), from tests/toolchain/testdata:
# name -> (sources, links, {static library: its sources}).
TESTDATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "testdata")
STANDINS = {
    "_pystatic_linkorder": (
        ["_pystatic_linkorder.c"],
        # Name order, as python-build-standalone writes links; b needs a.
        [
            {"name": "pystatic_lo_a", "path_static": "build/lib/libpystatic_lo_a.a"},
            {"name": "pystatic_lo_b", "path_static": "build/lib/libpystatic_lo_b.a"},
        ],
        {"pystatic_lo_a": ["linkorder_base.c"], "pystatic_lo_b": ["linkorder_top.c"]},
    ),
}

# Parts of lib/python3.X that PBS leaves in, but that a test archive doesn't need.
STDLIB_SKIP = {"site-packages", "test", "idlelib", "turtledemo", "tkinter", "ensurepip", "__pycache__"}


def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)


def config_var(python, name):
    out = subprocess.run(
        [python, "-I", "-c", "import sysconfig, json; print(json.dumps(sysconfig.get_config_var(%r)))" % name],
        check=True, stdout=subprocess.PIPE, text=True,
    ).stdout
    return json.loads(out)


def python_facts(python):
    code = (
        "import sys, sysconfig, json;"
        "print(json.dumps({'version': '%d.%d.%d' % sys.version_info[:3],"
        " 'mm': '%d.%d' % sys.version_info[:2], 'hexversion': sys.hexversion,"
        " 'libpl': sysconfig.get_config_var('LIBPL'), 'abiflags': sys.abiflags,"
        " 'soabi': sysconfig.get_config_var('SOABI'), 'ext_suffix': sysconfig.get_config_var('EXT_SUFFIX'),"
        " 'libs': (sysconfig.get_config_var('LIBS') or '') + ' ' + (sysconfig.get_config_var('SYSLIBS') or ''),"
        " 'cflags': sysconfig.get_config_var('CFLAGS') or '',"
        " 'cache_tag': sys.implementation.cache_tag}))"
    )
    out = subprocess.run([python, "-I", "-c", code], check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out)


def parse_config_c(text):
    """The inittab entries of a config.c: [(name, init function or None)]."""
    entries = []
    for name, fn in re.findall(r'\{\s*"([A-Za-z0-9_.]+)"\s*,\s*([A-Za-z0-9_]+)\s*\}', text):
        entries.append((name, None if fn in ("NULL", "0") else fn))
    return entries


def extract_archive_members(archive, dest):
    """`ar x`, refusing an archive with two members of the same name."""
    names = subprocess.run(["ar", "t", archive], check=True, stdout=subprocess.PIPE, text=True).stdout.split()
    if len(names) != len(set(names)):
        dups = sorted({n for n in names if names.count(n) > 1})
        sys.exit("make_standalone_archive: %s has duplicate members %s" % (archive, dups))
    os.makedirs(dest, exist_ok=True)
    sh(["ar", "x", os.path.abspath(archive)], cwd=dest)
    return sorted(names)


def find_modules_dir(source, work):
    if os.path.isdir(source):
        base = source
    else:
        out = os.path.join(work, "cpython-src")
        os.makedirs(out)
        with tarfile.open(source) as tf:
            members = [m for m in tf.getmembers() if "/Modules/" in m.name and not m.name.startswith("/") and ".." not in m.name]
            tf.extractall(out, members=members)
        tops = os.listdir(out)
        if len(tops) != 1:
            sys.exit("make_standalone_archive: unexpected layout of %s" % source)
        base = os.path.join(out, tops[0])
    modules = os.path.join(base, "Modules")
    if not os.path.isdir(modules):
        sys.exit("make_standalone_archive: no Modules/ in %s" % source)
    return modules


def copy_stdlib(src, dst):
    def ignore(directory, names):
        skip = set()
        for n in names:
            if n in STDLIB_SKIP or n.startswith("config-") or n.endswith(".pyc"):
                skip.add(n)
            elif directory.endswith("lib2to3") and n == "tests":
                skip.add(n)
        return skip

    shutil.copytree(src, dst, ignore=ignore, symlinks=False)


def write_tar(root, output):
    """A deterministic tar of root's `python/` tree, compressed by output's suffix."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tf:
        paths = []
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, "python")):
            dirnames.sort()
            rel = os.path.relpath(dirpath, root)
            paths.append(rel)
            for f in sorted(filenames):
                paths.append(os.path.join(rel, f))
        for rel in paths:
            info = tf.gettarinfo(os.path.join(root, rel), arcname=rel)
            info.mtime = 0
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            if info.isfile():
                with open(os.path.join(root, rel), "rb") as fh:
                    tf.addfile(info, fh)
            else:
                tf.addfile(info)
    data = buf.getvalue()
    tmp = "{}.tmp.{}".format(output, os.getpid())
    if output.endswith(".tar.zst"):
        with open(tmp, "wb") as out:
            out.write(_zstd(data))
    elif output.endswith(".tar.gz"):
        import gzip
        with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
            gz.write(data)
    elif output.endswith(".tar.xz"):
        import lzma
        with open(tmp, "wb") as out:
            out.write(lzma.compress(data, preset=1))
    else:
        sys.exit("make_standalone_archive: output must end in .tar.zst, .tar.gz or .tar.xz")
    os.replace(tmp, output)


# The same level whichever compressor is used; zstd's output for a given
# level and input is deterministic, so the archive's sha256 is stable on one
# machine (a different zstd library version may compress differently).
ZSTD_LEVEL = 10

_ZSTD_FROM_STDIN = (
    "import sys; from compression import zstd; "
    "sys.stdout.buffer.write(zstd.compress(sys.stdin.buffer.read(), %d))" % ZSTD_LEVEL
)


def _zstd(data):
    """zstd-compresses data with the first compressor this machine has."""
    try:
        from compression import zstd  # Python 3.14+
        return zstd.compress(data, ZSTD_LEVEL)
    except ImportError:
        pass
    for python in ("python3.15", "python3.14"):
        exe = shutil.which(python)
        if exe:
            return subprocess.run([exe, "-I", "-c", _ZSTD_FROM_STDIN], input=data,
                                  stdout=subprocess.PIPE, check=True).stdout
    try:
        import zstandard  # PyPI
        return zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(data)
    except ImportError:
        pass
    exe = shutil.which("zstd")
    if exe:
        return subprocess.run([exe, "-q", "-%d" % ZSTD_LEVEL, "-c"], input=data,
                              stdout=subprocess.PIPE, check=True).stdout
    sys.exit("make_standalone_archive: .tar.zst needs a zstd compressor: Python 3.14+ (compression.zstd) "
             "on PATH as python3.14/python3.15, PyPI's zstandard package, or the zstd program")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prefix", required=True, help="a CPython prefix with a static libpython (pyenv's)")
    ap.add_argument("--cpython-source", required=True, help="CPython source tree or tarball of the same minor version")
    ap.add_argument("--output", required=True)
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    args = ap.parse_args()

    prefix = os.path.abspath(os.path.expanduser(args.prefix))
    pythons = sorted(glob.glob(os.path.join(prefix, "bin", "python3.[0-9]*")))
    pythons = [p for p in pythons if re.fullmatch(r"python3\.\d+", os.path.basename(p))]
    if not pythons:
        sys.exit("make_standalone_archive: no bin/python3.X in " + prefix)
    python = pythons[0]
    facts = python_facts(python)
    mm = facts["mm"]
    libpl = facts["libpl"]
    static_lib = os.path.join(libpl, "libpython%s%s.a" % (mm, facts["abiflags"]))
    if not os.path.isfile(static_lib):
        sys.exit("make_standalone_archive: no static libpython at " + static_lib)

    with tempfile.TemporaryDirectory() as work:
        top = os.path.join(work, "python")
        install = os.path.join(top, "install")
        build = os.path.join(top, "build")

        # install/: the prefix, trimmed.
        os.makedirs(os.path.join(install, "bin"))
        shutil.copy2(python, os.path.join(install, "bin", "python" + mm))
        os.symlink("python" + mm, os.path.join(install, "bin", "python3"))
        shutil.copytree(os.path.join(prefix, "include"), os.path.join(install, "include"))
        os.makedirs(os.path.join(install, "lib"))
        for so in sorted(glob.glob(os.path.join(prefix, "lib", "libpython%s*.so*" % mm))):
            shutil.copy2(so, os.path.join(install, "lib", os.path.basename(so)))
        stdlib_rel = "install/lib/python" + mm
        copy_stdlib(os.path.join(prefix, "lib", "python" + mm), os.path.join(top, stdlib_rel))

        # build/core: libpython's objects; config.o is the inittab object.
        members = extract_archive_members(static_lib, os.path.join(build, "core"))
        if "config.o" not in members:
            sys.exit("make_standalone_archive: %s has no config.o (inittab object)" % static_lib)
        os.makedirs(os.path.join(build, "Modules"))
        os.replace(os.path.join(build, "core", "config.o"), os.path.join(build, "Modules", "config.o"))
        shutil.copy2(os.path.join(libpl, "config.c"), os.path.join(build, "Modules", "config.c"))
        core_objs = ["build/core/" + m for m in members if m != "config.o"] + ["build/Modules/config.o"]
        with open(os.path.join(libpl, "config.c")) as fh:
            in_core = parse_config_c(fh.read())

        # build/extensions: real stdlib modules compiled from the CPython source.
        modules_dir = find_modules_dir(args.cpython_source, work)
        include = os.path.join(prefix, "include", "python" + mm + facts["abiflags"])
        cflags = ["-fPIC", "-O2", "-std=c11", "-DNDEBUG", "-DPy_BUILD_CORE_BUILTIN"]
        cflags += [f for f in facts["cflags"].split() if f in ("-fwrapv", "-fno-strict-overflow")]
        extensions = {}
        for name, (sources, links) in sorted(EXTENSIONS.items()):
            out_dir = os.path.join(build, "extensions", name)
            os.makedirs(out_dir)
            objs = []
            for src in sources:
                obj = os.path.splitext(src)[0] + ".o"
                sh([args.cc, "-c", *cflags, "-I" + include, "-I" + os.path.join(include, "internal"),
                    "-I" + modules_dir, os.path.join(modules_dir, src), "-o", os.path.join(out_dir, obj)])
                objs.append("build/extensions/%s/%s" % (name, obj))
            extensions[name] = [{
                "in_core": False,
                "init_fn": "PyInit_" + name,
                "licenses": [],
                "links": links,
                "objs": objs,
                "required": False,
                "variant": "default",
            }]
        os.makedirs(os.path.join(build, "lib"))
        for name, (sources, links, libs) in sorted(STANDINS.items()):
            out_dir = os.path.join(build, "extensions", name)
            os.makedirs(out_dir)
            objs = []
            for src in sources:
                obj = os.path.splitext(src)[0] + ".o"
                sh([args.cc, "-c", *cflags, "-I" + include, os.path.join(TESTDATA, src), "-o", os.path.join(out_dir, obj)])
                objs.append("build/extensions/%s/%s" % (name, obj))
            for lib, lib_sources in sorted(libs.items()):
                lib_objs = []
                for src in lib_sources:
                    obj = os.path.join(work, os.path.splitext(src)[0] + ".o")
                    sh([args.cc, "-c", "-fPIC", "-O2", os.path.join(TESTDATA, src), "-o", obj])
                    lib_objs.append(obj)
                sh(["ar", "rcsD", os.path.join(build, "lib", "lib%s.a" % lib), *lib_objs])
            extensions[name] = [{
                "in_core": False,
                "init_fn": "PyInit_" + name,
                "licenses": [],
                "links": links,
                "objs": objs,
                "required": False,
                "variant": "default",
            }]
        for lib, candidates in sorted(STATIC_LIBS.items()):
            found = [c for c in candidates if os.path.isfile(c)]
            if not found:
                sys.exit("make_standalone_archive: no static lib%s.a (looked in %s); apt-get install zlib1g-dev" % (lib, candidates))
            shutil.copy2(found[0], os.path.join(build, "lib", "lib%s.a" % lib))
        for name, fn in in_core:
            extensions.setdefault(name, []).append({
                "in_core": True,
                "init_fn": fn,
                "links": [],
                "objs": [],
                "required": name in ("builtins", "sys", "_imp", "_io", "marshal", "posix", "_codecs", "_weakref", "_thread", "_warnings"),
                "variant": "default",
            })

        core_links = []
        for flag in ["-lm", "-ldl", "-lpthread", "-lutil"] + facts["libs"].split():
            if flag.startswith("-l") and {"name": flag[2:], "system": True} not in core_links:
                core_links.append({"name": flag[2:], "system": True})

        info = {
            "version": "8",
            "target_triple": "x86_64-unknown-linux-gnu",
            "build_options": "noopt",
            "optimizations": "noopt",
            "python_tag": "cp" + mm.replace(".", ""),
            "python_abi_tag": facts["abiflags"],
            "python_platform_tag": "linux-x86_64",
            "python_implementation_name": "cpython",
            "python_implementation_cache_tag": facts["cache_tag"],
            "python_implementation_hex_version": facts["hexversion"],
            "python_version": facts["version"],
            "python_major_minor_version": mm,
            "python_exe": "install/bin/python" + mm,
            "python_include": "install/include/python" + mm + facts["abiflags"],
            "python_stdlib": stdlib_rel,
            "python_paths": {
                "include": "install/include/python" + mm + facts["abiflags"],
                "platinclude": "install/include/python" + mm + facts["abiflags"],
                "platstdlib": stdlib_rel,
                "stdlib": stdlib_rel,
                "purelib": stdlib_rel + "/site-packages",
                "platlib": stdlib_rel + "/site-packages",
                "data": "install",
                "scripts": "install/bin",
            },
            "python_stdlib_test_packages": ["test"],
            "python_suffixes": {"extension": [facts["ext_suffix"], ".abi3.so", ".so"], "source": [".py"], "bytecode": [".pyc"]},
            "python_config_vars": {"Py_GIL_DISABLED": "0", "SOABI": facts["soabi"], "EXT_SUFFIX": facts["ext_suffix"], "CFLAGS": facts["cflags"]},
            "python_symbol_visibility": "global-default",
            "python_extension_module_loading": ["builtin", "shared-library"],
            "libpython_link_mode": "static",
            "crt_features": ["glibc-dynamic"],
            "licenses": ["Python-2.0", "CNRI-Python"],
            "license_path": "install/lib/python%s/LICENSE.txt" % mm,
            "build_info": {
                "core": {"objs": core_objs, "links": core_links},
                "extensions": dict(sorted(extensions.items())),
                "inittab_object": "build/Modules/config.o",
                "inittab_source": "build/Modules/config.c",
                "inittab_cflags": ["-std=c99", "-DNDEBUG", "-DPy_BUILD_CORE"],
                "object_file_format": "elf",
            },
        }
        with open(os.path.join(top, "PYTHON.json"), "w") as fh:
            json.dump(info, fh, indent=4, sort_keys=True)
            fh.write("\n")
        os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
        write_tar(work, os.path.abspath(args.output))


if __name__ == "__main__":
    main()
