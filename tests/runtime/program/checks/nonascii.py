"""A module with a non-ASCII name (PyInitU_ + punycode, as for a .so)."""
import importlib
import importlib.util
import os
import sys

name = "uni.\u010daj"
mod = importlib.import_module(name)
assert mod.__name__ == name, mod.__name__
assert mod.drink == "tea"
assert sys.modules[name] is mod
assert os.path.basename(mod.__file__).startswith("\u010daj.")
assert name in __import__("_pystatic").imported()

# Single-phase init is refused for non-ASCII names, as CPython refuses it.
legacy = "uni.\u010fas"
try:
    importlib.import_module(legacy)
except SystemError as exc:
    assert str(exc) == f"initialization of {legacy} did not return " \
        "PyModuleDef", str(exc)
else:
    raise AssertionError(f"{legacy} imported")
assert legacy not in sys.modules
# Bytes that are not valid UTF-8 in a name are simply not found.
assert importlib.util.find_spec("uni.\udcff") is None
print("ok")
