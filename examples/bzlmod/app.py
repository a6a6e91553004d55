"""The README's quick start: a static binary with one extension module."""

import sys

from mypkg import _speedups

print("mypkg._speedups.add(2, 3) =", _speedups.add(2, 3))
print("served from the binary:", _speedups.__spec__.origin)
print("python {}.{}".format(*sys.version_info[:2]))
