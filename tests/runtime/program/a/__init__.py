# A real package above static modules (a._speedups, a.b.c._deep_*): the
# runtime must import this file, not serve an empty package in its place.
REAL_INIT = True
