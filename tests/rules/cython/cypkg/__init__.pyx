# cython: language_level=3
"""A package compiled from __init__.pyx (is_package = True)."""

KIND = "compiled package"


def package_name():
    return __name__
