"""geometry: a package whose C++ extension has submodules."""

from geometry._geom import hypot, shapes

__all__ = ["hypot", "shapes"]
