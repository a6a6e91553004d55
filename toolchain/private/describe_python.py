"""Prints the facts rules_pystatic needs about a CPython, as JSON.

Run by the pystatic_local_python repository rule with the interpreter it is
describing.  Everything comes from sysconfig, so it works for pyenv,
Debian's python3.X-dev and python-build-standalone alike.  Must run on every
supported Python (3.10+) and use only the stdlib.
"""

import json
import os
import platform
import sys
import sysconfig


def _var(name, default=""):
    value = sysconfig.get_config_var(name)
    return default if value is None else value


def _static_library():
    """Returns (path, candidates looked at) of the static libpython.

    A position-independent "-pic.a" beside the archive comes first: Debian
    ships libpython3.X-pic.a because its libpython3.X.a is compiled without
    -fPIC, which a PIE (gcc's default) cannot link.
    """
    libpl = _var("LIBPL")
    library = _var("LIBRARY")  # "libpython3.12.a" for the static archive
    names = [library] if library.endswith(".a") else []
    names.append("libpython{}{}.a".format(_var("VERSION"), _var("ABIFLAGS")))
    names = [n[:-len(".a")] + "-pic.a" for n in names] + names
    dirs = [libpl, _var("LIBDIR")]
    looked = []
    for directory in dirs:
        for name in names:
            if not directory or not name:
                continue
            path = os.path.join(directory, name)
            looked.append(path)
            if os.path.isfile(path):
                return os.path.realpath(path), looked
    return None, looked


def main():
    paths = sysconfig.get_paths()
    static_library, looked = _static_library()
    facts = {
        "executable": os.path.realpath(sys.executable),
        "version": "{}.{}".format(*sys.version_info[:2]),
        "hexversion": sys.hexversion,
        "implementation": sys.implementation.name,
        "abiflags": _var("ABIFLAGS"),
        "soabi": _var("SOABI"),
        "ext_suffix": _var("EXT_SUFFIX"),
        "gil_disabled": bool(_var("Py_GIL_DISABLED", 0)),
        "include": os.path.realpath(paths["include"]),
        "stdlib": os.path.realpath(paths["stdlib"]),
        "dynload": os.path.realpath(_var("DESTSHARED")) if _var("DESTSHARED") else "",
        "static_library": static_library or "",
        "static_library_candidates": looked,
        # Libraries libpython itself needs, e.g. "-lm -ldl -lpthread -lutil",
        # and those of the stdlib modules built into it (LOCALMODLIBS:
        # Debian's 3.15 has -lz -lexpat -lzstd there).
        "libs": " ".join([_var("LOCALMODLIBS"), _var("LIBS"), _var("SYSLIBS")]).split(),
        "linkforshared": _var("LINKFORSHARED").split(),
        # What setuptools compiles extensions with (the semantic flags among
        # them are carried over to py_static_extension; see local_python.bzl).
        "cflags": _var("CFLAGS").split(),
        # The platform the interpreter (and its libpython) is built for:
        # mapped to @platforms constraints by toolchain/private/platforms.bzl.
        "sys_platform": sys.platform,
        "machine": platform.machine(),
        "sysconfig_platform": sysconfig.get_platform(),
    }
    json.dump(facts, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
