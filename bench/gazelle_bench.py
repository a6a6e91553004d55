"""Gazelle on a generated monorepo, with and without the py_static language.

With: the gazelle binary `gazelle/build.sh` builds (Gazelle's default
languages visibility, proto, go, plus py_static).  Without: the same program
(`gazelle/cmd/gazelle`, the same build script, Go flags and Gazelle version)
built with `-tags pystatic_baseline`, which leaves py_static out and changes
nothing else.  Both run with the same flags on the same tree, as separate
processes, so each run's wall time, CPU time (user and system) and peak RSS
(GNU time's maximum resident set size) are its own.  Before the timed runs
each binary runs once untimed (page cache); the rounds alternate which binary
goes first; the figures are medians.  CPU times come from the kernel's
resource usage of the run (wait4, microseconds; GNU time prints only
hundredths of a second, 1-2% of a run here).  Where valgrind is installed,
each binary also runs under callgrind on the second run's tree (3 times,
the median): instruction counts, which the machine's load does not change.
They still vary by a few percent from run to run: Go's garbage collector
runs concurrently, and one collection more or less is a few percent of
the run.

The monorepo (generate()): DIRS directories src/gNN/dNNNNN, each a Python
package (`__init__.py`, `util.py` importing a neighbour); every tenth has a
C extension `_ext<I>.c` (every twentieth also a helper .c/.h pair), every
hundredth a `__main__.py` importing a few extensions.  The runs work on one
copy of it, put back between runs (untimed) by deleting the BUILD files
Gazelle wrote.  First run: the generated tree, no BUILD files but the root
one; with py_static, Gazelle writes a BUILD file for each directory with an
extension or a program.  Second run (the steady state): both binaries run on
the tree the first run with py_static left, so both load the same BUILD
files and neither has anything to write (checked).

Standalone (what bench/run.sh runs is run(cfg, log), from bench/run.py):

    python3 bench/gazelle_bench.py [--dirs 10000] [--runs 5] [--json FILE]
        [--also NAME=GAZELLE_BINARY ...] [--callgrind-runs N]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import measure

REPO = Path(__file__).resolve().parents[1]
BASELINE_TAG = "pystatic_baseline"
WITHOUT = "without py_static"
WITH = "with py_static"


def build_binaries(work: Path, log) -> dict:
    """The same program twice through gazelle/build.sh: once as shipped,
    once with the build tag that leaves py_static out."""
    work.mkdir(parents=True, exist_ok=True)
    ours = work / "gazelle-py_static"
    base = work / "gazelle-baseline"
    build = ["bash", str(REPO / "gazelle" / "build.sh")]
    subprocess.run(build + [str(ours)], check=True, cwd=REPO,
                   capture_output=True)
    goflags = (os.environ.get("GOFLAGS", "") + f" -tags={BASELINE_TAG}").strip()
    subprocess.run(build + [str(base)], check=True, cwd=REPO,
                   env=dict(os.environ, GOFLAGS=goflags), capture_output=True)
    return {WITHOUT: base, WITH: ours}


EXT = """/* extension {i} */
#include <Python.h>
{helper_include}
static PyObject *
value(PyObject *self, PyObject *unused)
{{
    return PyLong_FromLong({i});
}}

static PyMethodDef methods[] = {{
    {{"value", value, METH_NOARGS, NULL}},
    {{NULL, NULL, 0, NULL}},
}};

static struct PyModuleDef def = {{
    PyModuleDef_HEAD_INIT, "_ext{i}", NULL, -1, methods,
}};

PyMODINIT_FUNC
PyInit__ext{i}(void)
{{
    return PyModule_Create(&def);
}}
"""


def generate(root: Path, n: int) -> dict:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "WORKSPACE").write_text("")
    (root / "BUILD.bazel").write_text("# gazelle:prefix example.com/bench\n")
    counts = {"dirs": n, "files": 2, "extensions": 0, "programs": 0}

    def rel(i):
        return f"src/g{i % 100:02d}/d{i:05d}"

    def mod(i):
        return rel(i).replace("/", ".")

    def write(path: Path, text: str):
        path.write_text(text)
        counts["files"] += 1

    for i in range(n):
        d = root / rel(i)
        d.mkdir(parents=True)
        write(d / "__init__.py", "")
        write(d / "util.py",
              f"import os\nfrom {mod((i + 1) % n)} import util\n")
        if i % 10 == 0:
            helper = i % 20 == 0
            write(d / f"_ext{i}.c", EXT.format(
                i=i, helper_include='#include "helper.h"\n' if helper
                else ""))
            if helper:
                write(d / "helper.h", "int helper(void);\n")
                write(d / "helper.c",
                      '#include "helper.h"\nint helper(void) { return 1; }\n')
            counts["extensions"] += 1
        if i % 100 == 0:
            lines = []
            for k in range(5):
                j = (i + 10 * k) % n
                j -= j % 10
                lines.append(f"from {mod(j)} import _ext{j}\n")
            write(d / "__main__.py", "".join(lines))
            counts["programs"] += 1
    return counts


def timed(cmd, cwd) -> dict:
    """One run's numbers. Peak RSS is GNU time's: a child's ru_maxrss as
    Python sees it through wait4 would include the forked Python before
    exec. CPU time is the resource usage wait4 reports for GNU time's
    process, which includes the run it waited for (and time's own, well
    under a millisecond): microseconds, where time prints hundredths."""
    report = Path(cwd).parent / "time.txt"
    errors = Path(cwd).parent / "stderr.txt"
    start = time.perf_counter()
    with open(errors, "wb") as err:
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%e %U %S %M", "-o",
                                 str(report)] + [str(c) for c in cmd],
                                cwd=cwd, stdout=subprocess.DEVNULL,
                                stderr=err, env=measure.clean_env())
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({proc.returncode}):\n"
                           f"{errors.read_text(errors='replace')[-2000:]}")
    rss = report.read_text().split()[-1]
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "user_s": usage.ru_utime, "sys_s": usage.ru_stime,
            "max_rss_kib": int(rss)}


def instructions(cmd, cwd) -> int:
    """Instructions of one run under callgrind. Valgrind serializes the
    threads; Go's asynchronous preemption signals would abort it."""
    env = dict(measure.clean_env(), GODEBUG="asyncpreemptoff=1")
    proc = subprocess.run(["valgrind", "--tool=callgrind",
                           "--callgrind-out-file=/dev/null"]
                          + [str(c) for c in cmd], cwd=cwd, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    for line in proc.stderr.splitlines():
        if "Collected :" in line and proc.returncode == 0:
            return int(line.split()[-1])
    raise RuntimeError(f"callgrind {cmd} failed ({proc.returncode}):\n"
                       f"{proc.stderr[-2000:]}")


def count_rules(root: Path) -> dict:
    kinds = {}
    for build in root.rglob("BUILD.bazel"):
        for line in build.read_text().splitlines():
            head = line.split("(", 1)[0]
            if line.endswith("(") and head.isidentifier():
                kinds[head] = kinds.get(head, 0) + 1
    return kinds


def tree_digest(root: Path) -> dict:
    """Every BUILD file's bytes, to check that a run changed nothing."""
    return {str(p.relative_to(root)): p.read_bytes()
            for p in root.rglob("BUILD.bazel")}


def file_list(root: Path) -> list:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def measure_runs(binaries: dict, template: Path, work: Path, runs: int,
                 log, callgrind_runs: int = 0) -> tuple:
    cmd_args = ["-repo_root=.", "-go_prefix=example.com/bench"]
    samples = {name: {"first": [], "again": []} for name in binaries}
    rules = {}
    counts = {}
    names = list(binaries)
    # One copy of the template, put back after each first run by deleting
    # the BUILD files Gazelle wrote (checked: the same files and root BUILD
    # file as the template). Copying and deleting 20,000 files for each run
    # would take longer than the runs on these machines.
    repo = work / "run"
    if repo.exists():
        shutil.rmtree(repo)
    subprocess.run(["cp", "-a", str(template), str(repo)], check=True)
    pristine = file_list(template)
    root_build = (template / "BUILD.bazel").read_bytes()

    def reset():
        for p in repo.rglob("BUILD.bazel"):
            if p.parent != repo:
                p.unlink()
        if (file_list(repo) != pristine
                or (repo / "BUILD.bazel").read_bytes() != root_build):
            raise RuntimeError("gazelle changed more than BUILD files")
        # Deletions written back now, not during the next run.
        os.sync()

    # Untimed: the binaries and the tree into the page cache.
    for name in names:
        timed([binaries[name]] + cmd_args, repo)
        reset()
    for r in range(runs):
        order = names if r % 2 == 0 else names[::-1]
        for name in order:
            log(f"gazelle: run {r + 1}/{runs}, {name}, first run")
            samples[name]["first"].append(timed([binaries[name]] + cmd_args,
                                                repo))
            rules[name] = count_rules(repo)
            if name != WITH:
                reset()
                continue
            # BUILD files py_static's rules made Gazelle write (the root
            # one was there before).
            rules["build_files_written"] = sum(
                1 for _ in repo.rglob("BUILD.bazel")) - 1
            # The steady state: each binary on the tree py_static's first
            # run left, which none of them changes (checked after each).
            digest = tree_digest(repo)
            for again in order:
                log(f"gazelle: run {r + 1}/{runs}, {again}, second run")
                samples[again]["again"].append(
                    timed([binaries[again]] + cmd_args, repo))
                if tree_digest(repo) != digest:
                    raise RuntimeError(f"{again}: the second run changed "
                                       "BUILD files; it is not a steady "
                                       "state")
            for k in range(callgrind_runs if r == runs - 1 else 0):
                for again in (order if k % 2 == 0 else order[::-1]):
                    log(f"gazelle: {again}, second run under callgrind "
                        f"{k + 1}/{callgrind_runs}")
                    counts.setdefault(again, []).append(instructions(
                        [binaries[again]] + cmd_args, repo))
                    if tree_digest(repo) != digest:
                        raise RuntimeError(f"{again}: the second run "
                                           "changed BUILD files")
            reset()
    return cmd_args, samples, rules, counts


def run(cfg, log, others=None) -> dict:
    """others: {name: path} of more gazelle binaries to measure in the same
    rounds (other builds of the language, say an older commit's)."""
    import harness
    base = harness.cache_dir() / "bench" / "gazelle"
    try:
        log("gazelle: building both binaries")
        binaries = build_binaries(base / "bin", log)
        for name, path in (others or {}).items():
            binaries[name] = Path(path).resolve()
    except (OSError, subprocess.CalledProcessError) as e:
        err = getattr(e, "stderr", b"") or b""
        return {"error": f"could not build the gazelle binaries: {e} "
                         f"{err.decode(errors='replace')[-1000:]}"}
    n, runs = cfg["gazelle_dirs"], cfg["gazelle_runs"]
    work = base / f"dirs{n}"    # one per size (see bazel_bench.run)
    template = work / "template"
    log(f"gazelle: generating {n} directories")
    counts = generate(template, n)
    callgrind_runs = cfg.get("gazelle_callgrind_runs", 3) \
        if shutil.which("valgrind") else 0
    cmd_args, samples, rules, ir_runs = measure_runs(
        binaries, template, work, runs, log, callgrind_runs)
    ir = {name: int(measure.median(v)) for name, v in ir_runs.items()}
    written = rules.pop("build_files_written", 0)
    out = {"dirs": n, "generated": counts, "runs": runs,
           "build_files_written": written,
           "binaries": {k: str(v) for k, v in binaries.items()},
           "baseline": f"gazelle/build.sh with -tags={BASELINE_TAG}",
           "args": cmd_args, "samples": samples, "rules": rules}
    if ir:
        out["instructions_again"] = ir
        out["instructions_again_runs"] = ir_runs
        out["overhead_again_ir_pct"] = 100 * (ir[WITH] / ir[WITHOUT] - 1)
    keys = ("wall_s", "cpu_s", "user_s", "sys_s", "max_rss_kib")
    med = {name: {phase: {k: measure.median([s[k] for s in v])
                          for k in keys}
                  for phase, v in s.items()} for name, s in samples.items()}
    out["median"] = med
    out.update(overheads(med[WITHOUT], med[WITH], n, counts["extensions"]))
    out["others"] = {name: overheads(med[WITHOUT], med[name], n,
                                     counts["extensions"])
                     for name in med if name not in (WITH, WITHOUT)}
    out["markdown"] = markdown(out)
    return out


def overheads(b: dict, w: dict, n: int, extensions: int) -> dict:
    """w's cost over b, in % and absolute, for both runs."""
    out = {}
    for phase, suffix in (("first", ""), ("again", "_again")):
        out[f"overhead{suffix}_pct"] = 100 * (w[phase]["wall_s"]
                                              / b[phase]["wall_s"] - 1)
        out[f"overhead{suffix}_cpu_pct"] = 100 * (w[phase]["cpu_s"]
                                                  / b[phase]["cpu_s"] - 1)
        # The absolute cost, per directory of the tree and per extension.
        extra = w[phase]["cpu_s"] - b[phase]["cpu_s"]
        out[f"extra_cpu{suffix}_us_per_dir"] = 1e6 * extra / n
        out[f"extra_cpu{suffix}_us_per_extension"] = (
            1e6 * extra / max(extensions, 1))
        out[f"extra_rss{suffix}_mib"] = (w[phase]["max_rss_kib"]
                                         - b[phase]["max_rss_kib"]) / 1024
    return out


def overhead_text(name: str, o: dict) -> str:
    return (f"{name}'s overhead on the first run: {o['overhead_pct']:+.1f}% "
            f"wall time, {o['overhead_cpu_pct']:+.1f}% CPU time "
            f"({o['extra_cpu_us_per_dir']:.0f} µs of CPU per directory of "
            f"the tree, {o['extra_cpu_us_per_extension']:.0f} µs per "
            f"extension), {o['extra_rss_mib']:+.0f} MiB peak memory. On the "
            f"second run: {o['overhead_again_pct']:+.1f}% wall time, "
            f"{o['overhead_again_cpu_pct']:+.1f}% CPU time "
            f"({o['extra_cpu_again_us_per_dir']:.0f} µs per directory, "
            f"{o['extra_cpu_again_us_per_extension']:.0f} µs per extension), "
            f"{o['extra_rss_again_mib']:+.0f} MiB.")


def markdown(out) -> str:
    g = out["generated"]
    n = g["dirs"]
    med = out["median"]
    b, w = med[WITHOUT], med[WITH]
    written = out.get("build_files_written", 0)
    lines = [
        f"A generated monorepo of {n:,} directories "
        f"({g['files']:,} files; {g['extensions']:,} C extensions, a tenth "
        f"of the directories; {g['programs']} programs), "
        "`bench/gazelle_bench.py`. Gazelle runs as a separate process, with "
        "`" + " ".join(out["args"]) + "`, on a copy of it put back between "
        "runs. "
        "*with* is `gazelle/build.sh`'s binary (Gazelle's default languages "
        "visibility, proto, go, plus py_static); *without* is the same "
        f"program built by the same script with `-tags={BASELINE_TAG}`, "
        "which leaves py_static out and nothing else. The first run starts "
        "from the generated tree; the second runs both binaries on the tree "
        "the first run with py_static left (its BUILD files loaded, nothing "
        "to write: checked). Each binary runs once untimed first; the rounds "
        f"alternate which goes first. Medians of {out['runs']} run(s); CPU is "
        "user + system time; peak memory is the process's maximum RSS.",
        "",
        "| Gazelle | run | wall (s) | CPU (s) | user (s) | system (s) "
        "| peak RSS (MiB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, phases in med.items():
        for phase, label in (("first", "first (generated tree)"),
                             ("again", "second (py_static's BUILD files, "
                                       "nothing to change)")):
            m = phases[phase]
            lines.append(f"| {name} | {label} | {m['wall_s']:.2f} | "
                         f"{m['cpu_s']:.2f} | {m['user_s']:.2f} | "
                         f"{m['sys_s']:.2f} | "
                         f"{m['max_rss_kib'] / 1024:.0f} |")
    lines += ["", overhead_text("py_static", out)]
    for name, o in out.get("others", {}).items():
        lines += ["", overhead_text(name, o)]
    ir = out.get("instructions_again")
    if ir:
        base_ir = ir[WITHOUT]
        runs_ir = len(next(iter(out["instructions_again_runs"].values())))
        lines += ["", "Instructions of the second run, under callgrind "
                  f"(median of {runs_ir} run(s) each): " + "; ".join(
                      f"{name} {n / 1e9:.3f} G"
                      + ("" if name == WITHOUT else
                         f" ({100 * (n / base_ir - 1):+.1f}%)")
                      for name, n in ir.items()) + "."]
    lines += [
        "",
        "What the percentages are relative to: without py_static, Gazelle "
        "finds no Go or proto file in this tree, so on the first run it only "
        f"walks it: {1e6 * b['first']['cpu_s'] / n:.0f} µs of CPU per "
        "directory, so the 10% target allows "
        f"{1e5 * b['first']['cpu_s'] / n:.0f} µs per directory, "
        f"{1e5 * b['first']['cpu_s'] / max(g['extensions'], 1):.0f} µs per "
        "extension. With py_static, the first run also has Gazelle create, "
        f"format and write {written:,} BUILD files and keep their "
        "syntax trees (with the go language's empty rules and the "
        "configuration of each of those directories) until it resolves "
        "dependencies: work any language that generates rules causes; it "
        f"shows in the system time ({w['first']['sys_s']:.2f} s against "
        f"{b['first']['sys_s']:.2f} s). The second run compares the two on "
        "the same BUILD files, so its difference is py_static's own work: "
        "reading and scanning each C/C++ file once, generating, merging and "
        "resolving its rules.",
    ]
    if written:
        lines += ["", "Rules the run with py_static wrote: " + ", ".join(
            f"{v:,} `{k}`" for k, v in sorted(out["rules"][WITH].items()))
            + "."]
    return "\n".join(lines)


def main(argv=None) -> int:
    import argparse
    import json
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dirs", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", help="also write the results to this file")
    ap.add_argument("--callgrind-runs", type=int, default=3,
                    help="runs under callgrind per binary (0: none)")
    ap.add_argument("--also", action="append", default=[],
                    metavar="NAME=PATH", help="also measure this gazelle "
                    "binary in the same rounds (e.g. an older commit's "
                    "gazelle/build.sh output)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(REPO / "tests" / "runtime"))
    start = time.time()
    out = run({"gazelle_dirs": args.dirs, "gazelle_runs": args.runs,
               "gazelle_callgrind_runs": args.callgrind_runs},
              lambda msg: print(msg, file=sys.stderr, flush=True),
              others=dict(a.split("=", 1) for a in args.also))
    if "error" in out:
        print(out["error"], file=sys.stderr)
        return 1
    print(out["markdown"])
    print(f"\n({time.time() - start:.0f} s)", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1, default=str)
                                   + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
