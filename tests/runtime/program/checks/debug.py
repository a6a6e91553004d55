"""Imports a few static modules, for the PYSTATIC_DEBUG test."""
import _top_multi  # noqa: F401
import a.b.c._deep_single  # noqa: F401
try:
    import failing.raises  # noqa: F401  (fails on the first attempt)
except RuntimeError:
    pass
try:
    import failing.exec_raises  # noqa: F401  (its exec slot fails once)
except ValueError:
    pass
print("imported", flush=True)
