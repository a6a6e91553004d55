"""Py_mod_create (a module made by the slot, and a non-module object), and
single-phase inits that import other static modules while they run."""
import importlib.machinery
import os
import sys
import types

import slots.custom as custom
assert type(custom) is types.ModuleType
assert custom.__name__ == "slots.custom"
assert custom.created_for == "slots.custom"
assert custom.origin_seen_by_create == custom.__file__
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
assert custom.origin_seen_by_create.endswith(
    os.path.join("slots", "custom") + SUFFIX)
assert custom.create_calls_seen_by_exec == 1
assert sys.modules["slots.custom"] is custom

import slots.nonmodule as nonmodule
assert type(nonmodule) is types.SimpleNamespace
assert nonmodule.created_for == "slots.nonmodule"
assert nonmodule.__spec__.name == "slots.nonmodule"
assert sys.modules["slots.nonmodule"] is nonmodule

# Nested static imports during single-phase init: both named in full.
import nested.outer
assert nested.outer.__name__ == "nested.outer", nested.outer.__name__
assert nested.outer.dep is sys.modules["nested.inner"]
assert nested.outer.dep.__name__ == "nested.inner", nested.outer.dep.__name__
assert "outer" not in sys.modules and "inner" not in sys.modules
print("ok")
