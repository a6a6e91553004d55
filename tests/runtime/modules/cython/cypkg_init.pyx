# cython: language_level=3
# cyextpkg: a Cython-compiled package __init__ (an extension that is itself
# a package).
KIND = "cython package"


def package_name():
    return __name__
