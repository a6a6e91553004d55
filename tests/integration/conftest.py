import sys
import pathlib

# The tests import the bazel helper module that sits beside them.
sys.path.insert(0, str(pathlib.Path(__file__).parent))
