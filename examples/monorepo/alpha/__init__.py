"""alpha: pure Python on top of a C extension named _speedups."""

from alpha._speedups import checksum, flavour

__all__ = ["checksum", "flavour"]
