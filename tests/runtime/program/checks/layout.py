"""Single- and multi-phase modules at the top level and three packages deep;
m_name short vs full; __spec__, __file__, __loader__, __package__; parent
packages: a real __init__.py (a), a namespace directory (a.b), and one
served by the runtime (a.b.c)."""
import importlib.machinery
import json
import os
import sys

import _pystatic

expected = json.loads(sys.argv[2])
assert sorted(_pystatic.modules()) == sorted(expected), _pystatic.modules()
assert list(_pystatic.modules()) == sorted(
    expected, key=lambda n: n.encode()), "registry order"

root = os.path.dirname(os.path.abspath(sys.modules["__main__"].__file__))
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
Importer = _pystatic.StaticExtensionImporter

# The finder comes first (built-in and frozen names it leaves to
# BuiltinImporter and FrozenImporter: checks/shadow_builtin.py).
meta = sys.meta_path
assert meta.index(Importer) == 0, meta
assert importlib.machinery.PathFinder in meta, meta

# Nothing is imported before it is asked for.
for name in expected:
    assert name not in sys.modules, name

import _top_single
import _top_multi
import a.b.c._deep_single
import a.b.c._deep_fullname
import a.b.c._deep_multi

for mod, name, phase in [
        (_top_single, "_top_single", "single"),
        (_top_multi, "_top_multi", "multi"),
        (a.b.c._deep_single, "a.b.c._deep_single", "single"),
        (a.b.c._deep_fullname, "a.b.c._deep_fullname", "single"),
        (a.b.c._deep_multi, "a.b.c._deep_multi", "multi")]:
    assert mod.__name__ == name, (mod.__name__, name)
    assert sys.modules[name] is mod
    assert mod.__spec__.name == name
    assert mod.__spec__.loader is Importer
    assert mod.__loader__ is Importer
    assert mod.__package__ == name.rpartition(".")[0], mod.__package__
    assert mod.__spec__.parent == name.rpartition(".")[0]
    assert mod.__spec__.submodule_search_locations is None
    assert not hasattr(mod, "__path__")
    assert mod.__spec__.has_location
    assert mod.__spec__.cached is None
    parts = name.split(".")
    want = os.path.join(root, *parts[:-1], parts[-1] + SUFFIX)
    assert mod.__file__ == want, (mod.__file__, want)
    assert mod.__spec__.origin == want
    assert repr(mod) == f"<module {name!r} from {want!r}>", repr(mod)
    assert name in _pystatic.imported()
    info = _pystatic.module_info(name)
    assert info == {"name": name, "label": "//tests/runtime/modules:" + name,
                    "is_package": False, "imported": True}, info

# Single-phase: m_name short or full, the module is named in full either way,
# and so are its types.
assert a.b.c._deep_single.flavor() == "_deep_single"
assert a.b.c._deep_fullname.flavor() == "a.b.c._deep_fullname"
assert a.b.c._deep_single.Token.__module__ == "a.b.c._deep_single"
assert a.b.c._deep_multi.Point.__module__ == "a.b.c._deep_multi"
assert a.b.c._deep_multi.spec_name_seen_by_exec == "a.b.c._deep_multi"
# Each compiled copy has its own C globals.
assert _top_single.init_calls() == 1
assert a.b.c._deep_single.init_calls() == 1
assert a.b.c._deep_fullname.init_calls() == 1
assert a.b.c._deep_multi.counts() == {"init": 1, "exec": 1, "points": 0}

# Parents: `a` is the real package, `a.b` the namespace directory, `a.b.c`
# served by us with an empty __path__ and no file.
assert a.REAL_INIT is True
assert a.__file__ == os.path.join(root, "a", "__init__.py")
assert a.__spec__.loader is not Importer
assert isinstance(a.__spec__.loader, importlib.machinery.SourceFileLoader)
assert a.b.__spec__.origin is None and a.b.__spec__.loader is not Importer
assert list(a.b.__path__) == [os.path.join(root, "a", "b")]
import a.b.marker  # the namespace package still finds its own files
c = sys.modules["a.b.c"]
assert c.__spec__.loader is Importer
assert c.__path__ == [] and c.__spec__.submodule_search_locations == []
assert not hasattr(c, "__file__") and c.__spec__.origin is None
assert Importer.is_package("a.b.c") is True
assert Importer.is_package("a.b.c._deep_single") is False
assert "a.b.c" not in _pystatic.modules()
# A served parent of a name we do not have is not found.
try:
    import a.b.c.missing  # noqa: F401
except ModuleNotFoundError as exc:
    assert exc.name == "a.b.c.missing"
else:
    raise AssertionError("a.b.c.missing imported")
# Names that merely share a prefix are not parents.
assert Importer.find_spec("a.b.c._deep") is None
assert Importer.find_spec("a.b.c._deep_single.x") is None
assert Importer.find_spec("a.b.c._deep_singlex") is None
assert Importer.find_spec("_top") is None
print("ok")
