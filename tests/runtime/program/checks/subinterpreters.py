"""Subinterpreters.  3.12+: in an isolated one (own GIL, multi-phase
modules only), multi-phase modules that support it load, and single-phase
modules, multi-phase ones declaring Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED
and those declaring Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED (a shared GIL
only) are refused with CPython's ImportError; in a legacy one (shared GIL, like
Py_NewInterpreter) everything loads.  3.10 and 3.11 have only legacy
subinterpreters (through _testcapi.run_in_subinterp), where everything
loads, as CPython's loader allows."""
import json
import os
import sys
import tempfile
import textwrap

if sys.version_info >= (3, 13):
    import _interpreters as interpreters
elif sys.version_info >= (3, 12):
    import _xxsubinterpreters as interpreters
else:
    interpreters = None

# Imported in the main interpreter first, so the refusal in the
# subinterpreter must come from the subinterpreter's own check.
import _top_single  # noqa: F401  (m_size 0: init runs again there)
import a.b.c._deep_single  # noqa: F401  (m_size -1: the dict copy path)

SCRIPT = textwrap.dedent("""
    import json, sys
    import _pystatic            # installs the finder in this interpreter
    out = {}
    for name in NAMES:
        try:
            mod = __import__(name)
            mod = sys.modules[name]
            out[name] = ["ok", mod.__name__]
        except ImportError as exc:
            out[name] = [type(exc).__name__, str(exc),
                         name in sys.modules]
    with open(PATH, "w") as f:
        json.dump(out, f)
""")

NAMES = ["_top_multi", "a.b.c._deep_multi", "_top_single",
         "a.b.c._deep_single", "subinterp.not_supported",
         "subinterp.shared_gil_only"]


def run(isolated):
    fd, path = tempfile.mkstemp()
    os.close(fd)
    code = f"NAMES = {NAMES!r}\nPATH = {path!r}\n" + SCRIPT
    if interpreters is None:
        import _testcapi
        assert not isolated
        try:
            assert _testcapi.run_in_subinterp(code) == 0
            with open(path) as f:
                return json.load(f)
        finally:
            os.unlink(path)
    if hasattr(interpreters, "new_config"):                 # 3.13
        config = interpreters.new_config(
            "isolated" if isolated else "legacy")
        interp = interpreters.create(config)
    else:                                                   # 3.12
        interp = interpreters.create(isolated=isolated)
    try:
        result = interpreters.run_string(interp, code)
        assert result is None, result
        with open(path) as f:
            return json.load(f)
    finally:
        interpreters.destroy(interp)
        os.unlink(path)


iso = None
if interpreters is not None:
    iso = run(isolated=True)
    assert iso["_top_multi"] == ["ok", "_top_multi"], iso
    assert iso["a.b.c._deep_multi"] == ["ok", "a.b.c._deep_multi"], iso
    for name in ("_top_single", "a.b.c._deep_single",
                 "subinterp.not_supported", "subinterp.shared_gil_only"):
        kind, message, left = iso[name]
        assert kind == "ImportError", iso[name]
        assert message == f"module {name} does not support loading in " \
            "subinterpreters", iso[name]
        assert left is False, iso[name]

legacy = run(isolated=False)
for name in NAMES:
    assert legacy[name] == ["ok", name], (name, legacy[name])
print(json.dumps({"isolated": iso, "legacy": legacy}))
