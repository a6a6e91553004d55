#!/usr/bin/env python3
"""Bazel builds of a py_static_binary with many extensions: Bazel 7.7.1
through tools/bazel.sh, bzlmod (a MODULE.bazel with a bazel_dep on
rules_pystatic), offline.

    python3 bench/bazel_bench.py [--extensions 500] [--python 3.12]
        [--mode bzlmod|bzlmod7|workspace] [--output FILE]

Runs inside the Bazel 7 root (tools/bazel7/), where Bazel 7.7.1 runs and the
binaries it builds run too; started on the host, it re-runs itself there.
bench/run.sh runs it as its bazel part (N = 500; --quick: 20).

A generated module (generate()): N py_static_extension targets
`//pkgK/sub:modI` (module pkgK.sub.modI, the same generated sources as the
runtime benchmarks: bench/c/benchmod.c with the defines written in) and one
py_static_binary `//app` that depends on all of them and imports them all.
Its MODULE.bazel takes rules_pystatic with bazel_dep + local_path_override
(this checkout; tools/bazel.sh also passes --override_module to the same
path) and a local CPython through the python extension's `python.local`, as
examples/bzlmod does. --mode is tools/bazel.sh's PYSTATIC_BAZEL_MODE: bzlmod
(the default: with the Bazel 8/9 flags that 7.7.1 has), bzlmod7 (7.7.1's own
defaults) or workspace (a WORKSPACE instead, --noenable_bzlmod).

  cold:    a fresh output base, no disk cache (--disk_cache=): the whole build,
           Bazel's start and the module resolution included;
  no-op:   the same build again;
  touch:   one extension's source changes (a new constant, so its object
           really changes), rebuild: which actions ran (from
           --execution_log_json_file, tests/integration/bazel.py's reader);
  link:    the binary's CppLink action's time in the touched rebuild
           (--profile);
  size:    the binary against the same program without extensions, and
           against the sum of the same extensions built as .so files
           (output group shared_library).

Prints the Markdown that bench/report.py puts on the page; writes the results
as JSON to --output (default bench/results/bazel-<UTC timestamp>.json).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO / "tests" / "integration"))
sys.path.insert(0, str(REPO / "tests" / "runtime"))
import bazel  # noqa: E402  (tests/integration/bazel.py)
import root  # noqa: E402  (bench/root.py: the Bazel 7 root)
from driver import is_multi_phase, module_name  # noqa: E402

BENCHMOD = (BENCH / "c" / "benchmod.c").read_text()
MODES = ("bzlmod", "bzlmod7", "workspace")


def generate(ws: Path, n: int, version: str, mode: str = "bzlmod") -> list:
    """Writes the module (or, for mode workspace, the WORKSPACE); returns the
    extensions' labels."""
    if ws.exists():
        shutil.rmtree(ws)
    ws.mkdir(parents=True)
    if mode == "workspace":
        (ws / "WORKSPACE").write_text(f'''workspace(name = "pystatic_bench")

local_repository(
    name = "rules_pystatic",
    path = "{REPO}",
)

load("@rules_pystatic//toolchain:repositories.bzl", "pystatic_python_toolchains")

pystatic_python_toolchains(
    default = "{version}",
    versions = ["{version}"],
)
''')
    else:
        (ws / "MODULE.bazel").write_text(f'''module(name = "pystatic_bench")

bazel_dep(name = "rules_pystatic", version = "0.1.0")
local_path_override(
    module_name = "rules_pystatic",
    path = "{REPO}",
)

python = use_extension("@rules_pystatic//toolchain:extensions.bzl", "python")
python.local(
    default = True,
    version = "{version}",
)
use_repo(python, "pystatic_pythons")

register_toolchains("@pystatic_pythons//:all")
''')
    (ws / "BUILD.bazel").write_text("")
    packages = {}
    for i in range(n):
        name = module_name(i)
        *pkg, short = name.split(".")
        packages.setdefault("/".join(pkg), []).append((i, name, short))
    labels = []
    for pkg, mods in packages.items():
        d = ws / pkg
        d.mkdir(parents=True)
        rules = ['load("@rules_pystatic//rules:defs.bzl", '
                 '"py_static_extension")', ""]
        for i, name, short in mods:
            (d / f"{short}.c").write_text(
                f"#define BENCH_SHORT {short}\n"
                f'#define BENCH_FULL "{name}"\n'
                f"#define BENCH_INDEX {i}\n"
                f"#define BENCH_MULTI {int(is_multi_phase(i))}\n"
                + BENCHMOD)
            rules += ["py_static_extension(",
                      f'    name = "{short}",',
                      f'    srcs = ["{short}.c"],',
                      f'    module = "{name}",',
                      '    visibility = ["//visibility:public"],',
                      ")", ""]
            labels.append(f"//{pkg}:{short}")
        (d / "BUILD.bazel").write_text("\n".join(rules))
    app = ws / "app"
    app.mkdir()
    (app / "main.py").write_text(
        "import importlib\n"
        f"names = {[module_name(i) for i in range(n)]!r}\n"
        "for i, name in enumerate(names):\n"
        "    assert importlib.import_module(name).index() == i, name\n"
        "print(len(names), 'modules')\n")
    deps = "".join(f'        "{label}",\n' for label in labels)
    (app / "BUILD.bazel").write_text(
        'load("@rules_pystatic//rules:defs.bzl", "py_static_binary")\n\n'
        "py_static_binary(\n"
        '    name = "app",\n'
        '    srcs = ["main.py"],\n'
        '    main = "main.py",\n'
        f"    deps = [\n{deps}    ],\n)\n\n"
        "# The same program with no extension, for the size difference.\n"
        "py_static_binary(\n"
        '    name = "empty",\n'
        '    srcs = ["empty.py"],\n'
        '    main = "empty.py",\n'
        ")\n")
    (app / "empty.py").write_text("pass\n")
    return labels


def mnemonics(spawns) -> dict:
    out = {}
    for s in spawns:
        m = s.get("mnemonic", "?")
        out[m] = out.get(m, 0) + 1
    return out


def profile_actions(profile: Path) -> list:
    """(mnemonic, description, seconds) of every action a --profile (Bazel's
    JSON trace) shows Bazel executing: its "action processing" events, which
    include actions that are not spawns (FileWrite, the workspace status);
    Bazel 7 gives the mnemonic in args."""
    opener = gzip.open if profile.suffix == ".gz" else open
    with opener(profile, "rt") as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    return [((e.get("args") or {}).get("mnemonic", "?"), e.get("name", ""),
             e.get("dur", 0) / 1e6)
            for e in events
            if e.get("ph") == "X" and e.get("cat") == "action processing"]


def link_seconds(actions, path="app/app"):
    """The binary's link (CppLink "Linking app/app") among profile_actions."""
    return max((s for m, name, s in actions
                if m in ("CppLink", "?")
                and name.split(" [")[0] == "Linking " + path),
               default=None)


def bazel_version() -> str:
    """"Bazel 7.7.1" (Debian's build answers `bazel version` with "Version
    information not available"; `bazel --version` knows)."""
    proc = subprocess.run(["bazel", "--version"], capture_output=True,
                          text=True)
    words = proc.stdout.split()
    return "Bazel " + (words[-1] if proc.returncode == 0 and words else "?")


def measure(n: int, version: str, mode: str, log) -> dict:
    import harness
    if not root.inside():
        raise RuntimeError("bench/bazel_bench.py measures inside the Bazel 7 "
                           "root (bash tools/bazel7/enter.sh python3 "
                           "bench/bazel_bench.py)")
    # One directory per size and mode, so a quick run does not delete
    # (slowly) what a full run left, and the other way round.
    work = harness.cache_dir() / "bench" / "bazel7" / f"{mode}-n{n}"
    ws = work / "ws"
    log(f"bazel: generating a {mode} workspace with {n} extensions")
    generate(ws, n, version, mode)
    ob = work / "output_base"
    if ob.exists():
        subprocess.run(["chmod", "-R", "u+w", str(ob)], check=False)
        shutil.rmtree(ob, ignore_errors=True)
    startup = [f"--output_base={ob}", "--max_idle_secs=60"]
    out = {"extensions": n, "python": version, "mode": mode,
           "workspace": str(ws)}

    def build(args, **kw):
        return bazel.run(args, cwd=ws, startup=startup, mode=mode, **kw)
    try:
        log("bazel: cold build (fresh output base, no disk cache)")
        t = time.perf_counter()
        build(["build", "//app", "--disk_cache=",
               f"--execution_log_json_file={work / 'cold.json'}",
               f"--profile={work / 'cold.profile.gz'}"],
              timeout=5400)
        out["cold_seconds"] = time.perf_counter() - t
        out["cold_actions"] = mnemonics(bazel.executed_spawns(
            work / "cold.json"))
        # Every action, spawns or not (FileWrite, symlinks, ...).
        out["cold_profile_actions"] = mnemonics(
            {"mnemonic": mn} for mn, _, _ in profile_actions(
                work / "cold.profile.gz"))
        out["bazel"] = bazel_version()
        info = build(["info", "bazel-bin"])
        bin_dir = Path(info.stdout.strip().splitlines()[-1])
        binary = bin_dir / "app" / "app"
        out["binary_bytes"] = binary.stat().st_size
        proc = subprocess.run([str(binary)], capture_output=True, text=True,
                              timeout=300)
        out["binary_output"] = proc.stdout.strip()
        if proc.returncode != 0 or proc.stdout.strip() != f"{n} modules":
            raise RuntimeError(f"//app did not import its modules: "
                               f"{proc.stdout}{proc.stderr[-2000:]}")

        log("bazel: no-op rebuild")
        t = time.perf_counter()
        build(["build", "//app", "--disk_cache="])
        out["noop_seconds"] = time.perf_counter() - t

        touched = ws / "pkg0" / "sub" / "mod1.c"
        touched.write_text(touched.read_text() +
                           "\nconst int bench_touched = 1;\n")
        log("bazel: rebuild after changing one extension's source")
        t = time.perf_counter()
        build(["build", "//app", "--disk_cache=",
               f"--execution_log_json_file={work / 'touch.json'}",
               f"--profile={work / 'touch.profile.gz'}"])
        out["touch_seconds"] = time.perf_counter() - t
        spawns = bazel.executed_spawns(work / "touch.json")
        m = mnemonics(spawns)
        # Writes of the registry and program sources are actions but not
        # spawns: the profile shows whether Bazel ran them.
        actions = profile_actions(work / "touch.profile.gz")
        writes = [name for mn, name, _ in actions if mn == "FileWrite"]
        out["touch"] = {"mnemonics": m, "actions": len(spawns),
                        "compiles": m.get("CppCompile", 0),
                        "isolates": m.get("PyStaticIsolate", 0),
                        "links": m.get("CppLink", 0),
                        "registry_writes": len(writes),
                        "file_writes": writes,
                        "profile_actions": [[mn, name, round(s, 3)]
                                            for mn, name, s in actions],
                        "outputs": sorted(o for s in spawns
                                          for o in bazel.spawn_outputs(s))}
        out["link_seconds"] = link_seconds(actions)
        proc = subprocess.run([str(binary)], capture_output=True, text=True,
                              timeout=300)
        if proc.returncode != 0 or proc.stdout.strip() != f"{n} modules":
            raise RuntimeError(f"//app after the touch: {proc.stdout}"
                               f"{proc.stderr[-2000:]}")

        build(["build", "//app:empty"])
        out["empty_binary_bytes"] = (bin_dir / "app" / "empty").stat().st_size

        log("bazel: the same extensions as .so files")
        targets = [f"//pkg{k}/sub:all" for k in range((n + 99) // 100)]
        build(["build", "--output_groups=shared_library", "--disk_cache=",
               *targets], timeout=5400)
        so = list(bin_dir.glob("pkg*/sub/**/*.so"))
        out["so_count"] = len(so)
        out["so_sum_bytes"] = sum(p.stat().st_size for p in so)
        if len(so) != n:
            raise RuntimeError(f"expected {n} .so files under {bin_dir}, "
                               f"found {len(so)}")
    except (AssertionError, RuntimeError, OSError,
            subprocess.TimeoutExpired) as e:
        out["error"] = f"{type(e).__name__}: {str(e)[-3000:]}"
    finally:
        build(["shutdown"], check=False)
    if "error" not in out:
        out["markdown"] = markdown(out)
    return out


def run(cfg, log, version="3.12", output=None) -> dict:
    """For bench/run.py: runs main() inside the Bazel 7 root and returns
    its results (or {"error": ...})."""
    output = output or BENCH / "results" / "bazel-latest.json"
    return root.run_part("bazel", Path(__file__), [
        "--extensions", cfg["bazel_extensions"], "--python", version],
        output, log)


MODE_TEXT = {
    "bzlmod": "bzlmod (`MODULE.bazel`: `bazel_dep` on rules_pystatic with "
              "`local_path_override`, `python.local`; `--noenable_workspace` "
              "and the Bazel 8/9 flags 7.7.1 has, as the tests run)",
    "bzlmod7": "bzlmod (`MODULE.bazel`: `bazel_dep` on rules_pystatic with "
               "`local_path_override`, `python.local`; Bazel 7.7.1's own "
               "defaults)",
    "workspace": "WORKSPACE mode (`local_repository` and "
                 "`pystatic_python_toolchains`; `--noenable_bzlmod`)",
}


def markdown(o) -> str:
    cold = ", ".join(f"{v} {k}" for k, v in sorted(o["cold_actions"].items()))
    touch = ", ".join(f"{v} {k}" for k, v in sorted(
        o["touch"]["mnemonics"].items())) or "none"
    added = o["binary_bytes"] - o["empty_binary_bytes"]
    other = {k: v - o["cold_actions"].get(k, 0) for k, v in
             o.get("cold_profile_actions", {}).items()
             if v > o["cold_actions"].get(k, 0)}
    if other:
        cold += " (and, not spawns, from `--profile`: " + ", ".join(
            f"{v} {k}" for k, v in sorted(other.items())) + ")"
    return "\n".join([
        "A generated "
        + ("workspace" if o.get("mode") == "workspace" else "module")
        + f" (`bench/bazel_bench.py`): {o['extensions']} "
        "`py_static_extension` targets (the runtime benchmark's modules) "
        "and one `py_static_binary` depending on all of them; "
        f"{o.get('bazel', 'Bazel')} (Debian's, in the Bazel 7 root) through "
        f"`tools/bazel.sh`, {MODE_TEXT.get(o.get('mode'), o.get('mode'))}; "
        f"CPython {o['python']}, fastbuild, offline, on the same 2-core "
        "machine. The actions that ran are the spawns in "
        "`--execution_log_json_file` (a cache hit is not counted). The "
        "registry and program sources are written by `ctx.actions.write`, "
        "which is not a spawn; `--profile` shows whether Bazel ran it: in "
        "the rebuild, "
        + (f"{len(o['touch']['file_writes'])} such write(s) ran"
           if o["touch"].get("file_writes") else
           "none ran (when one extension's source changes, the registry's "
           "content does not, so it is neither written nor compiled again)")
        + ".",
        "",
        "| build | wall (s) | actions that ran |",
        "|---|---|---|",
        "| cold (fresh output base: Bazel's start and "
        + ("the WORKSPACE's evaluation" if o.get("mode") == "workspace"
           else "the module resolution")
        + f" included; no disk cache) | {o['cold_seconds']:.1f} "
        f"| {cold} |",
        f"| no-op | {o['noop_seconds']:.1f} | none |",
        f"| after changing one extension's source | {o['touch_seconds']:.1f} "
        f"| {touch} |",
        "",
        "The link of the binary in that rebuild: "
        + (f"{o['link_seconds']:.2f} s (CppLink, from `--profile`)."
           if o.get("link_seconds") else "not found in the profile."),
        "",
        f"Binary: {o['binary_bytes']:,} bytes (it runs and imports all "
        f"{o['extensions']} modules: \"{o['binary_output']}\"). The same "
        f"extensions as {o['so_count']} `.so` files: "
        f"{o['so_sum_bytes']:,} bytes in all. The same program without "
        f"extensions: {o['empty_binary_bytes']:,} bytes, so the "
        f"{o['extensions']} extensions and their registry add "
        f"{added:,} bytes to the binary "
        f"({added / o['so_sum_bytes']:.2f}x the sum of the .so files, "
        "which each carry ELF headers, dynamic symbol tables and PLT/GOT "
        "of their own).",
    ])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extensions", type=int, default=500)
    ap.add_argument("--python", default="3.12")
    ap.add_argument("--mode", default="bzlmod", choices=MODES,
                    help="tools/bazel.sh's PYSTATIC_BAZEL_MODE")
    ap.add_argument("--output", type=Path)
    args = ap.parse_args(argv)
    root.reexec(__file__, sys.argv[1:] if argv is None else argv)

    def log(msg):
        print(f"[bazel_bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)
    out = measure(args.extensions, args.python, args.mode, log)
    out["date"] = datetime.datetime.now(datetime.timezone.utc).isoformat(
        timespec="seconds")
    output = args.output or BENCH / "results" / "bazel-{}.json".format(
        out["date"].replace(":", "").replace("+0000", "Z"))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(out.get("markdown") or out["error"])
    print("wrote", output)
    # The error is in the results too: bench/run.py puts it on the page.
    return 1 if "error" in out else 0


if __name__ == "__main__":
    sys.exit(main())
