"""Main file of the runtime test binary: runs checks/<argv[1]>.py as
__main__, with sys.argv left as the binary received it."""
import os
import runpy
import sys

if len(sys.argv) < 2:
    sys.exit("usage: static_python CHECK [ARGS...]")
here = os.path.dirname(os.path.abspath(__file__))
runpy.run_path(os.path.join(here, "checks", sys.argv[1] + ".py"),
               run_name="__main__")
