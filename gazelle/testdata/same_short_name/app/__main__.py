import x._speedups
from y import _speedups as y_speedups
