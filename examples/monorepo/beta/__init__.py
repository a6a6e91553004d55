"""beta: another package with an extension named _speedups."""

from beta import _speedups

__all__ = ["_speedups"]
