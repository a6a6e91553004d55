"""Builds are reproducible, cacheable across machines, and incremental.

One copy of the example monorepo is built in three output bases:
  A: cold, filling a fresh --disk_cache;
  B: another output base (as another machine would be) sharing that cache:
     no compile, isolate or link action may run;
  C: cold again without any cache: the same bytes as A.
Then C rebuilds after one extension's source changes: only that extension
recompiles, and only the binaries relink.
"""

import hashlib
import pathlib
import shutil

import pytest

import bazel

WORK_MNEMONICS = {"CppCompile", "CppLink", "PyStaticIsolate", "CppArchive"}
OUTPUTS = [
    "app/app",
    "alpha/_pystatic/lib_speedups.a",
    "beta/_pystatic/lib_speedups.a",
    "geometry/_pystatic/lib_geom.a",
    "mathext/_pystatic/lib_fastmath.a",
]


def _digests(bin_dir):
    return {path: hashlib.sha256((bin_dir / path).read_bytes()).hexdigest() for path in OUTPUTS}


class Build:
    def __init__(self, workspace, output_base):
        self.workspace = workspace
        self.startup = ["--output_base={}".format(output_base), "--max_idle_secs=60"]

    def build(self, log, *flags):
        bazel.run(
            # --remote_download_all: Bazel 7 fetches only top-level outputs
            # from a cache by default, and the extensions' archives are
            # compared too.
            ["build", "//app", "//app:app_test", "--remote_download_all", "--execution_log_json_file={}".format(log), *flags],
            cwd=self.workspace,
            startup=self.startup,
        )
        info = bazel.run(["info", "bazel-bin"], cwd=self.workspace, startup=self.startup)
        bin_dir = info.stdout.strip().splitlines()[-1]
        return bazel.executed_spawns(log), _digests(pathlib.Path(bin_dir))

    def shutdown(self):
        bazel.run(["shutdown"], cwd=self.workspace, startup=self.startup, check=False)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cache")
    workspace = tmp / "monorepo"
    shutil.copytree(bazel.EXAMPLE, workspace, ignore=shutil.ignore_patterns("bazel-*"))
    disk_cache = tmp / "disk-cache"
    a, b, c = (Build(workspace, tmp / name) for name in ("ob-a", "ob-b", "ob-c"))
    results = {
        "a": a.build(tmp / "a.json", "--disk_cache={}".format(disk_cache)),
    }
    a.shutdown()
    results["b"] = b.build(tmp / "b.json", "--disk_cache={}".format(disk_cache))
    b.shutdown()
    results["c"] = c.build(tmp / "c.json", "--disk_cache=")
    yield workspace, c, tmp, results
    c.shutdown()


def _work(spawns):
    return sorted(
        (s.get("mnemonic", "?"), " ".join(bazel.spawn_outputs(s)))
        for s in spawns
        if s.get("mnemonic") in WORK_MNEMONICS
    )


def test_cold_build_ran_the_work(builds):
    _, _, _, results = builds
    spawns, _ = results["a"]
    mnemonics = {s.get("mnemonic") for s in spawns}
    assert {"CppCompile", "CppLink", "PyStaticIsolate"} <= mnemonics, mnemonics


def test_second_output_base_is_served_by_the_shared_cache(builds):
    _, _, _, results = builds
    spawns, digests = results["b"]
    assert _work(spawns) == [], "actions ran despite the shared disk cache"
    assert digests == results["a"][1]


def test_two_clean_builds_are_byte_identical(builds):
    _, _, _, results = builds
    assert results["c"][1] == results["a"][1]


def test_changing_one_extension_rebuilds_only_it(builds):
    workspace, c, tmp, _ = builds
    source = workspace / "alpha" / "_speedups.c"
    source.write_text(source.read_text() + "\n/* touched by the incremental test */\nint alpha_touched = 1;\n")
    spawns, _ = c.build(tmp / "incremental.json", "--disk_cache=")
    work = _work(spawns)
    compiled = [outputs for mnemonic, outputs in work if mnemonic == "CppCompile"]
    isolated = [outputs for mnemonic, outputs in work if mnemonic == "PyStaticIsolate"]
    linked = [outputs for mnemonic, outputs in work if mnemonic == "CppLink"]
    assert len(compiled) == 1 and "alpha/_objs/_speedups/_speedups" in compiled[0], work
    assert len(isolated) == 1 and "alpha/_pystatic/lib_speedups.a" in isolated[0], work
    assert sorted(o.rsplit("/", 1)[-1] for o in linked) == ["app", "app_test"], work
