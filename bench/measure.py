"""Running the benchmark programs: native runs (wall time of the measured
regions, or of whole processes) and valgrind --tool=callgrind runs
(instruction counts of the regions, or of whole processes)."""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def clean_env() -> dict:
    """The environment without anything that changes how Python starts."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith(("PYSTATIC_", "PYTHON", "RUNFILES_"))}


def median(values):
    return statistics.median(values) if values else None


def run_json(cmd, cwd=None, timeout=1800) -> dict:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True,
                          text=True, env=clean_env(), cwd=cwd,
                          timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} failed "
                           f"({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def region_times(cmd, repeats: int, cwd=None) -> dict:
    """Runs cmd once to warm caches (page cache, __pycache__), then
    `repeats` times; returns {region: [ns, ...]} and the last output."""
    run_json(cmd, cwd)
    samples, last = {}, None
    for _ in range(repeats):
        last = run_json(cmd, cwd)
        for label, ns in last["regions"].items():
            samples.setdefault(label, []).append(ns)
    return {"samples_ns": samples, "output": last}


def interleaved(measure_one, cmds: dict, repeats: int) -> dict:
    """Runs measure_one(cmd) for every cmd once as a warm-up, then
    `repeats` rounds over all of them, so that a change in the machine's
    load hits every setup alike.  Returns {name: [result, ...]}."""
    for cmd in cmds.values():
        measure_one(cmd)
    out = {name: [] for name in cmds}
    for _ in range(repeats):
        for name, cmd in cmds.items():
            out[name].append(measure_one(cmd))
    return out


def one_process_time(cmd, cwd=None) -> float:
    start = time.perf_counter()
    proc = subprocess.run([str(c) for c in cmd], env=clean_env(), cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {proc.stderr[-2000:]!r}")
    return elapsed


def process_times(cmd, repeats: int, cwd=None) -> list:
    """Wall time (s) of whole process runs, after one warm-up run."""
    env = clean_env()
    out = []
    for i in range(repeats + 1):
        start = time.perf_counter()
        proc = subprocess.run([str(c) for c in cmd], env=env, cwd=cwd,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd} failed: {proc.stderr[-2000:]!r}")
        if i:
            out.append(elapsed)
    return out


def have_valgrind() -> bool:
    return shutil.which("valgrind") is not None


def _parse_dump(path: Path):
    label, total = None, None
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("desc: Trigger:"):
                m = re.match(r"desc: Trigger: Client Request: (.*)", line)
                label = m.group(1).strip() if m else "exit"
            elif line.startswith("totals:") or (line.startswith("summary:")
                                                and total is None):
                total = int(line.split()[1])
    return label, total


def callgrind(cmd, regions: bool, cwd=None, keep: Path | None = None,
              timeout=3600, env: dict | None = None) -> dict:
    """Instruction counts (Ir) under callgrind.  regions=True: only inside
    _benchctl regions, {label: Ir}; else the whole process, {"total": Ir}.
    keep: copy the dump files there (for callgrind_annotate).  env: set on
    top of clean_env() (e.g. PYSTATIC_FAST_IMPORT=0)."""
    with tempfile.TemporaryDirectory(prefix="bench-cg-") as tmp:
        out = Path(tmp) / "cg.out"
        vg = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
        if regions:
            vg.append("--collect-atstart=no")
        proc = subprocess.run(vg + [str(c) for c in cmd], capture_output=True,
                              text=True, env={**clean_env(), **(env or {})},
                              cwd=cwd, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(f"callgrind {cmd} failed:\n"
                               f"{proc.stderr[-3000:]}")
        counts = {}
        for dump in sorted(Path(tmp).glob("cg.out*")):
            label, total = _parse_dump(dump)
            if regions and label != "exit":
                counts[label] = total
            elif not regions and label == "exit":
                counts["total"] = total
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                name = label if label != "exit" else "exit"
                shutil.copyfile(dump, keep / f"callgrind.{name}")
        return counts


# Functions whose inclusive cost the report breaks out of a region:
# label -> (function names, nested).  Top-level parts do not overlap; a
# nested part runs inside one of them (an init function inside
# create_module, dlopen inside _imp.create_dynamic) and is shown as "of which".
# The runtime's top-level parts are the C functions Python calls: the fast
# path's _find_and_load (runtime/src/fastpath.c, on by default) or, with it
# off or for names it defers, the importer's find_spec, create_module and
# exec_module methods (runtime/src/module.c).  Their C steps are nested: the
# fast path calls them directly.
BREAKDOWN = {
    # Less what it hands to importlib's own _find_and_load (a name not in
    # the registry): that cost is importlib's, in the parts below.
    "rules_pystatic fast path (_find_and_load in C)":
        (["fast_find_and_load", "-defer_to_importlib"], False),
    "rules_pystatic find_spec": (["importer_find_spec"], False),
    "rules_pystatic create_module": (["importer_create_module"], False),
    "rules_pystatic exec_module": (["importer_exec_module"], False),
    "the module lock (importlib's, claimed and released from C)":
        (["pystatic_fastpath_claim_lock", "pystatic_fastpath_release_lock"],
         True),
    "the spec from the registry entry": (["pystatic_find_spec_of_entry"],
                                         True),
    "the module created (create_module's C part)":
        (["pystatic_create_module_of_entry"], True),
    "BuiltinImporter.find_spec (_imp.is_builtin)": (["_imp_is_builtin"],
                                                    False),
    "BuiltinImporter.create_module (_imp.create_builtin)":
        (["_imp_create_builtin"], False),
    "FrozenImporter.find_spec (_imp.find_frozen)": (["_imp_find_frozen"],
                                                    False),
    "ExtensionFileLoader.create_module (_imp.create_dynamic)":
        (["_imp_create_dynamic"], False),
    "os.stat and os.listdir (FileFinder)": (["os_stat", "os_listdir"], False),
    "the modules' own init and exec": (["bench_exec", "PyStatic_Init_*",
                                        "PyInit_mod*"], True),
    "dlopen": (["dlopen@@GLIBC_2.34", "dlopen"], True),
    "dlopen: matching the name against every loaded object "
    "(_dl_name_match_p)": (["_dl_name_match_p"], True),
    "dlopen: _dl_find_object_update": (["_dl_find_object_update"], True),
}

# The same for whole-process start-up runs.
STARTUP_BREAKDOWN = {
    "dynamic loader start-up, relocations included (_dl_start)":
        (["_dl_start"], False),
    "Py_InitializeFromConfig": (["Py_InitializeFromConfig"], False),
    "registry check at start-up": (["pystatic_check_registry_at_startup"],
                                   False),
}


def link_facts(path: Path) -> dict:
    """What an executable leaves to the dynamic loader (readelf): its
    dynamic relocations by type and the entries of its dynamic symbol
    table (--export-dynamic's, which every symbol lookup of the libraries'
    relocations searches first)."""
    out = subprocess.run(["readelf", "-rW", "--dyn-syms", str(path)],
                         capture_output=True, text=True, check=True).stdout
    relocations, dynsym = {}, 0
    for line in out.splitlines():
        fields = line.split()
        if len(fields) > 2 and fields[2].startswith("R_"):
            relocations[fields[2]] = relocations.get(fields[2], 0) + 1
        elif re.match(r"\s*\d+:", line):
            dynsym += 1
    return {"relocations": relocations, "dynsym": dynsym}


def breakdown(dump: Path, parts=None) -> dict:
    """Inclusive Ir per BREAKDOWN (or `parts`) entry, from
    callgrind_annotate: the sum of its functions' ("name*": every function
    whose name starts so; "-name": subtracted)."""
    parts = BREAKDOWN if parts is None else parts
    proc = subprocess.run(["callgrind_annotate", "--inclusive=yes",
                           "--threshold=100", str(dump)],
                          capture_output=True, text=True)
    best = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"\s*([\d,]+) \([^)]*\)\s+(?:\S*:)?(\S+?)(?:'\d+)?"
                     r"(?: \[.*\])?$", line)
        if not m:
            continue
        ir, func = int(m.group(1).replace(",", "")), m.group(2)
        best[func] = max(best.get(func, 0), ir)
    out = {}
    for label, (funcs, _) in parts.items():
        total = 0
        for pattern in funcs:
            sign = -1 if pattern.startswith("-") else 1
            pattern = pattern.lstrip("-")
            if pattern.endswith("*"):
                total += sign * sum(v for k, v in best.items()
                                    if k.startswith(pattern[:-1]))
            else:
                total += sign * best.get(pattern, 0)
        if total:
            out[label] = total
    return out
