"""Observable facts about importing the test extensions, printed as JSON.

Run twice by test_runtime.py: inside the static binary (`static_python facts
static`) and by the same CPython's own `python -I -S` over the same modules
built as .so files (`python facts.py so ROOT`).  The test compares the two:
wherever they differ, the static loader does not behave like CPython's."""
import importlib
import json
import os
import pickle
import sys
import types

mode = sys.argv[-2] if sys.argv[-2] in ("static", "so") else sys.argv[-1]
if mode == "so":
    root = sys.argv[-1]
    sys.path.insert(0, root)
else:
    root = os.path.dirname(os.path.abspath(sys.modules["__main__"].__file__))

facts = {}


def describe(mod):
    spec = mod.__spec__
    public = {}
    for key, value in sorted(vars(mod).items()):
        if key.startswith("__"):
            continue
        if isinstance(value, type):
            public[key] = ["type", value.__module__, value.__qualname__]
        elif isinstance(value, types.ModuleType):
            public[key] = ["module", value.__name__]
        elif callable(value):
            public[key] = ["callable", getattr(value, "__module__", None)]
        elif isinstance(value, str) and value.startswith(root + os.sep):
            public[key] = ["path", os.path.relpath(value, root)]
        else:
            public[key] = ["value", repr(value)]
    return {
        "name": mod.__name__,
        "package": mod.__package__,
        "spec_name": spec.name,
        "spec_parent": spec.parent,
        "has_location": spec.has_location,
        "cached": spec.cached,
        "is_package": spec.submodule_search_locations is not None,
        "file": os.path.relpath(mod.__file__, root)
        if getattr(mod, "__file__", None) else None,
        "doc": mod.__doc__,
        "dunder": sorted(k for k in vars(mod) if k.startswith("__")),
        "public": public,
        "in_sys_modules": sys.modules.get(mod.__name__) is mod,
    }


PLAIN = ["_top_single", "_top_multi", "a.b.c._deep_single",
         "a.b.c._deep_fullname", "a.b.c._deep_multi", "a._speedups",
         "b._speedups", "uni.\u010daj", "extpkg", "extpkg._inner",
         "pbpkg.ext", "nbpkg.nbext", "cypkg.cyext", "cyextpkg",
         "slots.custom", "nested.outer"]
for name in PLAIN:
    facts[name] = describe(importlib.import_module(name))
facts["nested.inner"] = describe(sys.modules["nested.inner"])

# Py_mod_create returning something that is not a module.
nonmodule = importlib.import_module("slots.nonmodule")
facts["slots.nonmodule"] = {
    "type": type(nonmodule).__name__,
    "attrs": sorted(vars(nonmodule)),
    "created_for": nonmodule.created_for,
    "origin": os.path.relpath(nonmodule.origin_seen_by_create, root),
    "spec_name": nonmodule.__spec__.name,
    "in_sys_modules": sys.modules["slots.nonmodule"] is nonmodule,
}

facts["pybind11_submodules"] = [
    sys.modules["pbpkg.ext"].sub.__name__,
    sys.modules["pbpkg.ext"].sub.deeper.__name__,
    "pbpkg.ext.sub" in sys.modules,
    sys.modules["nbpkg.nbext"].sub.__name__,
]

# importlib.resources on an extension package with a directory.
import importlib.resources
import importlib.machinery
facts["resources"] = sorted(
    p.name for p in importlib.resources.files("extpkg").iterdir()
    if p.name != "__pycache__" and not p.name.endswith(
        tuple(importlib.machinery.EXTENSION_SUFFIXES)))  # .so only there

# Failures, then a retry.
for name in ["uni.\u010fas", "failing.raises", "failing.null",
             "failing.unreported",
             "failing.exec_raises", "failing.exec_silent",
             "failing.bad_slot"]:
    entry = {}
    try:
        importlib.import_module(name)
        entry["first"] = "imported"
    except BaseException as exc:
        entry["first"] = [type(exc).__name__, str(exc),
                          type(exc.__cause__).__name__]
    entry["left_in_sys_modules"] = name in sys.modules
    try:
        mod = importlib.import_module(name)
        entry["retry"] = ["imported", mod.attempts(), mod.__name__]
    except BaseException as exc:
        entry["retry"] = [type(exc).__name__, str(exc)]
    facts[name] = entry

# Import again after forgetting the module, and reload.
again = {}
for name in ["_top_single", "a.b.c._deep_single", "a.b.c._deep_multi"]:
    first = sys.modules[name]
    first.marker_attribute = 1
    del sys.modules[name]
    mod = importlib.import_module(name)
    again[name] = {
        "new_object": mod is not first,
        "kept_attribute": hasattr(mod, "marker_attribute"),
        "counts": mod.counts() if hasattr(mod, "counts")
        else mod.init_calls(),
        "reload_same": importlib.reload(mod) is mod,
        "counts_after_reload": mod.counts() if hasattr(mod, "counts")
        else mod.init_calls(),
    }
facts["again"] = again

# Pickling round trips.
deep_multi = sys.modules["a.b.c._deep_multi"]
facts["pickle"] = [
    repr(pickle.loads(pickle.dumps(deep_multi.Point(1.0, 2.0))).x),
    type(pickle.loads(pickle.dumps(
        sys.modules["a.b.c._deep_single"].Token(3)))).__module__,
]
json.dump(facts, sys.stdout, indent=1, sort_keys=True)
