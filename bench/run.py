#!/usr/bin/env python3
"""rules_pystatic benchmarks: one command, every setup in the same run.

    bash bench/run.sh [--quick] [--python 3.12] [--skip gazelle,bazel,single_file,pyinstaller]

(run.sh installs valgrind, matplotlib and the runtime harness's pinned
packages first, then runs this.)  Writes bench/results/<UTC time>.json,
bench/results/latest.json, docs/benchmarks.md and docs/benchmarks/*.png.
See docs/benchmarks.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import build  # noqa: E402
import harness  # noqa: E402  (tests/runtime, put on sys.path by build)
import measure  # noqa: E402
import report  # noqa: E402
import root  # noqa: E402  (the Bazel 7 root)

# callgrind_repeats applies to N <= 100 and to start-up; larger N run once
# under callgrind (the counts vary by well under 1% between runs) and
# `repeats_large` times natively.
FULL = dict(counts=[1, 100, 1000, 5000], repeats=7, repeats_large=5,
            startup_repeats=20, callgrind_repeats=3, lookup_repeat=200,
            gazelle_dirs=10000, gazelle_runs=5, bazel_extensions=500,
            kinds=1000, single_file_runs=11)
QUICK = dict(counts=[1, 100], repeats=3, repeats_large=3, startup_repeats=5,
             callgrind_repeats=1, lookup_repeat=10, gazelle_dirs=1000,
             gazelle_runs=1, gazelle_callgrind_runs=1, bazel_extensions=20,
             kinds=0, single_file_runs=5)


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def _cmd(text, *args):
    try:
        return subprocess.run([text, *args], capture_output=True, text=True,
                              timeout=60).stdout.strip()
    except OSError:
        return ""


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    except OSError:
        mem = "0"
    os_release = ""
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_release = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return {
        "cpu": cpu, "cores": os.cpu_count(),
        "memory_gib": round(int(mem) / 1024 / 1024, 1),
        "os": os_release, "kernel": platform.release(),
        "gcc": _cmd("gcc", "-dumpfullversion"),
        "valgrind": _cmd("valgrind", "--version"),
        "loadavg_start": os.getloadavg(),
    }


def commit() -> dict:
    def git(*args):
        return subprocess.run(["git", "-C", str(REPO), *args],
                              capture_output=True, text=True).stdout.strip()
    return {"sha": git("rev-parse", "HEAD"),
            "subject": git("log", "-1", "--format=%s"),
            # What the run builds: the single-file part builds with Bazel
            # from toolchain/, tests/single_file and examples/monorepo too.
            "dirty": bool(git("status", "--porcelain", "--", *DIRTY_PATHS))}


DIRTY_PATHS = ("runtime", "rules", "bench", "gazelle", "toolchain",
               "tests/runtime", "tests/single_file", "examples/monorepo")


SPREAD = []     # (max - min) / median of every repeated callgrind count


def median_callgrind(cmd, regions, repeats, cwd=None, keep=None):
    runs = [measure.callgrind(cmd, regions, cwd=cwd,
                              keep=keep if i == 0 else None)
            for i in range(repeats)]
    out = {}
    for k in runs[0]:
        values = [r[k] for r in runs]
        out[k] = int(measure.median(values))
        if len(values) > 1 and out[k]:
            SPREAD.append((max(values) - min(values)) / out[k])
    return out


# dlopen compares the new file's name with every object already loaded, so
# the .so setup's cost depends on the length of its directory's path (44
# against 24 characters moved its ratio to ours from 9.2x to 8.6x at
# N=5000). Every .so tree is reached through a symlink of this one length,
# whatever the cache directory is; the page states it.
SO_LINKS = Path("/tmp/pystatic-bench-so")


def so_tree_link(so_tree: Path, n: int) -> Path:
    SO_LINKS.mkdir(parents=True, exist_ok=True)
    link = SO_LINKS / f"{n:05d}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(so_tree)
    return link


def import_setups(s: build.Setup, n: int, kind: str = "all") -> dict:
    py_tree, so_tree = s.trees[n]
    so_tree = so_tree_link(so_tree, n)
    return {
        "rules_pystatic": ([s.ours[n], "import", n, kind],
                           "StaticExtensionImporter"),
        "inittab": ([s.inittab[n], "import", n, kind], "BuiltinImporter"),
        "so": ([s.python, "-s", "-E", so_tree / "driver.py", "import", n,
                kind], "ExtensionFileLoader"),
        "c_loop": ([s.ours[n], "cloop", n], None),
    }


def bench_imports(s: build.Setup, cfg, use_cg: bool, cgdir: Path) -> dict:
    out = {}
    for n in cfg["counts"]:
        out[n] = {}
        setups = import_setups(s, n)
        log(f"[{s.interp.version}] import N={n}: wall times, setups "
            "interleaved")
        walls = measure.interleaved(
            measure.run_json, {k: c for k, (c, _) in setups.items()},
            cfg["repeats"] if n <= 100 else cfg["repeats_large"])
        for name, (cmd, loader) in setups.items():
            last = walls[name][-1]
            res = {"cmd": [str(c) for c in cmd],
                   "wall_ns": [next(iter(w["regions"].values()))
                               for w in walls[name]],
                   "count": last["count"]}
            if loader is not None:
                got = last["loaders"]
                if got != {loader: n}:
                    raise RuntimeError(f"{name} N={n}: modules loaded by "
                                       f"{got}, expected {loader}")
                res["loaders"] = got
            if use_cg:
                log(f"[{s.interp.version}] import N={n}: {name} "
                    "(callgrind)")
                keep = cgdir / f"{name}_{n}" if n == max(cfg["counts"]) \
                    else None
                reps = cfg["callgrind_repeats"] if n <= 100 else 1
                cg = median_callgrind(cmd, True, reps, keep=keep)
                res["ir"] = next(iter(cg.values()))
                if keep is not None:
                    dump = next(keep.glob("callgrind.*"))
                    res["breakdown_ir"] = measure.breakdown(dump)
            out[n][name] = res
    return out


def bench_import_kinds(s: build.Setup, n: int) -> dict:
    """Instructions for multi-phase only and single-phase only, at N."""
    out = {}
    for kind in ("multi", "single"):
        for name, (cmd, _) in import_setups(s, n, kind).items():
            if name == "c_loop":
                continue
            log(f"[{s.interp.version}] import N={n} {kind}-phase: {name}")
            cg = measure.callgrind(cmd, True)
            count = len([i for i in range(n)
                         if build.is_multi_phase(i) == (kind == "multi")])
            out.setdefault(name, {})[kind] = {"ir": cg["import"],
                                              "count": count}
    return out


def bench_startup(s: build.Setup, cfg, use_cg: bool) -> dict:
    v = s.interp.version
    nmax = max(cfg["counts"])
    cases = {
        "rules_pystatic hello world (no extensions)": [s.hello],
        f"rules_pystatic hello world ({nmax} extensions linked)":
            [s.hello_linked],
    }
    for option, (plain, linked) in s.hello_variants.items():
        cases[f"rules_pystatic hello world (no extensions), linked {option}"] \
            = [plain]
        cases[f"rules_pystatic hello world ({nmax} extensions linked), "
              f"linked {option}"] = [linked]
    cases.update({
        f"python{v} -I -c pass": [s.python, "-I", "-c", "pass"],
        f"python{v} -S -c pass": [s.python, "-S", "-c", "pass"],
        f"python{v} -I -S -c pass": [s.python, "-I", "-S", "-c", "pass"],
        f"static python{v} -I -c pass": [s.static_python, "-I", "-c", "pass"],
        f"static python{v} -I -S -c pass": [s.static_python, "-I", "-S", "-c",
                                            "pass"],
        # CPython's own main on the same static libpython, running the same
        # main file as the hello world, in the same configuration (isolated,
        # no site): the issue-13 comparison.
        f"static python{v} -I -S main.py": [s.static_python, "-I", "-S",
                                            s.workdir / "hello" / "main.py"],
    })
    log(f"[{v}] start-up: wall times, programs interleaved")
    walls = measure.interleaved(measure.one_process_time, cases,
                                cfg["startup_repeats"])
    out = {}
    for j, (name, cmd) in enumerate(cases.items()):
        res = {"cmd": [str(c) for c in cmd], "wall_s": walls[name]}
        if j < 2:
            res["link"] = measure.link_facts(cmd[0])
        if use_cg:
            log(f"[{v}] start-up: {name} (callgrind)")
            keep = s.workdir / "startup-callgrind" / str(j) if j < 2 else None
            res["ir"] = median_callgrind(cmd, False, cfg["callgrind_repeats"],
                                         keep=keep)["total"]
            if keep is not None:
                res["breakdown_ir"] = measure.breakdown(
                    keep / "callgrind.exit", measure.STARTUP_BREAKDOWN)
        out[name] = res
    return out


def bench_lookup(s: build.Setup, cfg, use_cg: bool) -> dict:
    n = max(cfg["counts"])
    cmd = [s.ours[n], "lookup", n, cfg["lookup_repeat"]]
    log(f"[{s.interp.version}] registry lookups at N={n}")
    wall = measure.region_times(cmd, cfg["repeats"])
    out = {"n": n, "cmd": [str(c) for c in cmd], "output": wall["output"],
           "wall_ns": wall["samples_ns"]}
    if use_cg:
        out["ir"] = measure.callgrind(cmd, True)
    # The same lookups of the inittab way: _imp.is_builtin over N entries.
    icmd = [s.inittab[n], "lookup", n, cfg["lookup_repeat"]]
    iwall = measure.region_times(icmd, cfg["repeats"])
    out["inittab"] = {"cmd": [str(c) for c in icmd],
                      "wall_ns": iwall["samples_ns"]["is_builtin_miss"],
                      "ops": iwall["output"]["is_builtin_miss_ops"]}
    if use_cg:
        out["inittab"]["ir"] = measure.callgrind(icmd, True)[
            "is_builtin_miss"]
    return out


def sizes(s: build.Setup) -> dict:
    nmax = max(s.ours)
    return {
        "binary_bytes": {str(n): s.ours[n].stat().st_size for n in s.ours},
        "hello_bytes": s.hello.stat().st_size,
        "hello_linked_bytes": s.hello_linked.stat().st_size,
        "so_sum_bytes": sum(m.shared.stat().st_size
                            for m in s.modules[:nmax]),
        "n": nmax,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="small N, few repeats (a smoke test; 16 minutes "
                    "measured without Gazelle on a loaded machine)")
    ap.add_argument("--python", default="3.12",
                    help="comma-separated CPython versions (3.10-3.13)")
    ap.add_argument("--skip", default="",
                    help="comma-separated parts to skip: gazelle, bazel, "
                    "single_file, pyinstaller, callgrind")
    ap.add_argument("--counts", help="override the module counts, e.g. 1,100")
    ap.add_argument("--no-report", action="store_true",
                    help="write the JSON only, not docs/benchmarks.md")
    ap.add_argument("--docs", action="store_true",
                    help="with --quick: write docs/benchmarks.md anyway "
                    "(by default a quick run writes "
                    "bench/results/quick-docs/benchmarks.md)")
    args = ap.parse_args(argv)
    cfg = dict(QUICK if args.quick else FULL)
    if args.counts:
        cfg["counts"] = [int(c) for c in args.counts.split(",")]
    skip = set(filter(None, args.skip.split(",")))
    use_cg = "callgrind" not in skip and measure.have_valgrind()
    started = time.time()
    stamp = datetime.datetime.now(datetime.timezone.utc)
    results = {
        "meta": {"date": stamp.isoformat(timespec="seconds"),
                 "mode": "quick" if args.quick else "full", "config": cfg,
                 "machine": machine(), "commit": commit(),
                 "callgrind": use_cg},
        "pythons": {},
    }
    # This checkout's own: the objects, binaries and trees are linked and
    # run minutes after they are written, and another checkout's bench (a
    # shared work directory) once replaced this one's runtime objects in
    # between (undefined references at the link). The compile and module
    # caches stay shared: they are content-addressed.
    work = BENCH / "results" / "work"
    cgdir = BENCH / "results" / "callgrind"
    outdir = BENCH / "results"
    outdir.mkdir(exist_ok=True)

    def checkpoint():
        """What has been measured so far, in case a later part fails."""
        (outdir / "partial.json").write_text(json.dumps(
            results, indent=1, sort_keys=True, default=str) + "\n")

    for version in args.python.split(","):
        t = time.time()
        s = build.build(version, cfg["counts"], work / version, log=log)
        py = {"python": str(s.python),
              "version": _cmd(str(s.python), "--version"),
              "libpython": str(s.interp.libpython),
              "ext_suffix": s.ext_suffix,
              "build_seconds": s.build_seconds,
              "link_seconds": s.link_seconds,
              "sizes": sizes(s)}
        py["build_total_seconds"] = time.time() - t
        py["startup"] = bench_startup(s, cfg, use_cg)
        py["lookup"] = bench_lookup(s, cfg, use_cg)
        py["import"] = bench_imports(s, cfg, use_cg, cgdir / version)
        if use_cg and cfg["kinds"] in s.ours:
            py["import_kinds"] = bench_import_kinds(s, cfg["kinds"])
        results["pythons"][version] = py
        checkpoint()
    if "gazelle" not in skip:
        import gazelle_bench
        results["gazelle"] = gazelle_bench.run(cfg, log)
        checkpoint()
    # The parts that build with Bazel run inside the Bazel 7 root, where
    # Bazel 7.7.1 runs and the binaries it builds run too (bench/root.py);
    # a part that fails comes back as {"error": ...}, which the page shows.
    versions = args.python.split(",")
    bazel_python = "3.12" if "3.12" in versions else versions[0]
    if "bazel" not in skip:
        log(f"Bazel builds: {cfg['bazel_extensions']} extensions, CPython "
            f"{bazel_python} (bench/bazel_bench.py, inside the Bazel 7 "
            "root)")
        results["bazel"] = root.run_part(
            "bazel", BENCH / "bazel_bench.py",
            ["--extensions", cfg["bazel_extensions"],
             "--python", bazel_python],
            outdir / "bazel-latest.json", log)
        checkpoint()
    if "single_file" not in skip:
        log(f"single-file: CPython {bazel_python}, -c opt, "
            f"{cfg['single_file_runs']} runs (bench/single_file.py, inside "
            "the Bazel 7 root)")
        results["single_file"] = root.run_part(
            "single_file", BENCH / "single_file.py",
            ["--python", bazel_python, "--mode", "opt",
             "--runs", cfg["single_file_runs"]]
            + (["--quick"] if args.quick else [])
            + ([] if use_cg else ["--no-callgrind"]),
            outdir / "single_file-latest.json", log)
        checkpoint()
    if "pyinstaller" not in skip:
        log("single file against PyInstaller (bench/pyinstaller.py, inside "
            "the Bazel 7 root)")
        results["pyinstaller"] = root.run_part(
            "pyinstaller", BENCH / "pyinstaller.py",
            ["--runs", 5 if args.quick else 11]
            + ([] if use_cg else ["--no-callgrind"]),
            outdir / "pyinstaller-latest.json", log)
        checkpoint()
    results["meta"]["machine"]["loadavg_end"] = os.getloadavg()
    # Someone may commit or edit what the run builds while it runs.
    end = commit()
    end["builds_changed"] = end["dirty"] or bool(subprocess.run(
        ["git", "-C", str(REPO), "diff", "--name-only",
         results["meta"]["commit"]["sha"], end["sha"], "--", *DIRTY_PATHS],
        capture_output=True, text=True).stdout.strip())
    results["meta"]["commit_end"] = end
    results["meta"]["callgrind_spread_max"] = max(SPREAD) if SPREAD else None
    results["meta"]["seconds"] = round(time.time() - started)
    name = stamp.strftime("%Y%m%dT%H%M%SZ") + f"-{results['meta']['mode']}"
    text = json.dumps(results, indent=1, sort_keys=True, default=str)
    (outdir / f"{name}.json").write_text(text + "\n")
    (outdir / "latest.json").write_text(text + "\n")
    log(f"results: {outdir / (name + '.json')}")
    if not args.no_report:
        # A quick run is a smoke test: its page goes next to its results,
        # not over the committed docs/benchmarks.md (unless --docs).
        docs = REPO / "docs" if (args.docs or not args.quick) else \
            outdir / "quick-docs"
        report.write(results, docs)
        log(f"wrote {docs / 'benchmarks.md'}")
    log(f"done in {results['meta']['seconds']} s")


if __name__ == "__main__":
    main()
