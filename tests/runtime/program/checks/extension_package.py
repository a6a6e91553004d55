"""Extensions that are themselves packages (pkg/__init__ compiled): a C one
with a pure-Python and a static submodule, and a Cython one."""
import importlib.machinery
import os
import sys

import _pystatic

root = os.path.dirname(os.path.abspath(sys.modules["__main__"].__file__))
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]

import extpkg
assert extpkg.KIND == "extension package"
assert extpkg.__spec__.loader is _pystatic.StaticExtensionImporter
assert extpkg.__path__ == [os.path.join(root, "extpkg")], extpkg.__path__
assert extpkg.__file__ == os.path.join(root, "extpkg", "__init__" + SUFFIX)
assert extpkg.__package__ == "extpkg"
assert _pystatic.StaticExtensionImporter.is_package("extpkg") is True
assert _pystatic.module_info("extpkg")["is_package"] is True

import extpkg._inner
assert extpkg._inner.__name__ == "extpkg._inner"
assert extpkg._inner.helper is sys.modules["extpkg.helper"]
from extpkg import helper
assert helper.HELPER == "extpkg.helper"
assert helper.__file__ == os.path.join(root, "extpkg", "helper.py")

# importlib.resources: files next to the extension package's directory.
import importlib.resources
files = importlib.resources.files("extpkg")
assert files.joinpath("helper.py").read_text().startswith("# A pure-Python")
assert files.joinpath("helper.py").is_file()
assert sorted(p.name for p in files.iterdir()
              if p.name != "__pycache__") == ["helper.py"]

import cyextpkg
assert cyextpkg.KIND == "cython package"
assert cyextpkg.package_name() == "cyextpkg"
assert cyextpkg.__path__ == [], cyextpkg.__path__   # no directory on disk
assert cyextpkg.__file__ == os.path.join(root, "cyextpkg", "__init__" + SUFFIX)
print("ok")
