"""Importing again after `del sys.modules[name]`, and importlib.reload(),
behave as CPython's loader does for a .so:

- single-phase, m_size == -1: init does not run again; the new module is
  rebuilt from the copy of the first one's dict;
- single-phase, m_size >= 0: init runs again;
- multi-phase: the init function and the exec slots run again, for a new
  module with fresh state;
- reload() keeps the module object and runs no init (exec slots only for a
  multi-phase module without state)."""
import gc
import importlib
import sys

import _top_single                  # m_size == 0
import a.b.c._deep_single as deep   # m_size == -1
import a.b.c._deep_multi as multi

assert _top_single.m_size == 0 and deep.m_size == -1

first = deep
deep.extra = "set after import"
del sys.modules["a.b.c._deep_single"]
import a.b.c._deep_single as deep2
assert deep2 is not first
assert deep2.init_calls() == 1, deep2.init_calls()
assert deep2.__name__ == "a.b.c._deep_single"
assert not hasattr(deep2, "extra")     # a copy of the dict made at init
assert deep2.Token is first.Token
assert deep2.__spec__.loader is first.__spec__.loader
if sys.version_info < (3, 15):
    # The copy is kept as the dict's items, not as a dict: no object the
    # garbage collector counts and traverses (runtime/src/singlephase.c;
    # 3.15 keeps its own copy).
    copies = [r for r in gc.get_referrers(first.Token)
              if type(r) is dict and r.get("__name__") == deep.__name__]
    assert len(copies) == 2 and all(
        any(r is vars(m) for r in copies) for m in (first, deep2)), copies

del sys.modules["_top_single"]
import _top_single as top2
assert top2.init_calls() == 2, top2.init_calls()

first_multi = multi
del sys.modules["a.b.c._deep_multi"]
import a.b.c._deep_multi as multi2
assert multi2 is not first_multi
assert multi2.counts() == {"init": 2, "exec": 2, "points": 0}, multi2.counts()
assert multi2.Point is not first_multi.Point

# reload: same object, no new init.
assert importlib.reload(deep2) is deep2
assert deep2.init_calls() == 1
assert importlib.reload(multi2) is multi2
assert multi2.counts()["exec"] == 2    # has state: exec not run again
assert importlib.reload(top2) is top2
assert top2.init_calls() == 2
print("ok")
