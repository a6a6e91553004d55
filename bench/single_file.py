#!/usr/bin/env python3
"""Single-file mode: how to serve packed Python code, and what start-up costs.

    python3 bench/single_file.py [--python 3.12] [--runs 15] [--quick] [--no-callgrind]

Runs inside the Bazel 7 root (tools/bazel7/), where tools/bazel.sh builds the
binaries and where they run (they link the root's glibc); started on the host,
it re-runs itself there. bench/run.sh runs it as its single_file part.

Measures, on one CPython (default 3.12), with binaries built by tools/bazel.sh
(compilation mode opt unless --mode is given):

1. Importing stdlib modules from the bytecode table packed into the
   executable (what single-file mode ships) against zipimport over a zip
   appended to the same executable's bytes (sys.path = [the executable]),
   for the modules a typical program imports, and for every stdlib module that
   imports cleanly (about 500, like PyOxidizer's 506). Same binary, same
   interpreter, same already-imported start-up modules; only the source of
   the listed modules differs. The zip holds the same stdlib with unchecked-hash
   .pyc files next to the sources, stored uncompressed (zipimport's best case).
   Reported: instructions (valgrind --tool=callgrind, repeatable on a noisy
   machine) and wall time (median of interleaved runs), each minus the same
   binary doing nothing.
2. Start-up (`import_bench none`): the single-file binary, the same program as
   a runfiles binary, and `python3.X -I -c pass`.
3. Sizes: the single-file binary, its pack, the runfiles binary, and
   examples/monorepo's //ship:app_single_file against //app:app.

Prints a table and writes bench/results/single_file-<UTC timestamp>.json (or
--output). JSON: {python, compilation_mode, runs, date, modules: {typical, all},
imports: {typical|all: {instructions: {table, zip}, wall_ms: {table, zip}}},
startup: {name: {instructions, wall_ms}}, sizes: {name: bytes}}.
Targets: //tests/single_file:import_bench (single_file = True, the whole
stdlib with its sources packed: pack_stdlib = pack_sources = "all") and
//tests/single_file:import_bench_runfiles.
"""

import argparse
import datetime
import json
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import root  # noqa: E402  (bench/root.py: the Bazel 7 root)

ROOT = pathlib.Path(__file__).resolve().parents[1]
BAZEL = ROOT / "tools" / "bazel.sh"
EXAMPLE = ROOT / "examples" / "monorepo"
RESULTS = ROOT / "bench" / "results"

# What a typical command-line program imports (the rest follows).
TYPICAL = [
    "argparse", "collections", "contextlib", "dataclasses", "datetime", "enum", "functools",
    "itertools", "json", "logging", "pathlib", "re", "shutil", "subprocess", "tempfile",
    "textwrap", "typing", "urllib.parse", "uuid", "hashlib", "base64", "csv", "random",
    "string", "traceback", "threading", "copy", "glob", "fnmatch", "struct",
]

# Parts of the stdlib the "all" list leaves out: tests, GUIs, demos, modules
# with side effects on import.
SKIP = re.compile(r"(^|\.)(test|tests|idle_test|__main__)($|\.)|^(idlelib|tkinter|turtle|turtledemo|"
                  r"antigravity|this|lib2to3|ensurepip|pydoc_data|__phello__|__hello__|_pystatic_resources)")


def bazel(args, cwd=ROOT):
    result = subprocess.run([str(BAZEL), *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit("bazel {} failed:\n{}".format(" ".join(args), result.stdout[-4000:]))
    return result.stdout


def bazel_bin(flags, cwd=ROOT):
    """The real output directory for these flags (bazel info bazel-bin)."""
    result = subprocess.run([str(BAZEL), "info", "bazel-bin", *flags], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if result.returncode != 0:
        sys.exit("bazel info bazel-bin failed")
    return pathlib.Path(result.stdout.strip().splitlines()[-1])


def pyenv_python(version):
    root = subprocess.run(["pyenv", "root"], stdout=subprocess.PIPE, text=True).stdout.strip()
    for d in sorted(pathlib.Path(root, "versions").glob(version + ".*")):
        exe = d / "bin" / ("python" + version)
        if exe.exists():
            return exe
    sys.exit("no pyenv CPython {}".format(version))


def stdlib_dir(python):
    return pathlib.Path(subprocess.run([str(python), "-I", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"],
                                       stdout=subprocess.PIPE, text=True, check=True).stdout.strip())


def stdlib_modules(stdlib):
    names = set()
    for path in stdlib.rglob("*.py"):
        rel = path.relative_to(stdlib)
        if rel.parts[0] in ("site-packages", "test") or "__pycache__" in rel.parts:
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if not parts or not all(p.isidentifier() for p in parts):
            continue
        name = ".".join(parts)
        if not SKIP.search(name):
            names.add(name)
    return sorted(names)


def make_zip(python, stdlib, out):
    """The stdlib as a zip: sources plus unchecked-hash .pyc, stored."""
    script = r'''
import pathlib, py_compile, sys, zipfile, importlib.util
stdlib, out = pathlib.Path(sys.argv[1]), sys.argv[2]
skip = {"site-packages", "test", "idlelib", "turtledemo", "tkinter", "lib2to3", "ensurepip"}
with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
    for path in sorted(stdlib.rglob("*.py")):
        rel = path.relative_to(stdlib)
        if rel.parts[0] in skip or "__pycache__" in rel.parts or " " in str(rel):
            continue
        data = path.read_bytes()
        try:
            code = compile(data, str(rel), "exec", dont_inherit=True)
        except (SyntaxError, ValueError):
            continue
        import marshal
        source_hash = importlib.util.source_hash(data)
        pyc = bytearray(importlib.util.MAGIC_NUMBER)
        pyc += (1).to_bytes(4, "little")     # hash-based, unchecked
        pyc += source_hash
        pyc += marshal.dumps(code)
        info = zipfile.ZipInfo(str(rel), date_time=(1980, 1, 1, 0, 0, 0))
        z.writestr(info, data)
        info = zipfile.ZipInfo(str(rel.with_suffix(".pyc")), date_time=(1980, 1, 1, 0, 0, 0))
        z.writestr(info, bytes(pyc))
'''
    subprocess.run([str(python), "-I", "-c", script, str(stdlib), str(out)], check=True,
                   env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"})


def callgrind(cmd):
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit("callgrind run failed: {}\n{}".format(cmd, result.stderr[-3000:]))
    m = re.search(r"Collected : (\d+)", result.stderr)
    return int(m.group(1))


def wall(cmds, runs):
    """Median wall seconds per command, runs interleaved."""
    times = {k: [] for k in cmds}
    for _ in range(runs):
        for key, cmd in cmds.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[key].append(time.perf_counter() - start)
    return {k: statistics.median(v) for k, v in times.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--python", default="3.12")
    parser.add_argument("--runs", type=int, help="interleaved runs per measurement (default 15; --quick: 5)")
    parser.add_argument("--mode", default="opt", help="Bazel compilation mode of the binaries")
    parser.add_argument("--quick", action="store_true", help="5 runs unless --runs, no example build")
    parser.add_argument("--no-callgrind", action="store_true")
    parser.add_argument("--output", help="results file (default bench/results/single_file-<UTC timestamp>.json)")
    args = parser.parse_args()
    root.reexec(__file__, sys.argv[1:])
    runs = args.runs or (5 if args.quick else 15)
    results = run(python_version=args.python, runs=runs, mode=args.mode,
                  quick=args.quick, use_callgrind=not args.no_callgrind)
    print(markdown(results))
    if args.output:
        out = pathlib.Path(args.output).resolve()
    else:
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        out = RESULTS / "single_file-{}.json".format(stamp)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    print("\nwrote", out)


def run(python_version="3.12", runs=15, mode="opt", quick=False, use_callgrind=True):
    """Builds, measures and returns the results dict (schema in the module doc).

    Inside the Bazel 7 root only: bench/run.py runs main() there
    (bench/root.py's run_part) and reads the JSON it writes;
    `single_file.markdown(results)` is what bench/report.py puts on the page."""
    if not root.inside():
        sys.exit("bench/single_file.py: run inside the Bazel 7 root: "
                 "bash tools/bazel7/enter.sh python3 bench/single_file.py")
    if use_callgrind:
        root.ensure_valgrind()
    flags = ["--//toolchain:python_version=" + python_version, "--compilation_mode=" + mode]

    bazel(["build", "//tests/single_file:import_bench", "//tests/single_file:import_bench_runfiles", *flags])
    # Not the bazel-bin symlink: another build may repoint it meanwhile.
    bin_dir = bazel_bin(flags) / "tests" / "single_file"
    work = pathlib.Path(tempfile.mkdtemp(prefix="pystatic-single-file-"))
    single = work / "import_bench"
    shutil.copy2(bin_dir / "import_bench", single)
    pack_size = (bin_dir / "_pystatic" / "import_bench" / "program.pack").stat().st_size
    runfiles_bin = bin_dir / "import_bench_runfiles"

    python = pyenv_python(python_version)
    stdlib = stdlib_dir(python)
    # The zip appended to the executable's own bytes.
    archive = work / "stdlib.zip"
    make_zip(python, stdlib, archive)
    with_zip = work / "import_bench_zip"
    with_zip.write_bytes(single.read_bytes() + archive.read_bytes())
    with_zip.chmod(0o755)

    lists = {}
    typical = work / "typical.txt"
    typical.write_text("\n".join(TYPICAL) + "\n")
    lists["typical"] = typical
    candidates = work / "candidates.txt"
    candidates.write_text("\n".join(stdlib_modules(stdlib)) + "\n")
    probe = subprocess.run([str(single), "probe", str(candidates)], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, text=True)
    importable = [n for n in probe.stdout.split() if n]
    everything = work / "all.txt"
    everything.write_text("\n".join(importable) + "\n")
    lists["all"] = everything

    results = {
        "python": python_version,
        "compilation_mode": mode,
        "runs": runs,
        # //tests/single_file:import_bench's pack_stdlib and pack_sources.
        "pack": {"stdlib": "all", "sources": "all"},
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "modules": {"typical": len(TYPICAL), "all": len(importable)},
        "imports": {},
        "startup": {},
        "sizes": {},
    }

    # 1. table against zip.
    for name, path in lists.items():
        cmds = {
            "none": [str(with_zip), "none"],
            "table": [str(with_zip), "table", str(path)],
            "zip": [str(with_zip), "zip", str(path), str(with_zip)],
        }
        for key in ("table", "zip"):
            # Also checks that the zip run used zipimport. (Importing every
            # module warns about the deprecated ones: not shown.)
            check = subprocess.run(cmds[key], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if check.returncode != 0:
                sys.exit("{} failed:\n{}".format(" ".join(cmds[key]), check.stderr[-3000:]))
        entry = {}
        times = wall(cmds, runs)
        entry["wall_ms"] = {k: round((times[k] - times["none"]) * 1000, 2) for k in ("table", "zip")}
        if use_callgrind:
            base = callgrind(cmds["none"])
            entry["instructions"] = {k: callgrind(cmds[k]) - base for k in ("table", "zip")}
        results["imports"][name] = entry

    # 2. start-up.
    startup_cmds = {
        "single_file": [str(single), "none"],
        "runfiles": [str(runfiles_bin), "none"],
        "python -I -c pass": [str(python), "-I", "-c", "pass"],
    }
    times = wall(startup_cmds, runs * 2)
    for key, cmd in startup_cmds.items():
        entry = {"wall_ms": round(times[key] * 1000, 2)}
        if use_callgrind:
            entry["instructions"] = callgrind(cmd)
        results["startup"][key] = entry

    # 3. sizes.
    results["sizes"]["import_bench (single file)"] = single.stat().st_size
    results["sizes"]["import_bench pack"] = pack_size
    results["sizes"]["import_bench_runfiles (binary only)"] = runfiles_bin.stat().st_size
    results["sizes"]["stdlib zip (stored, sources + pyc)"] = archive.stat().st_size
    if not quick:
        example_flags = ["--@rules_pystatic//toolchain:python_version=" + python_version, "--compilation_mode=" + mode]
        bazel(["build", "//app:app", "//ship:app_single_file", *example_flags], cwd=EXAMPLE)
        example_bin = bazel_bin(example_flags, cwd=EXAMPLE)
        app_bin = example_bin / "app"
        # Not stripped, like every binary here (bench/pyinstaller.py
        # measures the same app with --strip=always).
        results["sizes"]["example //ship:app_single_file (not stripped)"] = \
            (example_bin / "ship" / "app_single_file").stat().st_size
        results["sizes"]["example //app:app (binary only, not stripped)"] = (app_bin / "app").stat().st_size

    shutil.rmtree(work, ignore_errors=True)
    return results


def markdown(r):
    """The results as Markdown tables."""
    lines = []
    print = lines.append  # noqa: A001 - the table code reads like the printing it was
    print("Single-file mode, CPython {} ({} build, {} runs, medians)".format(r["python"], r["compilation_mode"], r["runs"]))
    print("")
    print("| Imports (minus start-up) | modules | table: instructions | zip: instructions | table: ms | zip: ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, e in r["imports"].items():
        ins = e.get("instructions", {})
        print("| {} | {} | {} | {} | {} | {} |".format(
            name, r["modules"][name], "{:,}".format(ins["table"]) if ins else "-",
            "{:,}".format(ins["zip"]) if ins else "-", e["wall_ms"]["table"], e["wall_ms"]["zip"]))
    print("")
    print("| Start-up | instructions | wall ms |")
    print("|---|---:|---:|")
    for name, e in r["startup"].items():
        print("| {} | {} | {} |".format(name, "{:,}".format(e["instructions"]) if "instructions" in e else "-", e["wall_ms"]))
    print("")
    print("| Size | bytes | MB |")
    print("|---|---:|---:|")
    for name, size in r["sizes"].items():
        print("| {} | {:,} | {:.1f} |".format(name, size, size / 1e6))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
