"""pybind11 (single-phase, submodules made with def_submodule), nanobind,
and Cython 3 (multi-phase) modules inside packages."""
import importlib
import sys

import _pystatic

# pybind11: the case that fails without the package context.
import pbpkg.ext
assert pbpkg.ext.__name__ == "pbpkg.ext"
assert pbpkg.ext.add(2, 3) == 5
assert pbpkg.ext.sub.__name__ == "pbpkg.ext.sub", pbpkg.ext.sub.__name__
assert pbpkg.ext.sub.deeper.__name__ == "pbpkg.ext.sub.deeper"
from pbpkg.ext import sub
assert sub.twice(21) == 42
assert sys.modules["pbpkg.ext.sub"] is sub
import pbpkg.ext.sub.deeper
assert pbpkg.ext.sub.deeper.LEVEL == 2
assert pbpkg.ext.Pet.__module__ == "pbpkg.ext"
assert "ext" not in sys.modules and "ext.sub" not in sys.modules

# nanobind
import nbpkg.nbext
assert nbpkg.nbext.__name__ == "nbpkg.nbext"
assert nbpkg.nbext.add(1, 2) == 3
assert nbpkg.nbext.Greeter("you").greet() == "hello you"
assert nbpkg.nbext.Greeter.__module__ == "nbpkg.nbext"
from nbpkg.nbext import sub as nbsub
assert nbsub.__name__ == "nbpkg.nbext.sub", nbsub.__name__
assert nbsub.triple(3) == 9

# Cython 3, multi-phase.
import cypkg.cyext
assert cypkg.cyext.__name__ == "cypkg.cyext"
assert cypkg.cyext.whoami() == "cypkg.cyext"
assert cypkg.cyext.square(12) == 144
assert cypkg.cyext.__spec__.loader is _pystatic.StaticExtensionImporter
assert importlib.reload(cypkg.cyext) is cypkg.cyext
for name in ("pbpkg.ext", "nbpkg.nbext", "cypkg.cyext"):
    assert name in _pystatic.imported(), name
print("ok")
