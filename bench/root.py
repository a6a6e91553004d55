"""The Bazel 7 root (tools/bazel7/): the bench parts that build with Bazel
run inside it, because the binaries Bazel builds there link the root's glibc
and run only there.

    inside()                    True inside the root
    reexec(script, argv)        re-runs `python3 script argv` inside the root
                                (returns only when already inside)
    run_part(name, script, args, output, log)
                                bench/run.py's way to run a part inside the
                                root: its output goes through `log`, its
                                results come back from the JSON file `output`,
                                a failure comes back as {"error": ...}
    ensure_valgrind()           apt-get installs valgrind into the root if
                                it is missing
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ENTER = REPO / "tools" / "bazel7" / "enter.sh"
MARKER = Path("/.pystatic-bazel7")


def inside() -> bool:
    return MARKER.exists()


def reexec(script, argv) -> None:
    if inside():
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvp("bash", ["bash", str(ENTER), "python3", str(script), *argv])


def run_part(name, script, args, output: Path, log) -> dict:
    """Runs `python3 script args --output output` inside the root."""
    output = Path(output)
    if output.exists():
        output.unlink()
    cmd = ["bash", str(ENTER), "python3", str(script), *map(str, args),
           "--output", str(output)]
    tail = []
    with subprocess.Popen(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True,
                          errors="replace") as proc:
        for line in proc.stdout:
            line = line.rstrip("\n")
            tail.append(line)
            del tail[:-80]
            log(f"{name}: {line}")
    if output.exists():
        # A part that measured and failed writes its error there too.
        out = json.loads(output.read_text())
        if proc.returncode == 0 or "error" in out:
            return out
    return {"error": f"`{' '.join(cmd[2:4])} ...` inside the Bazel 7 root "
                     f"exited with {proc.returncode}:\n"
                     + "\n".join(tail)[-4000:]}


def ensure_valgrind() -> None:
    if shutil.which("valgrind"):
        return
    print("bench: installing valgrind into the Bazel 7 root", file=sys.stderr)
    subprocess.run(["apt-get", "install", "-y", "-qq", "valgrind"], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
