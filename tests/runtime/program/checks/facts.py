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
        # reload() runs no init, and no exec slot of the multi-phase ones
        # (m_size == 0, yet PyModule_ExecDef gave them a state pointer):
        # attempts() counts both.
        entry["reload"] = [importlib.reload(mod) is mod, mod.attempts()]
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
# 16 threads import two slow modules at once (their inits release the GIL):
# how often init and exec ran, and whether every thread got one object.
import threading
barrier = threading.Barrier(16)
seen = []


def _worker():
    barrier.wait()
    seen.append(tuple(id(importlib.import_module(n)) for n in
                      ("threads.slow_single", "threads.slow_multi")))


workers = [threading.Thread(target=_worker) for _ in range(16)]
for t in workers:
    t.start()
for t in workers:
    t.join()
facts["threads"] = {
    "one_object_each": len(set(seen)) == 1 and len(seen) == 16,
    "counts": [list(sys.modules[n].counts()) for n in
               ("threads.slow_single", "threads.slow_multi")],
}

# Subinterpreters (3.12+, where they can be isolated): what an isolated and
# a legacy one get for each kind of module.  Names in messages become NAME
# (3.12's loader prints the short name where ours prints the full one).
SUB_NAMES = ["_top_multi", "a.b.c._deep_multi", "_top_single",
             "a.b.c._deep_single", "subinterp.not_supported",
             "subinterp.shared_gil_only", "uni.\u010daj"]
SUB_SCRIPT = """
import json, os, sys
if MODE == "static":
    import _pystatic
else:
    sys.path.insert(0, ROOT)
out = {}
for name in NAMES:
    short = name.rpartition(".")[2]
    try:
        __import__(name)
        mod = sys.modules[name]
        out[name] = ["ok", mod.__name__, os.path.relpath(mod.__file__, ROOT)]
    except ImportError as exc:
        out[name] = [type(exc).__name__,
                     str(exc).replace(name, "NAME").replace(short, "NAME"),
                     name in sys.modules]
with open(PATH, "w") as f:
    json.dump(out, f)
"""


def _in_subinterpreter(isolated):
    import tempfile
    if sys.version_info >= (3, 13):
        import _interpreters as interpreters
        interp = interpreters.create(interpreters.new_config(
            "isolated" if isolated else "legacy"))
    else:
        import _xxsubinterpreters as interpreters
        interp = interpreters.create(isolated=isolated)
    fd, path = tempfile.mkstemp()
    os.close(fd)
    code = (f"NAMES = {SUB_NAMES!r}\nPATH = {path!r}\nMODE = {mode!r}\n"
            f"ROOT = {root!r}\n" + SUB_SCRIPT)
    try:
        assert interpreters.run_string(interp, code) is None
        with open(path) as f:
            return json.load(f)
    finally:
        interpreters.destroy(interp)
        os.unlink(path)


if sys.version_info >= (3, 12):
    facts["subinterpreters"] = {"isolated": _in_subinterpreter(True),
                                "legacy": _in_subinterpreter(False)}

json.dump(facts, sys.stdout, indent=1, sort_keys=True)
