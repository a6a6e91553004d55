"""What importlib guarantees, observed around imports of static modules,
printed as JSON.  test_runtime.py runs it with the fast path
(runtime/src/fastpath.c, the default) and without it
(PYSTATIC_FAST_IMPORT=0: importlib's own _find_and_load), and compares: the
two must agree on everything but whether the fast path was installed and
which imports it took."""
import importlib
import json
import sys
import threading
import time
import types

import _frozen_importlib as bootstrap

out = {}
out["installed"] = getattr(bootstrap._find_and_load, "__module__",
                           None) == "_pystatic"

# Which imports the fast path took: importlib's _find_spec is not called
# for those.
found_by_importlib = []
_original_find_spec = bootstrap._find_spec


def _recording_find_spec(name, path, target=None):
    found_by_importlib.append(name)
    return _original_find_spec(name, path, target)


bootstrap._find_spec = _recording_find_spec

# -- audit events: CPython raises "import" before _find_and_load ------------
events = []


def hook(event, args):
    if event == "import" and isinstance(args[0], str) and (
            args[0].startswith(("a.", "_top", "extpkg", "nested"))):
        events.append([args[0], args[1], args[2] is sys.path,
                       args[3] is sys.meta_path, args[4] is sys.path_hooks])


sys.addaudithook(hook)
import a._speedups  # noqa: E402
import _top_multi  # noqa: E402
importlib.import_module("a.b.c._deep_multi")
import extpkg._inner  # noqa: E402
out["audit"] = events

# -- what the import left behind --------------------------------------------
deep = sys.modules["a.b.c._deep_multi"]
out["after"] = {
    "parent_attr": sys.modules["a.b.c"]._deep_multi is deep,
    "initializing": deep.__spec__._initializing,
    "uninitialized_submodules": getattr(
        sys.modules["a.b.c"].__spec__, "_uninitialized_submodules", None),
    "extpkg_inner_attr": sys.modules["extpkg"]._inner is extpkg._inner,
    "dunder": {k: (v if isinstance(v, (str, type(None), bool, list))
                   else type(v).__name__)
               for k, v in sorted(vars(deep).items())
               if k.startswith("__") and k != "__doc__"},
    "loader_is_importer": deep.__loader__ is deep.__spec__.loader,
    "last_in_sys_modules": list(sys.modules)[-1],
    "locks_left": sorted(n for n in bootstrap._module_locks
                         if n.startswith(("a.", "_top", "extpkg"))),
}
importlib.import_module("_top_single")
out["after"]["top_single_last"] = list(sys.modules)[-1]

# -- a finder before ours is asked first, and wins --------------------------
asked = []


class UserFinder:
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        asked.append(name)
        if name == "a.b.c._deep_fullname":
            return bootstrap.spec_from_loader(name, UserLoader())
        return None


class UserLoader:
    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.served_by = "user"


sys.meta_path.insert(0, UserFinder)
import a.b.c._deep_fullname  # noqa: E402
import a.b.c._deep_single  # noqa: E402
sys.meta_path.remove(UserFinder)
out["user_finder"] = {
    "asked": asked,
    "served": getattr(a.b.c._deep_fullname, "served_by", None),
    "ours_after": type(a.b.c._deep_single.__loader__).__name__
    if not isinstance(a.b.c._deep_single.__loader__, type)
    else a.b.c._deep_single.__loader__.__name__,
}

# -- another thread waits on the same module lock ---------------------------
def lock_of(name):
    ref = bootstrap._module_locks.get(name)
    return ref() if ref is not None else None


def waiters(lock):
    return len(lock.waiters) if isinstance(lock.waiters, list) \
        else lock.waiters


def lock_race(name, importer):
    """Thread A imports `name` (slow init or exec, GIL released); while it
    does, thread B imports it with importlib.import_module."""
    seen = {}
    got = {}
    a = threading.Thread(target=lambda: got.setdefault("a", importer(name)))
    a.start()
    deadline = time.monotonic() + 5
    lock = None
    while lock is None and time.monotonic() < deadline:
        lock = lock_of(name)
        time.sleep(0.001)
    seen["lock_type"] = type(lock).__name__
    seen["lock_is_importlibs"] = isinstance(lock, bootstrap._ModuleLock)
    seen["owner_is_a"] = lock is not None and lock.owner == a.ident
    b = threading.Thread(target=lambda: got.setdefault(
        "b", importlib.import_module(name)))
    b.start()
    while lock is not None and waiters(lock) == 0 \
            and time.monotonic() < deadline and a.is_alive():
        time.sleep(0.001)
    seen["b_waited_on_it"] = lock is not None and waiters(lock) == 1
    seen["b_blocked_meanwhile"] = b.is_alive()
    del lock
    a.join()
    b.join()
    seen["same_module"] = got.get("a") is got.get("b") is sys.modules[name]
    seen["counts"] = list(sys.modules[name].counts())
    seen["lock_gone"] = lock_of(name) is None
    return seen


def import_statement(name):
    __import__(name)    # what `import name` runs
    return sys.modules[name]


out["threads"] = {
    "slow_single": lock_race("threads.slow_single", import_statement),
    "slow_multi": lock_race("threads.slow_multi", import_statement),
}

# -- reload -----------------------------------------------------------------
before = sys.modules["_top_multi"]
spec = before.__spec__
reloaded = importlib.reload(before)
out["reload"] = {
    "same_object": reloaded is before,
    "same_spec": reloaded.__spec__ is spec,
    "counts": reloaded.counts(),
}

# -- failures ---------------------------------------------------------------
failures = {}
for name in ("failing.raises", "failing.null", "failing.exec_raises",
             "failing.bad_slot"):
    attempts = []
    for _ in range(2):
        try:
            importlib.import_module(name)
            attempts.append("imported")
        except BaseException as exc:  # noqa: B902 - the facts
            attempts.append([type(exc).__name__, str(exc)])
    parent = sys.modules.get("failing")
    failures[name] = {
        "attempts": attempts,
        "in_sys_modules": name in sys.modules,
        "parent_attr": hasattr(parent, name.rpartition(".")[2])
        if parent is not None else None,
        "lock_left": name in bootstrap._module_locks,
    }
out["failures"] = failures

# -- parents that are not plain module objects -----------------------------
# The fast path reads a plain parent module's __path__ and __spec__ and sets
# the child in its __dict__ (runtime/src/fastpath_module.c); a parent of a
# ModuleType subclass gets setattr() itself, and a __path__ that only a
# module __getattr__ gives is found, as with importlib.
slots = importlib.import_module("slots")
setattr_calls = []


class RecordingModule(types.ModuleType):
    def __setattr__(self, name, value):
        setattr_calls.append(name)
        super().__setattr__(name, value)


slots.__class__ = RecordingModule
importlib.import_module("slots.custom")
recorded = setattr_calls[:]     # not the __class__ assignment below
slots.__class__ = types.ModuleType
slots_path = vars(slots).pop("__path__")


def slots_getattr(name):
    if name == "__path__":
        return slots_path
    raise AttributeError(name)


slots.__getattr__ = slots_getattr
importlib.import_module("slots.nonmodule")
out["parents"] = {
    "setattr_calls": recorded,
    "child_set": vars(slots).get("custom") is sys.modules["slots.custom"],
    "getattr_path_child": type(vars(slots).get("nonmodule")).__name__,
}

# -- the importer's methods replaced; a module lock someone keeps -----------
# importlib calls StaticExtensionImporter.create_module/exec_module as
# attributes: a replacement is called.  A _ModuleLock that someone still
# refers to after the import is left as importlib leaves it (the fast path
# takes released locks again only when nothing else refers to them).
importlib.import_module("b")     # the parent first: only b._speedups below
Importer = sys.meta_path[0]
original = {m: Importer.__dict__[m] for m in ("create_module", "exec_module")}
calls = []
kept = []


def create_module(cls, spec):
    calls.append(["create_module", spec.name])
    return original["create_module"].__get__(None, cls)(spec)


def exec_module(cls, module):
    calls.append(["exec_module", module.__name__])
    if module.__name__ == "b._speedups":
        kept.append(lock_of(module.__name__))
    return original["exec_module"].__get__(None, cls)(module)


Importer.create_module = classmethod(create_module)
Importer.exec_module = classmethod(exec_module)
import b._speedups  # noqa: E402
for method, value in original.items():
    setattr(Importer, method, value)
held = kept[0]
replaced = {
    "calls": calls,
    "kept_lock": [type(held).__name__, held.name, held.owner,
                  held.count in ([], 0)],
    "kept_lock_entry": lock_of("b._speedups") is held,
}
importlib.import_module("uni.\u010daj")
replaced["kept_lock_later"] = [held.name, held.owner]
replaced["next_lock_left"] = lock_of("uni.\u010daj") is not None
del held, kept[:]
out["replaced_methods"] = replaced

bootstrap._find_spec = _original_find_spec
out["found_by_importlib"] = sorted(set(found_by_importlib))
print(json.dumps(out, sort_keys=True, default=repr))
