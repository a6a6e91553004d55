"""Gazelle on a generated monorepo, with and without the py_static language.

With: the gazelle binary `gazelle/build.sh` builds (Gazelle's default
languages visibility, proto, go, plus py_static).  Without: upstream
Gazelle's own command, `github.com/bazel-contrib/bazel-gazelle/v2/cmd/gazelle`
at the version go.sum pins (the same default languages, nothing else), built
from the Go module cache.  Both are separate processes, so each run's wall
time, CPU time and peak RSS (wait4's ru_maxrss) are its own.

The monorepo (generate()): DIRS directories src/gNN/dNNNNN, each a Python
package (`__init__.py`, `util.py` importing a neighbour); every tenth has a
C extension `_ext<I>.c` (every twentieth also a helper .c/.h pair), every
hundredth a `__main__.py` importing a few extensions.  Each timed run works on
a fresh copy (the copy is not timed): a first run writes the BUILD files, a
second run on its result has nothing to write (the steady state).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import measure

REPO = Path(__file__).resolve().parents[1]
UPSTREAM = "github.com/bazel-contrib/bazel-gazelle/v2/cmd/gazelle"


def build_binaries(work: Path, log) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    ours = work / "gazelle-py_static"
    upstream = work / "gazelle-upstream"
    subprocess.run(["bash", str(REPO / "gazelle" / "build.sh"), str(ours)],
                   check=True, cwd=REPO, capture_output=True)
    env = dict(os.environ, CGO_ENABLED="0")
    subprocess.run(["go", "build", "-trimpath", "-o", str(upstream),
                    UPSTREAM], check=True, cwd=REPO, env=env,
                   capture_output=True)
    return {"without py_static (upstream Gazelle)": upstream,
            "with py_static": ours}


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
    """GNU time's numbers for one run: a child's ru_maxrss as Python sees it
    through wait4 would include the forked Python before exec."""
    report = Path(cwd).parent / "time.txt"
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o",
                           str(report)] + [str(c) for c in cmd], cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env=measure.clean_env())
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({proc.returncode}):\n"
                           f"{proc.stderr.decode(errors='replace')[-2000:]}")
    _, user, system, rss = report.read_text().split()[-4:]
    return {"wall_s": wall, "cpu_s": float(user) + float(system),
            "max_rss_kib": int(rss)}


def count_rules(root: Path) -> dict:
    kinds = {}
    for build in root.rglob("BUILD.bazel"):
        for line in build.read_text().splitlines():
            head = line.split("(", 1)[0]
            if line.endswith("(") and head.isidentifier():
                kinds[head] = kinds.get(head, 0) + 1
    return kinds


def run(cfg, log) -> dict:
    import harness
    base = harness.cache_dir() / "bench" / "gazelle"
    try:
        log("gazelle: building both binaries")
        binaries = build_binaries(base / "bin", log)
    except (OSError, subprocess.CalledProcessError) as e:
        err = getattr(e, "stderr", b"") or b""
        return {"error": f"could not build the gazelle binaries: {e} "
                         f"{err.decode(errors='replace')[-1000:]}"}
    n, runs = cfg["gazelle_dirs"], cfg["gazelle_runs"]
    work = base / f"dirs{n}"    # one per size (see bazel_bench.run)
    template = work / "template"
    log(f"gazelle: generating {n} directories")
    counts = generate(template, n)
    samples = {name: {"first": [], "again": []} for name in binaries}
    rules = {}
    cmd_args = ["-repo_root=.", "-go_prefix=example.com/bench"]
    for r in range(runs):
        for name, binary in binaries.items():
            repo = work / "run"
            if repo.exists():
                shutil.rmtree(repo)
            shutil.copytree(template, repo)
            log(f"gazelle: run {r + 1}/{runs}, {name}")
            samples[name]["first"].append(timed([binary] + cmd_args, repo))
            samples[name]["again"].append(timed([binary] + cmd_args, repo))
            rules[name] = count_rules(repo)
    out = {"dirs": n, "generated": counts, "runs": runs,
           "binaries": {k: str(v) for k, v in binaries.items()},
           "args": cmd_args, "samples": samples, "rules": rules}
    med = {name: {phase: {k: measure.median([s[k] for s in v])
                          for k in ("wall_s", "cpu_s", "max_rss_kib")}
                  for phase, v in s.items()} for name, s in samples.items()}
    out["median"] = med
    base, ours = list(med)
    out["overhead_pct"] = 100 * (med[ours]["first"]["wall_s"]
                                 / med[base]["first"]["wall_s"] - 1)
    out["overhead_cpu_pct"] = 100 * (med[ours]["first"]["cpu_s"]
                                     / med[base]["first"]["cpu_s"] - 1)
    out["markdown"] = markdown(out)
    return out


def markdown(out) -> str:
    g = out["generated"]
    lines = [
        f"A generated monorepo of {g['dirs']:,} directories "
        f"({g['files']:,} files; {g['extensions']:,} C extensions, a tenth "
        f"of the directories; {g['programs']} programs), "
        "`bench/gazelle_bench.py`. Gazelle runs as a separate process on a "
        "fresh copy each time, with `" + " ".join(out["args"]) + "`: "
        "*without* is upstream Gazelle's own command (default languages "
        "visibility, proto, go), *with* is `gazelle/build.sh`'s binary (the "
        "same plus py_static). Medians of "
        f"{out['runs']} run(s); peak memory is the process's maximum RSS.",
        "",
        "| Gazelle | run | wall (s) | CPU (s) | peak RSS (MiB) |",
        "|---|---|---|---|---|",
    ]
    for name, phases in out["median"].items():
        for phase, label in (("first", "first (writes BUILD files)"),
                             ("again", "second (nothing to change)")):
            m = phases[phase]
            lines.append(f"| {name} | {label} | {m['wall_s']:.2f} | "
                         f"{m['cpu_s']:.2f} | {m['max_rss_kib'] / 1024:.0f} |")
    lines += ["", f"py_static's overhead on the first run: "
              f"{out['overhead_pct']:+.1f}% wall time, "
              f"{out['overhead_cpu_pct']:+.1f}% CPU time."]
    with_rules = out["rules"].get("with py_static", {})
    if with_rules:
        lines += ["", "Rules the run with py_static wrote: " + ", ".join(
            f"{v:,} `{k}`" for k, v in sorted(with_rules.items())) + "."]
    return "\n".join(lines)
