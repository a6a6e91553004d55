"""The finder is first in sys.meta_path, but built-in and frozen modules keep
their names, as they would over a .so: _symtable (built in) and the frozen
package __phello__ are also registered here, and stay CPython's; a static
module inside the frozen package is still ours."""
import importlib.machinery
import sys

import _pystatic

Importer = _pystatic.StaticExtensionImporter
assert sys.meta_path[0] is Importer, sys.meta_path
assert "_symtable" in _pystatic.modules()
assert Importer.find_spec("_symtable") is None

import _symtable  # noqa: E402

assert _symtable.__spec__.loader is importlib.machinery.BuiltinImporter, \
    _symtable.__spec__
assert "_symtable" not in _pystatic.imported()

assert Importer.find_spec("__phello__") is None
import __phello__.static_ext  # noqa: E402

assert __phello__.__spec__.loader is importlib.machinery.FrozenImporter, \
    __phello__.__spec__
mod = __phello__.static_ext
assert mod.__spec__.loader is Importer, mod.__spec__
assert mod.__name__ == "__phello__.static_ext"
assert "__phello__.static_ext" in _pystatic.imported()
print("ok")
