"""Our Gazelle regenerates the example monorepo's BUILD files byte for byte,
and a second run changes nothing."""

import os
import shutil
import subprocess

import bazel


def test_regenerates_example_byte_for_byte(tmp_path):
    gazelle = os.environ.get("PYSTATIC_GAZELLE") or str(bazel.ROOT / "gazelle" / "bin" / "gazelle")
    if shutil.which("go"):
        subprocess.run(["bash", str(bazel.ROOT / "gazelle" / "build.sh"), gazelle], check=True)
    # Inside the Bazel 7 root there is no Go: tools/test.sh builds the binary
    # on the host first (gazelle/build.sh).
    assert os.access(gazelle, os.X_OK), "no Gazelle binary at {}: run bash gazelle/build.sh {}".format(gazelle, gazelle)
    copy = tmp_path / "monorepo"
    result = subprocess.run(
        ["bash", str(bazel.ROOT / "tools" / "gazelle_roundtrip.sh"), str(bazel.EXAMPLE), str(copy), gazelle],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert "deleted app/BUILD.bazel" in result.stdout
    # Idempotent: running again over its own output changes nothing.
    before = {p: p.read_bytes() for p in copy.rglob("BUILD.bazel")}
    subprocess.run([gazelle], cwd=copy, check=True)
    assert {p: p.read_bytes() for p in copy.rglob("BUILD.bazel")} == before
