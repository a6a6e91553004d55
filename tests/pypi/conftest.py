import sys
import pathlib

# The lock tool's package (pypi/tools/pystatic_lock) for the unit tests.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "pypi" / "tools"))
