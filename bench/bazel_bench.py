"""Bazel builds of a py_static_binary with many extensions (Bazel 4.2.3
through tools/bazel.sh, WORKSPACE mode, offline).

A generated workspace (generate()): N py_static_extension targets
`//pkgK/sub:modI` (module pkgK.sub.modI, the same generated sources as the
runtime benchmarks: bench/c/benchmod.c with the defines written in) and one
py_static_binary `//app` that depends on all of them and imports them all.

  cold:    a fresh output base, no disk cache (--disk_cache=): the whole build;
  touch:   one extension's source changes (a new constant, so its object
           really changes), rebuild: which actions ran (from
           --execution_log_json_file, tests/integration/bazel.py's reader);
  link:    the CppLink action's time in the touched rebuild (--profile);
  size:    the binary against the sum of the same extensions built as .so
           files (output group shared_library).
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "integration"))
import bazel  # noqa: E402  (tests/integration/bazel.py)

from driver import is_multi_phase, module_name  # noqa: E402

BENCHMOD = (Path(__file__).resolve().parent / "c" / "benchmod.c").read_text()


def generate(root: Path, n: int, version: str) -> list:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "WORKSPACE").write_text(f'''workspace(name = "pystatic_bench")

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
    (root / "BUILD.bazel").write_text("")
    packages = {}
    for i in range(n):
        name = module_name(i)
        *pkg, short = name.split(".")
        packages.setdefault("/".join(pkg), []).append((i, name, short))
    labels = []
    for pkg, mods in packages.items():
        d = root / pkg
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
    app = root / "app"
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


def link_seconds(profile: Path):
    """Duration of the CppLink action(s) in a --profile (JSON trace)."""
    opener = gzip.open if profile.suffix == ".gz" else open
    with opener(profile, "rt") as f:
        data = json.load(f)
    events = data["traceEvents"] if isinstance(data, dict) else data
    total = 0.0
    for e in events:
        if e.get("ph") == "X" and "Linking" in e.get("name", "") \
                and "app" in e.get("name", ""):
            total = max(total, e.get("dur", 0) / 1e6)
    return total or None


def run(cfg, log, version="3.12") -> dict:
    import harness
    if shutil.which("bazel") is None:
        return {"error": "bazel is not installed (tools/setup.sh installs "
                         "Bazel 4.2.3)"}
    n = cfg["bazel_extensions"]
    # One directory per size, so a quick run does not delete (slowly) what
    # a full run left, and the other way round.
    work = harness.cache_dir() / "bench" / "bazel" / f"n{n}"
    ws = work / "ws"
    log(f"bazel: generating a workspace with {n} extensions")
    generate(ws, n, version)
    ob = work / "output_base"
    if ob.exists():
        subprocess.run(["chmod", "-R", "u+w", str(ob)], check=False)
        shutil.rmtree(ob, ignore_errors=True)
    startup = [f"--output_base={ob}", "--max_idle_secs=60"]
    out = {"extensions": n, "python": version, "workspace": str(ws)}
    try:
        log("bazel: cold build (fresh output base, no disk cache)")
        t = time.perf_counter()
        bazel.run(["build", "//app", "--disk_cache=",
                   f"--execution_log_json_file={work / 'cold.json'}"],
                  cwd=ws, startup=startup, timeout=5400)
        out["cold_seconds"] = time.perf_counter() - t
        out["cold_actions"] = mnemonics(bazel.executed_spawns(
            work / "cold.json"))
        info = bazel.run(["info", "bazel-bin"], cwd=ws, startup=startup)
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
        bazel.run(["build", "//app", "--disk_cache="], cwd=ws,
                  startup=startup)
        out["noop_seconds"] = time.perf_counter() - t

        touched = ws / "pkg0" / "sub" / "mod1.c"
        touched.write_text(touched.read_text() +
                           "\nconst int bench_touched = 1;\n")
        log("bazel: rebuild after changing one extension's source")
        t = time.perf_counter()
        bazel.run(["build", "//app", "--disk_cache=",
                   f"--execution_log_json_file={work / 'touch.json'}",
                   f"--profile={work / 'touch.profile.gz'}"],
                  cwd=ws, startup=startup)
        out["touch_seconds"] = time.perf_counter() - t
        spawns = bazel.executed_spawns(work / "touch.json")
        m = mnemonics(spawns)
        out["touch"] = {"mnemonics": m, "actions": len(spawns),
                        "compiles": m.get("CppCompile", 0),
                        "isolates": m.get("PyStaticIsolate", 0),
                        "links": m.get("CppLink", 0),
                        "registry_writes": m.get("FileWrite", 0),
                        "outputs": sorted(o for s in spawns
                                          for o in bazel.spawn_outputs(s))}
        out["link_seconds"] = link_seconds(work / "touch.profile.gz")

        bazel.run(["build", "//app:empty"], cwd=ws, startup=startup)
        out["empty_binary_bytes"] = (bin_dir / "app" / "empty").stat().st_size

        log("bazel: the same extensions as .so files")
        targets = [f"//pkg{k}/sub:all" for k in range((n + 99) // 100)]
        bazel.run(["build", "--output_groups=shared_library", "--disk_cache=",
                   *targets], cwd=ws, startup=startup, timeout=5400)
        so = list(bin_dir.glob("pkg*/sub/**/*.so"))
        out["so_count"] = len(so)
        out["so_sum_bytes"] = sum(p.stat().st_size for p in so)
    except (AssertionError, RuntimeError, OSError,
            subprocess.TimeoutExpired) as e:
        out["error"] = f"{type(e).__name__}: {str(e)[-3000:]}"
    finally:
        bazel.run(["shutdown"], cwd=ws, startup=startup, check=False)
    if "error" not in out:
        out["markdown"] = markdown(out)
    return out


def markdown(o) -> str:
    cold = ", ".join(f"{v} {k}" for k, v in sorted(o["cold_actions"].items()))
    touch = ", ".join(f"{v} {k}" for k, v in sorted(
        o["touch"]["mnemonics"].items()))
    return "\n".join([
        f"A generated workspace (`bench/bazel_bench.py`): {o['extensions']} "
        "`py_static_extension` targets (the runtime benchmark's modules) "
        "and one `py_static_binary` depending on all of them; Bazel 4.2.3 "
        f"through `tools/bazel.sh`, CPython {o['python']}, fastbuild, on "
        "the same 2-core machine; the actions that ran are the spawns in "
        "`--execution_log_json_file` (a cache hit is not counted; the "
        "registry and program sources are `FileWrite`s, which are not "
        "spawns: when one extension's source changes, the registry's "
        "content does not, so it is not compiled again).",
        "",
        "| build | wall (s) | actions that ran |",
        "|---|---|---|",
        f"| cold (fresh output base, no disk cache) | {o['cold_seconds']:.1f} "
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
        f"{o['binary_bytes'] - o['empty_binary_bytes']:,} bytes to the "
        "binary "
        f"({(o['binary_bytes'] - o['empty_binary_bytes']) / o['so_sum_bytes']:.2f}x "
        "the sum of the .so files, which each carry ELF headers, dynamic "
        "symbol tables and PLT/GOT of their own).",
    ])
