"""importlib.util.find_spec, inspect and pydoc on static modules, compared
with what they give for a .so: a file-based spec with no source."""
import importlib.util
import inspect
import io
import os
import pydoc
import sys

import _pystatic

Importer = _pystatic.StaticExtensionImporter

# find_spec before import: the spec the import will use; nothing is run.
spec = importlib.util.find_spec("a.b.c._deep_multi")
assert spec.name == "a.b.c._deep_multi" and spec.loader is Importer
assert spec.has_location and spec.origin.endswith(
    os.path.join("a", "b", "c", "_deep_multi") +
    importlib.machinery.EXTENSION_SUFFIXES[0]), spec.origin
assert "a.b.c._deep_multi" not in sys.modules
assert "a.b.c._deep_multi" not in _pystatic.imported()
assert importlib.util.find_spec("no_such_module") is None
# An extension module that does not exist is not found by us either.
assert Importer.find_spec("a.b.c._nope") is None

import a.b.c._deep_multi as multi
import a.b.c._deep_single as single

# After import find_spec returns the module's own spec.
assert importlib.util.find_spec("a.b.c._deep_multi") is multi.__spec__

# inspect: a module with a file but no source, like a .so.
assert inspect.getfile(multi) == multi.__file__
assert inspect.getfile(multi.Point) == multi.__file__
assert inspect.getfile(single.Token) == single.__file__
assert inspect.getsourcefile(multi) is None
assert inspect.getmodulename(multi.__file__) == "_deep_multi"
assert inspect.ismodule(multi) and not inspect.isbuiltin(multi)
for obj in (multi, multi.Point):
    try:
        inspect.getsource(obj)
    except (OSError, TypeError):
        pass
    else:
        raise AssertionError(f"source found for {obj!r}")
assert Importer.get_source("a.b.c._deep_multi") is None
assert Importer.get_code("a.b.c._deep_multi") is None

# help() (pydoc) documents the module, its file and its contents.
out = io.StringIO()
pydoc.Helper(output=out).help(multi)
text = out.getvalue()
assert "a.b.c._deep_multi" in text, text
assert "Multi-phase test module." in text
assert "class Point" in text
assert "FILE" in text and multi.__file__ in text.replace("\n    ", ""), text
text = pydoc.render_doc(single, renderer=pydoc.plaintext)
assert "class Token" in text and "init_calls" in text, text

# The loader refuses names it does not have, naming them.
for call in (lambda: Importer.is_package("nope.mod"),
             lambda: _pystatic.module_info("nope.mod"),
             lambda: Importer.create_module(
                 importlib.machinery.ModuleSpec("nope.mod", Importer))):
    try:
        call()
    except ImportError as exc:
        assert exc.name == "nope.mod", exc.name
        assert str(exc) == "'nope.mod' is not a static extension module " \
            "of this program", str(exc)
    else:
        raise AssertionError("no ImportError")
print("ok")
