"""The README's quick start: a static binary with one extension module."""

import sys

import _pystatic  # the runtime's own module (docs/runtime.md)
from mypkg import _speedups

print("mypkg._speedups.add(2, 3) =", _speedups.add(2, 3))
print("linked into this binary from", _pystatic.module_info("mypkg._speedups")["label"])
print("python {}.{}".format(*sys.version_info[:2]))
