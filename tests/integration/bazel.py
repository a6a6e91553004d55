"""Runs Bazel 7.7.1 through tools/bazel.sh for the integration tests.

The tests run inside the Bazel 7 root (tools/bazel7/enter.sh), where the
binaries Bazel builds can run too.
"""

import json
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
BAZEL = ROOT / "tools" / "bazel.sh"
EXAMPLE = ROOT / "examples" / "monorepo"
# pyenv's CPythons (on the host, reached from the root through the same paths).
PYTHON_VERSIONS = ["3.10", "3.11", "3.12", "3.13"]
# Debian unstable's python3.14 and python3.15 (libpython3.X-dev), installed in
# the Bazel 7 root. Only the smoke tests run on them (the examples, single-file
# binaries): the rest of the suite is about Bazel, not the Python version.
DEBIAN_PYTHON_VERSIONS = ["3.14", "3.15"]


def run(args, cwd, startup=(), check=True, timeout=1800, mode=None):
    """Runs `bazel <startup> <args>` in cwd; returns the CompletedProcess.

    mode: tools/bazel.sh's PYSTATIC_BAZEL_MODE (bzlmod, bzlmod7, workspace);
    default bzlmod with the Bazel 8/9 flags.
    """
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    if mode:
        env["PYSTATIC_BAZEL_MODE"] = mode
    result = subprocess.run(
        [str(BAZEL), *startup, *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )
    if check and result.returncode != 0:
        raise AssertionError(
            "bazel {} failed ({}):\n{}".format(" ".join(args), result.returncode, result.stdout[-6000:])
        )
    return result


def version_flag(version):
    return "--@rules_pystatic//toolchain:python_version=" + version


def read_execution_log(log_path):
    """Every spawn of an --execution_log_json_file (concatenated JSON objects)."""
    text = pathlib.Path(log_path).read_text()
    decoder = json.JSONDecoder()
    spawns, index = [], 0
    while index < len(text):
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            break
        spawn, index = decoder.raw_decode(text, index)
        spawns.append(spawn)
    return spawns


def is_cache_hit(spawn):
    # Bazel 7's log says cacheHit (its runner says which cache); older ones
    # said remoteCacheHit, for the disk cache too.
    return bool(spawn.get("cacheHit") or spawn.get("remoteCacheHit"))


def executed_spawns(log_path):
    """Spawns that Bazel really ran (not cache hits)."""
    return [s for s in read_execution_log(log_path) if not is_cache_hit(s)]


def spawn_outputs(spawn):
    return [o["path"] for o in spawn.get("actualOutputs", [])]
