"""Builds everything the runtime benchmarks run, for one CPython.

Built on tests/runtime/harness.py (the runtime test harness): its Builder
compiles (content-addressed object cache), compiles the runtime, writes the
registry and program sources in the formats of runtime/include/pystatic/,
and links against the static libpython; extensions are isolated with
rules/private/tools/isolate_extension.sh, the tool the Bazel rules use.
What this file adds: the generated benchmark modules (bench/c/benchmod.c,
one compile per module), caches for isolation and .so links (5000 of each),
the inittab table, and the package trees.

Per module count N (all from one compile of modules 0..max(N)-1):
  ours_N      bench main + runtime + registry of N modules (our finder)
  inittab_N   bench main + runtime + empty registry + the N modules in the
              inittab under their dotted names (CPython's BuiltinImporter)
  trees/N/py  pkgK/__init__.py, pkgK/sub/__init__.py, driver.py
  trees/N/so  the same plus pkgK/sub/modI<EXT_SUFFIX> and _benchctl<EXT_SUFFIX>
              (for the stock python3.X)
And once: hello (the real launcher main, empty registry, main file `pass`),
hello_<max N> (the same with max(N) extensions linked in), both again linked
-no-pie and with -z pack-relative-relocs (hello_no_pie, hello_<max N>_no_pie,
...), and static_python (Py_BytesMain over the same static libpython).
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO / "tests" / "runtime"))
import harness  # noqa: E402  (tests/runtime/harness.py)
from driver import is_multi_phase, module_name, parents  # noqa: E402

C = BENCH / "c"
MODULE_FLAGS = ["-O2"]      # the generated modules (the rules' opt-ish flags)


@dataclasses.dataclass
class Module:
    index: int
    name: str
    multi: bool
    raw: Path           # the compiled object (-fPIC)
    isolated: Path      # after isolate_extension.sh
    symbol: str         # its PyStatic_Init_* symbol
    shared: Path        # the same object linked as a .so


@dataclasses.dataclass
class Setup:
    interp: harness.Interpreter
    workdir: Path
    modules: list
    ours: dict          # N -> binary
    inittab: dict       # N -> binary
    trees: dict         # N -> (py tree, so tree)
    hello: Path
    hello_linked: Path  # hello with max(N) extensions linked in
    # Both hellos linked again with other link options: {option: (hello,
    # hello_linked)}, for what the dynamic loader's relocations cost.
    hello_variants: dict
    static_python: Path
    ext_suffix: str
    link_seconds: dict  # binary name -> seconds
    build_seconds: dict  # step -> seconds

    @property
    def python(self) -> Path:
        return self.interp.prefix / "bin" / f"python{self.interp.version}"


def _parallel(fn, items):
    # Twice the cores: the steps are short processes that also wait on I/O.
    with concurrent.futures.ThreadPoolExecutor(2 * (os.cpu_count() or 1)) \
            as pool:
        return list(pool.map(fn, items))


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode())
        h.update(b"\0")
    return h.hexdigest()


class Builder(harness.Builder):
    def __init__(self, interp, workdir: Path):
        super().__init__(interp, workdir, sanitize=False)
        self.bench_cache = harness.cache_dir() / "bench"
        for sub in ("isolated", "shared"):
            (self.bench_cache / sub).mkdir(parents=True, exist_ok=True)
        self._isolate_digest = _digest(harness.ISOLATE.read_bytes())

    def runtime_objects(self) -> tuple:
        """The runtime as `bazel build -c opt` compiles it: -DNDEBUG, so no
        asserts and no O(n) registry check at start-up.  In a git checkout,
        only the files git tracks: the results name a commit, and another
        change in progress must not leak into them."""
        proc = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z",
                               "runtime/src/*.c"], capture_output=True)
        srcs = None
        if proc.returncode == 0 and proc.stdout:
            srcs = sorted(REPO / f for f in
                          proc.stdout.decode().split("\0") if f)
        return super().runtime_objects(srcs, ["-DNDEBUG"])

    def pch(self) -> Path:
        """Python.h precompiled once: 5000 compiles then take 15 ms of CPU
        each instead of 80 (the header parse dominates).  Its path is part
        of the compile cache's key, so it lives at one place per Python
        (the objects do not depend on it)."""
        header = self.bench_cache / "pch" / self.interp.version / \
            "bench_python.h"
        header.parent.mkdir(parents=True, exist_ok=True)
        header.write_text("#include <Python.h>\n")
        tmp = header.parent / f"bench_python.h.gch.{os.getpid()}"
        subprocess.run(["gcc", "-std=c11", *self.base_flags(),
                        *MODULE_FLAGS, "-x", "c-header", str(header),
                        "-o", str(tmp)], check=True)
        os.replace(tmp, str(header) + ".gch")
        return header

    def _module(self, i: int) -> Module:
        name = module_name(i)
        short = name.rsplit(".", 1)[1]
        multi = is_multi_phase(i)
        raw = self.compile(C / "benchmod.c", f"bench_{short}.o", "c",
                           MODULE_FLAGS + harness.WARNINGS + [
                               "-include", str(self._pch), "-Winvalid-pch",
                               f"-DBENCH_SHORT={short}",
                               f'-DBENCH_FULL="{name}"',
                               f"-DBENCH_INDEX={i}",
                               f"-DBENCH_MULTI={int(multi)}"])
        data = raw.read_bytes()
        key = _digest(data, name, self._isolate_digest)
        isolated = self.bench_cache / "isolated" / f"{key}.o"
        if not isolated.is_file():
            label = "//bench:" + name
            proc = subprocess.run(
                ["bash", str(harness.ISOLATE), "--ld", "ld", "--nm", "nm",
                 "--objcopy", "objcopy", "--module", name, "--label", label,
                 "--init-function", "PyInit_" + name.rsplit(".", 1)[-1],
                 "--rename-to", harness.init_symbol(name),
                 "--output", str(isolated), str(raw)],
                capture_output=True, text=True)
            if proc.returncode != 0:
                raise harness.HarnessError(f"isolating {name}:\n{proc.stderr}")
        shared = self.bench_cache / "shared" / f"{_digest(data)}.so"
        if not shared.is_file():
            tmp = shared.with_suffix(f".{os.getpid()}.{i}.tmp")
            subprocess.run(["gcc", "-shared", "-o", str(tmp), str(raw)],
                           check=True)
            os.replace(tmp, shared)
        return Module(i, name, multi, raw, isolated, harness.init_symbol(name),
                      shared)

    def modules(self, count: int) -> list:
        self._pch = self.pch()
        mods = _parallel(self._module, range(count))
        return mods

    def bench_object(self, source: str, extra=()) -> Path:
        return self.compile(C / source, Path(source).stem + "".join(
            e.replace("-D", "_").lower() for e in extra if e.startswith("-D")
        ) + ".o", "c", ["-O2"] + harness.WARNINGS + list(extra))

    def inittab_object(self, name: str, modules: list) -> Path:
        lines = ["#include <Python.h>", ""]
        lines += [f"PyObject *{m.symbol}(void);" for m in modules]
        lines += ["", "struct _inittab pystatic_bench_inittab[] = {"]
        lines += [f'    {{"{m.name}", {m.symbol}}},' for m in modules]
        lines += ["    {NULL, NULL},", "};", ""]
        return self.generated_object(name, "\n".join(lines))

    def registry_object(self, name: str, modules: list) -> Path:
        entries = harness.sorted_entries([
            (m.name, m.symbol, "//bench:" + m.name, "0") for m in modules])
        return self.generated_object(name, harness.registry_source(
            entries, self.interp.hexversion))

    def program_object(self, name: str, main: Path, root: Path) -> Path:
        return self.generated_object(name, harness.program_source(
            str(main), [str(root)], str(self.interp.stdlib),
            str(self.interp.dynload)))

    def timed_link(self, out: Path, objects: list, times: dict,
                   flags=()) -> Path:
        start = time.perf_counter()
        self.link(out, objects, flags)
        times[out.name] = time.perf_counter() - start
        return out


def write_tree(root: Path, n: int, modules: list, benchctl_so: Path | None,
               suffix: str):
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copyfile(BENCH / "driver.py", root / "driver.py")
    for parent in parents(n):
        d = root.joinpath(*parent.split("."))
        d.mkdir(parents=True, exist_ok=True)
        (d / "__init__.py").write_text("")
    if benchctl_so is None:
        return
    os.link(benchctl_so, root / ("_benchctl" + suffix))
    for m in modules[:n]:
        *pkg, short = m.name.split(".")
        os.link(m.shared, root.joinpath(*pkg, short + suffix))


def build(version: str, counts: list, workdir: Path, log=print) -> Setup:
    interp = harness.find_interpreter(version)
    if interp is None:
        raise harness.HarnessError(
            f"no pyenv CPython {harness.VERSIONS[version]} with a static "
            "libpython")
    workdir.mkdir(parents=True, exist_ok=True)
    b = Builder(interp, workdir)
    steps, links = {}, {}
    nmax = max(counts)

    t = time.perf_counter()
    runtime, launcher = b.runtime_objects()
    ctl_static = b.bench_object("benchctl.c", [
        "-DBENCH_WITH_RUNTIME", f"-I{harness.RUNTIME / 'src'}"])
    ctl_shared_obj = b.bench_object("benchctl.c")
    bench_main = b.bench_object("bench_main.c")
    static_python_main = b.bench_object("static_python_main.c")
    steps["runtime and harness objects"] = time.perf_counter() - t

    t = time.perf_counter()
    log(f"[{version}] compiling, isolating and linking {nmax} modules as "
        ".so (cached)")
    modules = b.modules(nmax)
    steps[f"{nmax} modules: compile, isolate, .so"] = time.perf_counter() - t

    suffix = subprocess.run(
        [str(interp.prefix / "bin" / f"python{version}"), "-c",
         "import importlib.machinery as m; print(m.EXTENSION_SUFFIXES[0])"],
        check=True, capture_output=True, text=True).stdout.strip()
    ctl_shared = workdir / ("_benchctl" + suffix)
    subprocess.run(["gcc", "-shared", "-o", str(ctl_shared),
                    str(ctl_shared_obj)], check=True)

    t = time.perf_counter()
    empty_registry = b.registry_object("registry_empty", [])
    empty_inittab = b.inittab_object("inittab_empty", [])
    bindir = workdir / "bin"
    bindir.mkdir(exist_ok=True)
    ours, inittab, trees = {}, {}, {}
    base = [bench_main, *runtime, ctl_static]
    for n in counts:
        log(f"[{version}] linking the binaries with {n} modules")
        mods = modules[:n]
        py_tree = workdir / "trees" / str(n) / "py"
        so_tree = workdir / "trees" / str(n) / "so"
        write_tree(py_tree, n, mods, None, suffix)
        write_tree(so_tree, n, mods, ctl_shared, suffix)
        trees[n] = (py_tree, so_tree)
        program = b.program_object(f"program_{n}", py_tree / "driver.py",
                                   py_tree)
        objs = [m.isolated for m in mods]
        ours[n] = b.timed_link(bindir / f"ours_{n}", base + [
            b.registry_object(f"registry_{n}", mods), empty_inittab,
            program] + objs, links)
        inittab[n] = b.timed_link(bindir / f"inittab_{n}", base + [
            empty_registry, b.inittab_object(f"inittab_{n}", mods),
            program] + objs, links)

    hello_dir = workdir / "hello"
    hello_dir.mkdir(exist_ok=True)
    (hello_dir / "main.py").write_text("pass\n")
    hello_program = b.program_object("program_hello", hello_dir / "main.py",
                                     hello_dir)
    hello = b.timed_link(bindir / "hello", [launcher, *runtime,
                                            empty_registry, hello_program],
                         links)
    hello_linked = b.timed_link(bindir / f"hello_{nmax}", [
        launcher, *runtime, b.registry_object(f"registry_{nmax}", modules),
        hello_program] + [m.isolated for m in modules], links)
    # The same two linked without PIE (no relative relocations to apply at
    # start-up) and with DT_RELR (binutils 2.38+, glibc 2.36+ at run time):
    # what the relocations of the modules and the registry cost.
    variants = {}
    for option, flags in (("-no-pie", ["-no-pie"]),
                          ("-z pack-relative-relocs",
                           ["-Wl,-z,pack-relative-relocs"])):
        tag = option.strip("-").replace(" ", "_").replace("-", "_")
        variants[option] = (
            b.timed_link(bindir / f"hello_{tag}", [
                launcher, *runtime, empty_registry, hello_program], links,
                flags),
            b.timed_link(bindir / f"hello_{nmax}_{tag}", [
                launcher, *runtime,
                b.registry_object(f"registry_{nmax}", modules),
                hello_program] + [m.isolated for m in modules], links,
                flags))
    static_python = b.timed_link(bindir / f"python{version}_static",
                                 [static_python_main], links)
    steps["registries, programs and links"] = time.perf_counter() - t
    return Setup(interp, workdir, modules, ours, inittab, trees, hello,
                 hello_linked, variants, static_python, suffix, links, steps)
