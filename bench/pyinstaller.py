#!/usr/bin/env python3
"""The example app as one file: rules_pystatic's single-file binary against PyInstaller.

    bash tools/bazel7/enter.sh python3 bench/pyinstaller.py [--runs 21] [--no-callgrind]

Runs inside the Bazel 7 root (binaries built there run there). Builds, with
CPython 3.12 and `-c opt`:

- examples/monorepo's //ship:app_single_file with `--strip=always` (Bazel's
  own flag: no debug sections, as a file to ship has), at its defaults
  (pack_stdlib = "imported", pack_sources = "none"), and the same target
  with the whole stdlib and its sources (`pack_stdlib = "all"`,
  `pack_sources = "all"`, what single-file packed before the module graph);
- PyInstaller `--onefile` and `--onedir` (PyInstaller from PyPI, pinned
  below, installed into the cache) over the same program: app/__main__.py
  with the monorepo's extensions as ordinary .so files (the runfiles of
  //dynamic:dynamic_test, the same py_static_extension targets built
  shared), on the same CPython 3.12 (pyenv's, which has the shared libpython
  PyInstaller needs).

Measures each: size on disk (onedir: the whole directory), start-up wall time
(median of interleaved runs of the app, which prints its lines and exits),
and instructions (valgrind --tool=callgrind, every process: PyInstaller's
onefile bootloader runs the program in a child). valgrind is installed into
the root with apt if missing.

Also measures what compressing the pack would cost at start-up: the
instructions zlib takes to inflate the bytecode of the modules the app
imports, against the whole start-up (docs/single_file.md, "Compression").

Prints a table; writes bench/results/pyinstaller-<UTC timestamp>.json (or
--output): {date, python, pyinstaller, runs, rows: {name: {bytes,
wall_ms, instructions}}, compression: {...}}.
"""

import argparse
import datetime
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
BAZEL = ROOT / "tools" / "bazel.sh"
EXAMPLE = ROOT / "examples" / "monorepo"
RESULTS = ROOT / "bench" / "results"
CACHE = pathlib.Path(os.environ.get("PYSTATIC_CACHE", pathlib.Path.home() / ".cache" / "rules_pystatic"))
PYINSTALLER = "pyinstaller==6.22.3"
PYTHON_VERSION = "3.12"
FLAGS = ["-c", "opt", "--strip=always", "--@rules_pystatic//toolchain:python_version=" + PYTHON_VERSION]


def sh(args, **kwargs):
    result = subprocess.run([str(a) for a in args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, **kwargs)
    if result.returncode != 0:
        sys.exit("{} failed:\n{}".format(" ".join(map(str, args)), result.stdout[-4000:]))
    return result.stdout


def bazel_bin():
    out = sh([BAZEL, "info", "bazel-bin", *FLAGS], cwd=EXAMPLE)
    return pathlib.Path(out.strip().splitlines()[-1])


def pyenv_python():
    root = pathlib.Path(os.environ.get("PYENV_ROOT", pathlib.Path.home() / ".pyenv"))
    for candidate in sorted(root.glob("versions/{}.*/bin/python{}".format(PYTHON_VERSION, PYTHON_VERSION))):
        return candidate
    sys.exit("bench/pyinstaller.py: no pyenv CPython {} (tools/setup.sh installs it)".format(PYTHON_VERSION))


def install_pyinstaller(python):
    target = CACHE / "bench-pyinstaller" / PYTHON_VERSION
    if (target / ".pins").exists() and (target / ".pins").read_text() == PYINSTALLER:
        return target
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    sh([python, "-m", "pip", "install", "--quiet", "--no-input", "--disable-pip-version-check",
        "--target", tmp, PYINSTALLER], env={**os.environ, "PIP_ROOT_USER_ACTION": "ignore"})
    (tmp / ".pins").write_text(PYINSTALLER)
    shutil.rmtree(target, ignore_errors=True)
    tmp.rename(target)
    return target


def ensure_valgrind():
    if shutil.which("valgrind"):
        return
    print("bench: installing valgrind into the Bazel 7 root", file=sys.stderr)
    sh(["apt-get", "install", "-y", "-qq", "valgrind"], env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


def build_single_file(work):
    """{name: path}: the single-file app at its defaults and with everything packed."""
    sh([BAZEL, "build", *FLAGS, "//ship:app_single_file"], cwd=EXAMPLE)
    out = {"rules_pystatic single file": work / "app_single_file"}
    shutil.copy2(bazel_bin() / "ship" / "app_single_file", out["rules_pystatic single file"])
    # The same target with the whole stdlib and its sources: a copy of the
    # example's ship/ package with the two attributes set.
    everything = EXAMPLE / "ship_everything"
    shutil.rmtree(everything, ignore_errors=True)
    everything.mkdir()
    try:
        text = (EXAMPLE / "ship" / "BUILD.bazel").read_text()
        text = text.replace("    single_file = True,",
                            '    pack_sources = "all",\n    pack_stdlib = "all",\n    single_file = True,')
        (everything / "BUILD.bazel").write_text(text)
        os.symlink("../app/__main__.py", everything / "app_main.py")
        sh([BAZEL, "build", *FLAGS, "//ship_everything:app_single_file"], cwd=EXAMPLE)
        name = "rules_pystatic single file, whole stdlib + sources"
        out[name] = work / "app_single_file_everything"
        shutil.copy2(bazel_bin() / "ship_everything" / "app_single_file", out[name])
    finally:
        shutil.rmtree(everything, ignore_errors=True)
    return out


def build_pyinstaller(work, python):
    """{name: (path to run, path to size)} for --onefile and --onedir."""
    sh([BAZEL, "build", *FLAGS, "//dynamic:dynamic_test"], cwd=EXAMPLE)
    runfiles = bazel_bin() / "dynamic" / "dynamic_test.runfiles" / "_main"
    program = work / "program"
    shutil.copytree(runfiles, program, symlinks=False,
                    ignore=shutil.ignore_patterns("dynamic", "_repo_mapping", "MANIFEST"))
    shutil.copy2(EXAMPLE / "app" / "__main__.py", program / "app_main.py")
    site = install_pyinstaller(python)
    env = {**os.environ, "PYTHONPATH": str(site), "PYINSTALLER_CONFIG_DIR": str(work / "pyi-config")}
    out = {}
    for mode in ("onefile", "onedir"):
        dist = work / ("dist-" + mode)
        sh([python, "-m", "PyInstaller", "--" + mode, "--noconfirm", "--log-level=WARN",
            "--name", "app", "--paths", program, "--distpath", dist,
            "--workpath", work / ("build-" + mode), "--specpath", work / ("spec-" + mode),
            program / "app_main.py"], env=env, cwd=work)
        if mode == "onefile":
            out["PyInstaller --onefile"] = (dist / "app", dist / "app")
        else:
            out["PyInstaller --onedir"] = (dist / "app" / "app", dist / "app")
    return out


def size_of(path):
    path = pathlib.Path(path)
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def wall_ms(binaries, runs, cwd):
    times = {name: [] for name in binaries}
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "TMPDIR": str(cwd)}
    for _ in range(runs):
        for name, binary in binaries.items():     # interleaved: noise hits all alike
            start = time.perf_counter()
            result = subprocess.run([str(binary)], cwd=cwd, env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE)
            times[name].append((time.perf_counter() - start) * 1000)
            if result.returncode != 0:
                sys.exit("{} failed: {}".format(name, result.stderr.decode()[-2000:]))
    return {name: statistics.median(t) for name, t in times.items()}


def instructions(binary, cwd):
    """Instructions of every process the run starts (callgrind, --trace-children)."""
    with tempfile.TemporaryDirectory(dir=cwd) as out:
        subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                        "--callgrind-out-file=" + out + "/cg.%p", str(binary)],
                       cwd=cwd, env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "TMPDIR": out},
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True)
        total = 0
        for f in pathlib.Path(out).glob("cg.*"):
            for line in f.read_text(errors="replace").splitlines():
                if line.startswith("summary:") or line.startswith("totals:"):
                    total += int(line.split()[1])
                    break
        return total


def compression_cost(work, python):
    """Instructions to inflate the bytecode of what the app imports, from a
    zlib stream, against marshal.loads of the same bytes: run under callgrind
    with a Python that does only that."""
    script = work / "inflate.py"
    script.write_text("""
import marshal, sys, zlib, importlib.util
names = sys.argv[2:]
blobs = []
for n in names:
    spec = importlib.util.find_spec(n)
    if spec is None or not spec.origin or not spec.origin.endswith('.py'):
        continue
    code = compile(open(spec.origin, 'rb').read(), spec.origin, 'exec')
    blobs.append(marshal.dumps(code))
packed = [zlib.compress(b, 6) for b in blobs]
if sys.argv[1] == 'inflate':
    for p in packed:
        zlib.decompress(p)
print(sum(map(len, blobs)), sum(map(len, packed)))
""")
    # The stdlib modules the app imports at start-up, as the app reports them.
    names = sh([python, "-I", "-X", "importtime", "-c",
                "import importlib.util, pickle, sys"], env={}).splitlines()
    imported = sorted({line.split("|")[-1].strip() for line in
                       subprocess.run([python, "-I", "-X", "importtime", "-c", "import importlib.util, pickle"],
                                      stderr=subprocess.PIPE, text=True).stderr.splitlines()
                       if "|" in line and "import time:" in line and "self" not in line})
    del names
    counts = {}
    for mode in ("baseline", "inflate"):
        counts[mode] = instructions_of([python, "-I", script, mode, *imported], work)
    raw, compressed = map(int, sh([python, "-I", script, "baseline", *imported]).split())
    return {"modules": len(imported), "bytecode_bytes": raw, "compressed_bytes": compressed,
            "inflate_instructions": counts["inflate"] - counts["baseline"]}


def instructions_of(argv, cwd):
    with tempfile.TemporaryDirectory(dir=cwd) as out:
        subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out + "/cg",
                        *map(str, argv)], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       check=True)
        for line in (pathlib.Path(out) / "cg").read_text(errors="replace").splitlines():
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError("no callgrind total")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--no-callgrind", action="store_true")
    parser.add_argument("--output", type=pathlib.Path)
    args = parser.parse_args(argv)
    if not pathlib.Path("/.pystatic-bazel7").exists():
        sys.exit("run inside the Bazel 7 root: bash tools/bazel7/enter.sh python3 bench/pyinstaller.py")
    python = pyenv_python()
    if not args.no_callgrind:
        ensure_valgrind()
    with tempfile.TemporaryDirectory(prefix="pystatic-pyinstaller-") as tmp:
        work = pathlib.Path(tmp)
        ours = build_single_file(work)
        theirs = build_pyinstaller(work, python)
        run_paths = {**ours, **{n: p[0] for n, p in theirs.items()}}
        size_paths = {**ours, **{n: p[1] for n, p in theirs.items()}}
        rundir = work / "run"
        rundir.mkdir()
        walls = wall_ms(run_paths, args.runs, rundir)
        rows = {}
        for name in run_paths:
            rows[name] = {"bytes": size_of(size_paths[name]), "wall_ms": round(walls[name], 2)}
            if not args.no_callgrind:
                rows[name]["instructions"] = instructions(run_paths[name], rundir)
        compression = None if args.no_callgrind else compression_cost(work, python)
    result = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "python": PYTHON_VERSION, "pyinstaller": PYINSTALLER, "runs": args.runs,
        "rows": rows, "compression": compression,
    }
    print_table(result)
    RESULTS.mkdir(parents=True, exist_ok=True)
    output = args.output or RESULTS / "pyinstaller-{}.json".format(result["date"].replace(":", ""))
    output.write_text(json.dumps(result, indent=2) + "\n")
    print("wrote", output)
    return 0


def print_table(result):
    ours = result["rows"]["rules_pystatic single file"]
    print("{:<52} {:>10} {:>10} {:>15}".format("binary (example app, CPython 3.12)", "MB", "wall ms",
                                               "instructions"))
    for name, row in result["rows"].items():
        print("{:<52} {:>10.1f} {:>10.1f} {:>15}".format(name, row["bytes"] / 1e6, row["wall_ms"],
                                                         "{:,}".format(row.get("instructions", 0))))
    onefile = result["rows"].get("PyInstaller --onefile")
    if onefile:
        print("single file vs --onefile: size {:.2f}x, wall {:.1f}x faster".format(
            ours["bytes"] / onefile["bytes"], onefile["wall_ms"] / ours["wall_ms"]))
    c = result["compression"]
    if c:
        start = ours.get("instructions") or 1
        print("compressing the bytecode of the {} modules imported at start-up: {:,} -> {:,} bytes, "
              "inflating costs {:,} instructions ({:.1%} of the single file's start-up)".format(
                  c["modules"], c["bytecode_bytes"], c["compressed_bytes"], c["inflate_instructions"],
                  c["inflate_instructions"] / start))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
