"""Builds static test binaries for the runtime tests.

For one CPython (a pyenv 3.10-3.13 with its static libpython) and one flavour
(plain, or AddressSanitizer + UndefinedBehaviorSanitizer), the harness

  1. compiles runtime/src with -Wall -Wextra -Werror;
  2. compiles every test extension in EXTENSIONS (C, C++ with pybind11 or
     nanobind, Cython 3 output) and isolates each one with
     rules/private/tools/isolate_extension.sh, the tool the Bazel rules use,
     so the init function gets its unique PyStatic_Init_* name and every
     other symbol becomes private;
  3. writes the registry and program sources in the format of
     runtime/include/pystatic/{registry,program}.h;
  4. links the launcher, the runtime, the registry, the program, the
     extensions and libpython into one executable (plus small variants with
     a broken registry or runfiles-relative paths, for the launcher tests).

Compiled objects are cached by content (command line + inputs) under
$PYSTATIC_CACHE/runtime-objs, so only the first run pays for pybind11 and
nanobind.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
RUNTIME = REPO / "runtime"
ISOLATE = REPO / "rules" / "private" / "tools" / "isolate_extension.sh"
MODULES = HERE / "modules"
PROGRAM = HERE / "program"

# major.minor -> the pyenv version the machines ship (ENVIRONMENT.md).
VERSIONS = {
    "3.10": "3.10.13",
    "3.11": "3.11.7",
    "3.12": "3.12.1",
    "3.13": "3.13.0",
}
SANITIZED_VERSION = "3.12"
SANITIZE_FLAGS = [
    "-fsanitize=address,undefined",
    "-fno-sanitize-recover=all",
    "-fno-omit-frame-pointer",
]
# CPython does not free everything at exit (static types, interned strings,
# the objects of single-phase modules): leak reports would all be noise.
SANITIZER_ENV = {
    "ASAN_OPTIONS": "detect_leaks=0:abort_on_error=0",
    "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
}
WARNINGS = ["-Wall", "-Wextra", "-Werror"]
# The runtime is held to more (not -Wpedantic: PyModuleDef_Slot stores
# function pointers in a void *, as CPython's own modules do).
RUNTIME_WARNINGS = WARNINGS + ["-Wmissing-prototypes", "-Wstrict-prototypes",
                               "-Wshadow", "-Wformat=2", "-Wundef"]


class HarnessError(RuntimeError):
    pass


def cache_dir() -> Path:
    root = os.environ.get("PYSTATIC_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "rules_pystatic")
    return Path(root)


def pydeps_dir() -> Path:
    """Where tests/runtime/setup.sh installed pybind11, nanobind, Cython."""
    ver = "%d.%d" % sys.version_info[:2]
    path = cache_dir() / "runtime-pydeps" / ver
    if not (path / ".pins").is_file():
        raise HarnessError(
            f"test dependencies missing in {path}: run "
            "`bash tests/runtime/setup.sh` first")
    return path


@dataclasses.dataclass(frozen=True)
class Interpreter:
    """A CPython to build against: a pyenv prefix (the defaults below), or
    a distribution's python3.X found through its executable
    (interpreter_from_executable: Debian's layout, flags from sysconfig)."""
    version: str        # "3.12"
    prefix: Path
    executable: Path | None = None
    include_dir: Path | None = None
    archive: Path | None = None
    stdlib_dir: Path | None = None
    dynload_dir: Path | None = None
    # What libpython needs after it on the link line.
    libs: tuple = ("-lm", "-ldl", "-lpthread", "-lutil")

    @property
    def include(self) -> Path:
        return self.include_dir or (
            self.prefix / "include" / f"python{self.version}")

    @property
    def libpython(self) -> Path:
        return self.archive or (
            self.prefix / "lib" / f"python{self.version}" /
            f"config-{self.version}-x86_64-linux-gnu" /
            f"libpython{self.version}.a")

    @property
    def stdlib(self) -> Path:
        return self.stdlib_dir or (self.prefix / "lib" /
                                   f"python{self.version}")

    @property
    def dynload(self) -> Path:
        return self.dynload_dir or (self.stdlib / "lib-dynload")

    @property
    def python(self) -> Path:
        return self.executable or (
            self.prefix / "bin" / f"python{self.version}")

    @property
    def hexversion(self) -> int:
        major, minor = map(int, self.version.split("."))
        return (major << 8) | minor


def pyenv_root() -> Path:
    env = os.environ.get("PYENV_ROOT")
    if env:
        return Path(env)
    try:
        out = subprocess.run(["pyenv", "root"], check=True,
                             capture_output=True, text=True).stdout.strip()
        return Path(out)
    except (OSError, subprocess.CalledProcessError):
        return Path.home() / ".pyenv"


def find_interpreter(version: str) -> Interpreter | None:
    """The selected interpreter for `version`: one named in
    $PYSTATIC_RUNTIME_PYTHONS, else the pyenv build VERSIONS pins."""
    for interp in selected_interpreters():
        if interp.version == version:
            return interp
    if version not in VERSIONS:
        return None
    prefix = pyenv_root() / "versions" / VERSIONS[version]
    interp = Interpreter(version, prefix)
    if interp.libpython.is_file() and (interp.include / "Python.h").is_file():
        return interp
    return None


_SYSCONFIG = """
import json, sys, sysconfig
v = sysconfig.get_config_var
print(json.dumps({
    "version": "%d.%d" % sys.version_info[:2],
    "prefix": sys.base_prefix,
    "include": sysconfig.get_path("include"),
    "stdlib": sysconfig.get_path("stdlib"),
    "dynload": v("DESTSHARED"),
    "libpl": v("LIBPL"),
    "library": v("LIBRARY"),
    "libs": " ".join(filter(None, (v("LOCALMODLIBS"), v("LIBS"),
                                   v("SYSLIBS")))),
    "gil_disabled": bool(v("Py_GIL_DISABLED")),
}))
"""


def interpreter_from_executable(executable: str) -> Interpreter:
    """A distribution's python3.X: headers, stdlib and link flags from its
    sysconfig.  Its static libpython is the position-independent one
    (libpython3.X-pic.a: the plain .a cannot go into a PIE), with the
    objects that need symbols the archive lacks taken out (static_archive)."""
    import json
    try:
        proc = subprocess.run([executable, "-I", "-S", "-c", _SYSCONFIG],
                              capture_output=True, text=True)
    except OSError as exc:
        raise HarnessError(f"$PYSTATIC_RUNTIME_PYTHONS: {executable}: {exc}")
    if proc.returncode != 0:
        raise HarnessError(f"{executable} does not run:\n{proc.stderr}")
    info = json.loads(proc.stdout)
    if info["gil_disabled"]:
        raise HarnessError(f"{executable} is a free-threaded build: the "
                           "runtime does not support those")
    libpl = Path(info["libpl"])
    pic = libpl / info["library"].replace(".a", "-pic.a")
    archive = pic if pic.is_file() else libpl / info["library"]
    if not archive.is_file():
        raise HarnessError(f"{executable}: no static libpython in {libpl} "
                           "(install libpython3.X-dev)")
    libs = []
    for flag in info["libs"].split():
        if flag.startswith("-l") and flag not in libs:
            libs.append(flag)
    libs += [f for f in ("-lm", "-ldl", "-lpthread", "-lutil")
             if f not in libs]
    return Interpreter(
        info["version"], Path(info["prefix"]), executable=Path(executable),
        include_dir=Path(info["include"]), archive=archive,
        stdlib_dir=Path(info["stdlib"]), dynload_dir=Path(info["dynload"]),
        libs=tuple(libs))


_selected = None


def selected_interpreters() -> list:
    """$PYSTATIC_RUNTIME_PYTHONS: paths of python3.X executables (separated
    by spaces or colons) to run the suite on instead of the pyenv builds;
    empty or unset: none (the pyenv 3.10-3.13 of VERSIONS)."""
    global _selected
    if _selected is None:
        paths = os.environ.get("PYSTATIC_RUNTIME_PYTHONS", "").replace(
            ":", " ").split()
        _selected = [interpreter_from_executable(p) for p in paths]
    return _selected


def selected_versions() -> list:
    """The major.minor versions the suite runs on."""
    chosen = selected_interpreters()
    return [i.version for i in chosen] if chosen else list(VERSIONS)


def sanitized_version() -> str:
    """The version of the ASan/UBSan run: 3.12 on pyenv's builds, else
    $PYSTATIC_RUNTIME_SANITIZE (default: the last selected version)."""
    chosen = selected_interpreters()
    if not chosen:
        return SANITIZED_VERSION
    return os.environ.get("PYSTATIC_RUNTIME_SANITIZE") or chosen[-1].version


def static_archive(interp: Interpreter, dest: Path) -> tuple:
    """(archive, stub source or None) to link `interp`'s libpython with.

    Debian's libpython3.14/3.15 archives hold _md5, _sha1, _sha2, _sha3 and
    _blake2 as built-in modules but not the HACL* objects those call (they
    are linked into libpython3.X.so only): such objects cannot link.  The
    archive is then copied without them, and a stub init function per
    module they defined raises ImportError, so hashlib falls back to
    OpenSSL (_hashlib, in lib-dynload) as for a Python built without them.
    An archive with nothing missing is used as it is."""
    def symbols(args):
        out = subprocess.run(["nm", "-A", "-P", *args, str(interp.libpython)],
                             capture_output=True, text=True).stdout
        rows = []
        for line in out.splitlines():
            head, _, rest = line.partition(": ")
            parts = rest.split()
            if len(parts) >= 2:
                member = head.rsplit("[", 1)[-1].rstrip("]")
                rows.append((member, parts[0], parts[1]))
        return rows
    rows = symbols([])
    defined = {sym for _, sym, kind in rows if kind not in ("U", "w", "v")}
    broken = sorted({m for m, sym, kind in rows
                     if kind == "U" and sym.startswith("_Py_LibHacl_")
                     and sym not in defined})
    if not broken:
        return interp.libpython, None
    inits = sorted({sym for m, sym, kind in rows if m in broken
                    and kind == "T" and sym.startswith("PyInit_")})
    dest.mkdir(parents=True, exist_ok=True)
    archive = dest / interp.libpython.name
    shutil.copyfile(interp.libpython, archive)
    subprocess.run(["ar", "d", str(archive), *broken], check=True)
    lines = ["/* harness.py: stubs for the built-in modules taken out of",
             " * the static libpython (their HACL* objects are missing). */",
             "#include <Python.h>", ""]
    for init in inits:
        lines += [f"PyMODINIT_FUNC {init}(void);",
                  f"PyMODINIT_FUNC\n{init}(void)", "{",
                  "    PyErr_SetString(PyExc_ImportError, \"not in this "
                  f"static libpython ({interp.libpython.name} lacks its "
                  "HACL* objects)\");",
                  "    return NULL;", "}", ""]
    stub = dest / "missing_builtins.c"
    stub.write_text("\n".join(lines))
    return archive, stub


@dataclasses.dataclass(frozen=True)
class Extension:
    """One test extension module and how to build it."""
    name: str                   # full dotted name
    sources: tuple              # paths relative to MODULES
    lang: str = "c"             # c, c++, cython
    defines: tuple = ()
    package: bool = False       # PYSTATIC_MODULE_IS_PACKAGE
    init_symbol: str | None = None
    uses: tuple = ()            # "pybind11", "nanobind"
    strict: bool = True         # our own sources: -Werror

    @property
    def label(self) -> str:
        return "//tests/runtime/modules:" + self.name


def _single(name, m_name, m_size):
    short = name.rsplit(".", 1)[-1]
    return Extension(name, ("singlephase.c",), defines=(
        f"INIT_NAME={short}", f'M_NAME="{m_name}"', f'FULL_NAME="{name}"',
        f"M_SIZE={m_size}"))


def _multi(name, interp="Py_MOD_PER_INTERPRETER_GIL_SUPPORTED"):
    short = name.rsplit(".", 1)[-1]
    return Extension(name, ("multiphase.c",), defines=(
        f"INIT_NAME={short}", f'M_NAME="{name}"', f"INTERP_SUPPORT={interp}"))


def _failing(short, kind):
    return Extension("failing." + short, ("failing.c",), defines=(
        f"INIT_NAME={short}", f"KIND={kind}"))


EXTENSIONS = (
    _single("_top_single", "_top_single", 0),
    _multi("_top_multi"),
    _single("a.b.c._deep_single", "_deep_single", -1),
    _single("a.b.c._deep_fullname", "a.b.c._deep_fullname", -1),
    _multi("a.b.c._deep_multi"),
    Extension("a._speedups", ("speedups.c",), defines=('FLAVOR="a"',)),
    Extension("b._speedups", ("speedups.c",), defines=('FLAVOR="b"',)),
    # Names a built-in module (_symtable) and a frozen package (__phello__)
    # also serve: those stay theirs (checks/shadow_builtin.py).
    _single("_symtable", "_symtable", 0),
    _multi("__phello__.static_ext"),
    _failing("raises", "KIND_RAISES"),
    _failing("null", "KIND_NULL"),
    _failing("unreported", "KIND_UNREPORTED"),
    _failing("exec_raises", "KIND_EXEC_RAISES"),
    _failing("exec_silent", "KIND_EXEC_SILENT"),
    _failing("bad_slot", "KIND_BAD_SLOT"),
    Extension("threads.slow_single", ("slowinit.c",),
              defines=("INIT_NAME=slow_single", "MULTI=0")),
    Extension("threads.slow_multi", ("slowinit.c",),
              defines=("INIT_NAME=slow_multi", "MULTI=1")),
    _multi("subinterp.not_supported",
           "Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED"),
    _multi("subinterp.shared_gil_only",
           "Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED"),
    Extension("uni.\u010daj", ("nonascii.c",), defines=("MULTI=1",),
              init_symbol="PyInitU_aj_dma"),
    Extension("uni.\u010fas", ("nonascii.c",), defines=("MULTI=0",),
              init_symbol="PyInitU_as_jma"),
    Extension("slots.custom", ("create_slot.c",),
              defines=("INIT_NAME=custom", "NONMODULE=0")),
    Extension("slots.nonmodule", ("create_slot.c",),
              defines=("INIT_NAME=nonmodule", "NONMODULE=1")),
    Extension("nested.outer", ("nested.c",),
              defines=("INIT_NAME=outer", 'IMPORTS="nested.inner"')),
    Extension("nested.inner", ("nested.c",), defines=("INIT_NAME=inner",)),
    Extension("extpkg", ("extpkg.c",), package=True),
    Extension("extpkg._inner", ("inner.c",)),
    Extension("pbpkg.ext", ("pybind_ext.cpp",), lang="c++",
              uses=("pybind11",), strict=False),
    Extension("nbpkg.nbext", ("nanobind_ext.cpp",), lang="c++",
              uses=("nanobind",), strict=False),
    Extension("cypkg.cyext", ("cython/cyext.pyx",), lang="cython",
              strict=False),
    Extension("cyextpkg", ("cython/cypkg_init.pyx",), lang="cython",
              package=True, strict=False),
)


def _c_string(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        if byte < 0x80 and (ch.isalnum() or ch in "._/:-+ "):
            out.append(ch)
        else:
            out.append("\\%03o" % byte)
    return '"' + "".join(out) + '"'


def init_symbol(name: str) -> str:
    """The renamed init symbol of a dotted module name, as the rules'
    rules/private/naming.bzl computes it (and passes to isolate_extension.sh).
    The harness builds without Bazel, so it has this copy;
    test_init_symbol_matches_the_rules holds both to one table,
    tests/analysis/init_symbol_cases.bzl."""
    out = ["PyStatic_Init_"]
    for part in name.split("."):
        if re.fullmatch(r"[A-Za-z0-9_]+", part, re.ASCII):
            out.append(f"{len(part)}{part}")
        else:
            hexed = part.encode("utf-8").hex()
            out.append(f"u{len(hexed)}_{hexed}")
    return "".join(out)


def init_function(ext: "Extension") -> str:
    """The init function the sources define: PyInit_<short name> unless the
    extension names another (naming.bzl's default_init_function)."""
    return ext.init_symbol or "PyInit_" + ext.name.rsplit(".", 1)[-1]


# -- the registry source: the same algorithm and text as
# rules/private/registry.bzl's render_registry (format and hash index:
# runtime/include/pystatic/registry.h; tests/analysis/registry checks that
# both write the same bytes for the same entries).

HASH_SEED = 0x9E3779B97F4A7C15
HASH_MUL = 0xFF51AFD7ED558CCD
M64 = (1 << 64) - 1


def _mix(h: int, w: int) -> int:
    h = ((h ^ w) * HASH_MUL) & M64
    return h ^ (h >> 32)


def registry_hash(b: bytes) -> int:
    """The registry's hash of a name's UTF-8 bytes (registry.h)."""
    n = len(b)
    h = HASH_SEED ^ n
    if n >= 8:
        i = 0
        while i + 8 < n:
            h = _mix(h, int.from_bytes(b[i:i + 8], "little"))
            i += 8
        h = _mix(h, int.from_bytes(b[n - 8:], "little"))
    elif n >= 4:
        h = _mix(h, int.from_bytes(b[:4], "little")
                 | int.from_bytes(b[n - 4:], "little") << 32)
    elif n >= 1:
        h = _mix(h, b[0] | b[n >> 1] << 8 | b[n - 1] << 16)
    else:
        h = _mix(h, 0)
    return h & 0xFFFFFFFF


def _registry_c_string(raw: bytes) -> str:
    """A C string literal, as registry.bzl's c_string writes it: bytes as
    they are but for backslash, double quote and '?' (trigraphs)."""
    text = raw.decode("utf-8")
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace(
        "?", "\\?") + '"'


def registry_parents(names) -> list:
    """Every proper dotted prefix of a name that is not itself a name,
    sorted bytewise."""
    own = set(names)
    parents = set()
    for name in names:
        parts = name.split(".")
        for i in range(1, len(parts)):
            prefix = ".".join(parts[:i])
            if prefix not in own:
                parents.add(prefix)
    return sorted(parents, key=lambda n: n.encode("utf-8"))


def registry_table(keys) -> list:
    """The hash index: a list of (hash, 1 + index) or None per slot."""
    size = 1
    while size < 2 * len(keys):
        size *= 2
    mask = size - 1
    slots = [None] * size
    for index, key in enumerate(keys):
        h = registry_hash(key)
        i = (h ^ (h >> 16)) & mask
        while slots[i] is not None:
            i = (i + 1) & mask
        slots[i] = (h, index + 1)
    return slots


def registry_source(entries, python_version: int) -> str:
    """entries: (name, symbol, label, flags) in registry order (sort them
    with sorted_entries(); the launcher tests pass them unsorted on
    purpose).  python_version: (major << 8) | minor."""
    names = [e[0] for e in entries]
    parents = registry_parents(names)
    lines = ["/* Generated by rules_pystatic; do not edit. Format: "
             "pystatic/registry.h */",
             '#include "pystatic/registry.h"', ""]
    symbols = []
    for _, symbol, _, _ in entries:
        if symbol not in symbols:
            symbols.append(symbol)
    for symbol in symbols:
        lines.append(f"PYSTATIC_DECLARE_INIT({symbol});")
    if symbols:
        lines.append("")
    strings, rows, cases, offset = [], [], [], 0
    for index, (name, symbol, label, flags) in enumerate(entries):
        raw_name, raw_label = name.encode("utf-8"), label.encode("utf-8")
        strings += [raw_name, raw_label]
        rows.append(f"    {{{offset}, {len(raw_name)}, "
                    f"{offset + len(raw_name) + 1}, {flags}}},"
                    f"  /* {name} */")
        cases.append(f"    case {index}:")
        cases.append(f"        return {symbol};")
        offset += len(raw_name) + 1 + len(raw_label) + 1
    for name in parents:
        raw_name = name.encode("utf-8")
        strings.append(raw_name)
        rows.append(f"    {{{offset}, {len(raw_name)}, "
                    f"{offset + len(raw_name)}, PYSTATIC_MODULE_PARENT}},"
                    f"  /* {name} */")
        offset += len(raw_name) + 1
    keys = [n.encode("utf-8") for n in names + parents]
    slots = registry_table(keys)
    if rows:
        lines.append("static const char strings[] =")
        for raw in strings:
            lines.append("    " + _registry_c_string(raw)[:-1] + '\\0"')
        lines[-1] += ";"
        lines.append("")
        lines.append("static const PyStatic_Module modules[] = {")
        lines += rows
        lines.append("};")
        lines.append("")
    lines.append(f"static const PyStatic_Slot table[{len(slots)}] = {{")
    for i, slot in enumerate(slots):
        if slot is not None:
            lines.append(f"    [{i}] = {{{slot[0]}u, {slot[1]}}},")
    if not rows:
        lines.append("    {0, 0},")
    lines.append("};")
    lines += ["", "static PyStatic_InitFunc", "init_function(size_t index)",
              "{", "    switch (index) {"]
    lines += cases
    lines += ["    default:", "        return NULL;", "    }", "}"]
    version = f"{python_version >> 8}.{python_version & 0xFF}"
    lines += [
        "",
        "const PyStatic_Registry pystatic_registry = {",
        "    PYSTATIC_REGISTRY_ABI,",
        f"    {python_version},  /* Python {version} */",
        f"    {len(entries)},  /* modules */",
        f"    {len(parents)},  /* parent packages */",
        f"    {'modules' if rows else 'NULL'},",
        f"    {'strings' if rows else chr(34) * 2},",
        f"    {len(slots) - 1},  /* table_mask */",
        "    table,",
        "    init_function,",
        "};",
        "",
    ]
    return "\n".join(lines)


GOLDEN = REPO / "tests" / "analysis" / "registry"


def golden_registry() -> tuple:
    """(registry_source() of tests/analysis/registry/golden_entries.bzl,
    the text of golden.c)."""
    scope = {}
    exec((GOLDEN / "golden_entries.bzl").read_text(encoding="utf-8"), scope)
    entries = sorted_entries([
        (module, symbol, label, "PYSTATIC_MODULE_IS_PACKAGE" if package
         else "0")
        for module, symbol, label, package in scope["GOLDEN_ENTRIES"]])
    golden = GOLDEN / "golden.c"
    current = golden.read_text(encoding="utf-8") if golden.exists() else ""
    return registry_source(entries, 0x030C), current


def sorted_entries(entries):
    return sorted(entries, key=lambda e: e[0].encode("utf-8"))


def program_source(main: str, path: list, stdlib: str, dynload: str | None,
                   isolated: bool = True) -> str:
    items = ", ".join(_c_string(p) for p in path)
    flags = "PYSTATIC_PROGRAM_ISOLATED" if isolated else "0"
    return "\n".join([
        '#include "pystatic/program.h"',
        "",
        f"static const char *const path[] = {{{items}{', ' if items else ''}"
        "NULL};",
        "const PyStatic_Program pystatic_program = {",
        "    PYSTATIC_PROGRAM_ABI,",
        f"    {_c_string(main)},",
        "    path,",
        f"    {_c_string(stdlib)},",
        f"    {_c_string(dynload) if dynload else 'NULL'},",
        f"    {flags},",
        "};",
        "",
    ])


@dataclasses.dataclass
class Binaries:
    interp: Interpreter
    sanitize: bool
    workdir: Path
    main: Path              # the test binary
    program_root: Path      # its program directory (the module root)
    wrong_version: Path     # registry claims another Python
    unsorted: Path          # registry out of order
    runfiles: Path          # program paths relative to its runfiles
    runfiles_dir: Path      # <runfiles>.runfiles, made for it
    shared_tree: Path | None  # the same extensions as .so files (not asan)
    not_isolated: Path      # built without PYSTATIC_PROGRAM_ISOLATED
    embedded: Path          # its own main(), runtime without the launcher
    empty: Path             # an empty registry: no extension modules
    runtime_objects: tuple = ()  # the runtime's objects (launcher first)

    @property
    def python(self) -> Path:
        """The interpreter's own `python`, for the .so reference runs."""
        return self.interp.python

    @property
    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PYSTATIC_", "PYTHON", "RUNFILES_"))}
        if self.sanitize:
            env.update(SANITIZER_ENV)
        return env

    def run(self, *args, binary: Path | None = None, env: dict | None = None,
            cwd=None, timeout=120, **kwargs):
        full_env = self.env
        if env:
            full_env.update(env)
        return subprocess.run([str(binary or self.main), *map(str, args)],
                              capture_output=True, text=True, env=full_env,
                              cwd=cwd or self.workdir, timeout=timeout,
                              **kwargs)


class Builder:
    def __init__(self, interp: Interpreter, workdir: Path, sanitize: bool):
        self.interp = interp
        self.workdir = workdir
        self.sanitize = sanitize
        self.objdir = workdir / "obj"
        self.objdir.mkdir(parents=True, exist_ok=True)
        self.cache = cache_dir() / "runtime-objs"
        self.cache.mkdir(parents=True, exist_ok=True)
        self.pydeps = pydeps_dir()
        python = [self.interp.include / "patchlevel.h"]
        # What a compile can include besides its source, by kind of source:
        # the runtime's headers do not invalidate the test extensions.
        self._digests = {
            "runtime": self._digest(
                [RUNTIME / "include", RUNTIME / "src"] + python),
            "extension": self._digest(
                [MODULES, self.pydeps / ".pins"] + python),
        }

    @staticmethod
    def _digest(roots) -> str:
        h = hashlib.sha256()
        for root in roots:
            files = sorted(root.rglob("*.h")) if root.is_dir() else [root]
            for f in files:
                h.update(str(f).encode())
                h.update(f.read_bytes())
        return h.hexdigest()

    def base_flags(self) -> list:
        # 3.15's pyport.h tests _Py_STDC_VERSION before pymacro.h defines
        # it (-Wundef): CPython's headers are system headers there, so the
        # warnings stay on our own code only.
        include = "-isystem" if self.interp.hexversion >= 0x30F else "-I"
        flags = ["-g", "-fPIC", include + str(self.interp.include),
                 f"-I{RUNTIME / 'include'}"]
        if self.sanitize:
            flags += SANITIZE_FLAGS
        return flags

    def compile(self, source: Path, out_name: str, lang: str,
                extra: list, kind: str = "extension") -> Path:
        """Compiles one source, through the content-addressed cache."""
        compiler = ["g++", "-std=c++17", "-fno-gnu-unique"] if lang == "c++" \
            else ["gcc", "-std=c11"]
        cmd = compiler + self.base_flags() + extra
        key = hashlib.sha256()
        key.update("\0".join(cmd).encode())
        key.update(source.read_bytes())
        key.update(self._digests[kind].encode())
        cached = self.cache / (key.hexdigest() + ".o")
        out = self.objdir / out_name
        if not cached.is_file():
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            proc = subprocess.run(cmd + ["-c", str(source), "-o", str(tmp)],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                raise HarnessError(f"compiling {source} failed:\n"
                                   f"{' '.join(cmd)}\n{proc.stderr}")
            os.replace(tmp, cached)
        shutil.copyfile(cached, out)
        return out

    # -- the pieces -------------------------------------------------------

    def runtime_objects(self, srcs=None, flags=()) -> tuple:
        if srcs is None:
            srcs = sorted((RUNTIME / "src").glob("*.c"))
        extra = ["-O2"] + RUNTIME_WARNINGS + [f"-I{RUNTIME / 'src'}"] + \
            list(flags)
        with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
            objs = list(pool.map(
                lambda s: self.compile(s, "runtime_" + s.stem + ".o", "c",
                                       extra, "runtime"), srcs))
        launcher = [o for o in objs if o.name == "runtime_launcher_main.o"]
        return [o for o in objs if o not in launcher], launcher[0]

    def _extension_jobs(self, ext: Extension):
        """(source, object name, lang, flags) for each compile of ext."""
        stem = ext.name.replace(".", "_").encode("ascii", "backslashreplace"
                                                 ).decode().replace("\\", "x")
        defines = [f"-D{d}" for d in ext.defines]
        jobs = []
        if ext.lang == "cython":
            pyx = MODULES / ext.sources[0]
            csrc = self.workdir / "gen" / f"{stem}.c"
            csrc.parent.mkdir(exist_ok=True)
            env = dict(os.environ, PYTHONPATH=str(self.pydeps))
            proc = subprocess.run(
                [sys.executable, "-m", "cython", "-3", "--module-name",
                 ext.name, "-o", str(csrc), str(pyx)],
                capture_output=True, text=True, env=env)
            if proc.returncode != 0:
                raise HarnessError(f"cython {pyx} failed:\n{proc.stderr}")
            jobs.append((csrc, f"{stem}.o", "c", ["-O1", "-w"]))
            return jobs
        flags = ["-O1"] + defines
        flags += WARNINGS if ext.strict else ["-w"]
        if "pybind11" in ext.uses:
            flags.append(f"-I{self.pydeps / 'pybind11' / 'include'}")
            flags[0] = "-O0"
        if "nanobind" in ext.uses:
            nb = self.pydeps / "nanobind"
            flags += [f"-I{nb / 'include'}",
                      f"-I{nb / 'ext' / 'robin_map' / 'include'}"]
            flags[0] = "-Os"
            jobs.append((nb / "src" / "nb_combined.cpp",
                         f"{stem}__libnanobind.o", "c++", flags))
        for i, src in enumerate(ext.sources):
            jobs.append((MODULES / src, f"{stem}__{i}.o", ext.lang, flags))
        return jobs

    def extension_objects(self) -> list:
        jobs = []
        for ext in EXTENSIONS:
            for job in self._extension_jobs(ext):
                jobs.append((ext, job))
        with concurrent.futures.ThreadPoolExecutor(os.cpu_count()) as pool:
            futures = [(ext, pool.submit(self.compile, src, name, lang, flags))
                       for ext, (src, name, lang, flags) in jobs]
            objects = {}
            for ext, fut in futures:
                objects.setdefault(ext, []).append(fut.result())
        self.raw_objects = objects
        isolated = []
        for ext in EXTENSIONS:
            out = self.objdir / ("isolated_" + objects[ext][0].name)
            cmd = ["bash", str(ISOLATE), "--ld", "ld", "--nm", "nm",
                   "--objcopy", "objcopy", "--module", ext.name,
                   "--label", ext.label, "--output", str(out),
                   "--init-function", init_function(ext),
                   "--rename-to", init_symbol(ext.name)]
            proc = subprocess.run(cmd + [str(o) for o in objects[ext]],
                                  capture_output=True, text=True)
            if proc.returncode != 0:
                raise HarnessError(f"isolating {ext.name} failed:\n"
                                   f"{proc.stderr}")
            isolated.append(out)
        return isolated

    def entries(self) -> list:
        return sorted_entries([
            (ext.name, init_symbol(ext.name), ext.label,
             "PYSTATIC_MODULE_IS_PACKAGE" if ext.package else "0")
            for ext in EXTENSIONS])

    def generated_object(self, name: str, text: str) -> Path:
        src = self.workdir / "gen" / (name + ".c")
        src.parent.mkdir(exist_ok=True)
        src.write_text(text)
        return self.compile(src, name + ".o", "c", ["-O1"] + WARNINGS,
                            "runtime")

    def link(self, out: Path, objects: list, flags=()) -> Path:
        # The whole archive, as CPython links its own `python`: lib-dynload
        # modules need symbols nothing else pulls in (3.13's _interpreters
        # needs _PyInterpreterConfig_UpdateFromDict from config.o's
        # neighbours), and --export-dynamic only exports what was linked.
        cmd = ["g++", "-o", str(out), *map(str, objects),
               *self.libpython_inputs(), "-Wl,--export-dynamic", *flags]
        if self.sanitize:
            cmd += SANITIZE_FLAGS
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            raise HarnessError(f"linking {out} failed:\n{proc.stderr}")
        return out

    def libpython_inputs(self) -> list:
        """The link line's libpython part (whole archive) and its libs."""
        if getattr(self, "_libpython_inputs", None) is None:
            archive, stub = static_archive(self.interp,
                                           self.workdir / "libpython")
            inputs = []
            if stub is not None:
                inputs.append(str(self.compile(
                    stub, "missing_builtins.o", "c", ["-O1"] + WARNINGS,
                    "runtime")))
            inputs += ["-Wl,--whole-archive", str(archive),
                       "-Wl,--no-whole-archive", *self.interp.libs]
            self._libpython_inputs = inputs
        return self._libpython_inputs

    def build_shared_tree(self, root: Path) -> Path:
        """The same extensions as ordinary .so files in a package tree, with
        the program's pure-Python files, for CPython's own loader to import
        (the reference the static binary is compared with)."""
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(PROGRAM, root, ignore=shutil.ignore_patterns(
            "__pycache__", "checks", "main.py"))
        suffix = subprocess.run(
            [str(self.interp.python),
             "-c", "import importlib.machinery as m; "
             "print(m.EXTENSION_SUFFIXES[0])"],
            check=True, capture_output=True, text=True).stdout.strip()
        for ext in EXTENSIONS:
            parts = ext.name.split(".")
            if ext.package:
                target = root.joinpath(*parts, "__init__" + suffix)
            else:
                target = root.joinpath(*parts[:-1], parts[-1] + suffix)
            target.parent.mkdir(parents=True, exist_ok=True)
            cmd = ["g++", "-shared", "-o", str(target),
                   *map(str, self.raw_objects[ext])]
            if self.sanitize:
                cmd += SANITIZE_FLAGS
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                raise HarnessError(f"linking {target} failed:\n"
                                   f"{proc.stderr}")
        return root

    def build(self) -> Binaries:
        interp = self.interp
        prog = self.workdir / "program"
        if prog.exists():
            shutil.rmtree(prog)
        shutil.copytree(PROGRAM, prog, ignore=shutil.ignore_patterns(
            "__pycache__"))
        runtime, launcher = self.runtime_objects()
        extensions = self.extension_objects()
        entries = self.entries()
        common = [launcher, *runtime, *extensions]

        registry = self.generated_object(
            "registry", registry_source(entries, interp.hexversion))
        program = self.generated_object("program", program_source(
            str(prog / "main.py"), [str(prog)], str(interp.stdlib),
            str(interp.dynload)))
        main = self.link(self.workdir / "static_python", common +
                         [registry, program])

        open_program = self.generated_object("program_not_isolated",
                                             program_source(
            str(prog / "main.py"), [str(prog)], str(interp.stdlib),
            str(interp.dynload), isolated=False))
        not_isolated = self.link(self.workdir / "not_isolated",
                                 common + [registry, open_program])

        wrong = self.generated_object(
            "registry_wrong_version",
            registry_source(entries, interp.hexversion + 1))
        wrong_version = self.link(self.workdir / "wrong_version",
                                  common + [wrong, program])
        swapped = list(entries)
        swapped[0], swapped[1] = swapped[1], swapped[0]
        unsorted_reg = self.generated_object(
            "registry_unsorted", registry_source(swapped, interp.hexversion))
        unsorted = self.link(self.workdir / "unsorted",
                             common + [unsorted_reg, program])

        # Runfiles layout: <bin>.runfiles/{_main -> program, python -> prefix}
        rel_program = self.generated_object("program_relative", program_source(
            "_main/main.py", ["_main"],
            f"python/lib/python{interp.version}",
            f"python/lib/python{interp.version}/lib-dynload"))
        runfiles_dir = self.workdir / "rf" / "relative.runfiles"
        if runfiles_dir.exists():
            shutil.rmtree(runfiles_dir)
        runfiles_dir.mkdir(parents=True)
        (runfiles_dir / "_main").symlink_to(prog)
        (runfiles_dir / "python").symlink_to(interp.prefix)
        relative = self.link(self.workdir / "rf" / "relative",
                             common + [registry, rel_program])

        # No extension at all (a py_static_binary of pure Python).
        empty_registry = self.generated_object(
            "registry_empty", registry_source([], interp.hexversion))
        empty = self.link(self.workdir / "empty",
                          [launcher, *runtime, empty_registry, program])

        # A program with its own main(), linked without launcher_main.o.
        embed_main = self.compile(HERE / "c" / "embed_main.c", "embed_main.o",
                                  "c", ["-O1"] + RUNTIME_WARNINGS, "runtime")
        embedded = self.link(self.workdir / "embedded",
                             [embed_main, *runtime, *extensions, registry,
                              program])

        shared_tree = None if self.sanitize else \
            self.build_shared_tree(self.workdir / "shared")
        return Binaries(interp, self.sanitize, self.workdir, main, prog,
                        wrong_version, unsorted, relative, runfiles_dir,
                        shared_tree, not_isolated, embedded, empty,
                        (launcher, *runtime))


def build(version: str, workdir: Path, sanitize: bool = False) -> Binaries:
    interp = find_interpreter(version)
    if interp is None:
        raise HarnessError(f"no pyenv CPython {VERSIONS.get(version)} with "
                           "a static libpython")
    return Builder(interp, workdir, sanitize).build()


if __name__ == "__main__":
    if sys.argv[1:] == ["--golden"]:
        # Rewrites tests/analysis/registry/golden.c (the registry format
        # changed; check the Starlark generator still agrees with bazel test
        # //tests/analysis/registry:golden_test).
        (GOLDEN / "golden.c").write_text(golden_registry()[0],
                                         encoding="utf-8")
        sys.exit(0)
    # python3 tests/runtime/harness.py 3.12 [--asan] DIR: build and print.
    args = [a for a in sys.argv[1:] if a != "--asan"]
    result = build(args[0], Path(args[1]).resolve(), "--asan" in sys.argv)
    print(result.main)
