"""PYSTATIC_DEBUG is for the process it was set for: run with it set, this
program starts itself again (as subprocess and multiprocessing's spawn do,
through sys.executable) and shows that the child's stderr stays clean unless
the parent passes the variable on explicitly."""
import os
import subprocess
import sys

if sys.argv[2:] == ["child"]:
    print("child", flush=True)
    sys.exit(0)

assert "PYSTATIC_DEBUG" not in os.environ, os.environ.get("PYSTATIC_DEBUG")
child = [sys.executable, "debug_child", "child"]
inherited = subprocess.run(child, capture_output=True, text=True)
assert inherited.returncode == 0 and inherited.stdout == "child\n", inherited
assert inherited.stderr == "", inherited.stderr
asked = subprocess.run(child, capture_output=True, text=True,
                       env=dict(os.environ, PYSTATIC_DEBUG="1"))
assert asked.returncode == 0 and asked.stdout == "child\n", asked
assert asked.stderr.startswith("pystatic: "), asked.stderr
print("ok")
