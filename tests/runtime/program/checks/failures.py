"""Every way an init can fail gives CPython's error, leaves nothing in
sys.modules (not the module, not a half-made one), and a second import runs
init again."""
import sys

import _pystatic


def assert_raises(exc_type, func, *args):
    try:
        func(*args)
    except exc_type as exc:
        return exc
    raise AssertionError(f"{func!r}{args!r} did not raise {exc_type.__name__}")


def check(name, exc_type, message, *, retry_succeeds=True, cause=None):
    exc = assert_raises(exc_type, __import__, name)
    assert str(exc) == message, (name, str(exc), message)
    if cause is not None:
        assert type(exc.__cause__) is cause, (name, exc.__cause__)
    assert name not in sys.modules, name
    # Not reported as imported, however far it got (a multi-phase module
    # was created before its exec slot failed).
    assert not _pystatic.module_info(name)["imported"], name
    assert name not in _pystatic.imported(), name
    # The served parent package stays: importing it succeeded.
    assert sys.modules["failing"].__path__ == []
    if retry_succeeds:
        __import__(name)
        mod = sys.modules[name]
        assert mod.attempts() == 2, (name, mod.attempts())
        assert mod.__name__ == name
        assert _pystatic.module_info(name)["imported"], name
    else:
        exc2 = assert_raises(exc_type, __import__, name)
        assert str(exc2) == message
        assert name not in sys.modules


check("failing.raises", RuntimeError, "init refuses on the first try")
check("failing.null", SystemError,
      "initialization of failing.null failed without raising an exception")
# 3.12+ chain the exception init left set; 3.10 and 3.11 drop it.
check("failing.unreported", SystemError,
      "initialization of failing.unreported raised unreported exception",
      cause=KeyError if sys.version_info >= (3, 12) else type(None))
check("failing.exec_raises", ValueError, "exec refuses on the first try")
# m_size == 0 and multi-phase: reload() does not run the exec slot again
# (checks/facts.py compares this with CPython's loader of the .so).
import importlib
assert importlib.reload(sys.modules["failing.exec_raises"]).attempts() == 2
if sys.version_info >= (3, 15):
    # 3.15's PyModule_Exec() names the module by its repr, for a .so too.
    import importlib.util
    origin = importlib.util.find_spec("failing.exec_silent").origin
    check("failing.exec_silent", SystemError,
          f"execution of <module 'failing.exec_silent' from {origin!r}> "
          "failed without setting an exception")
else:
    check("failing.exec_silent", SystemError,
          "execution of module failing.exec_silent failed without setting "
          "an exception")
check("failing.bad_slot", SystemError,
      # 3.15 no longer names the module (a .so gives the same message).
      "unknown module slot ID 1000" if sys.version_info >= (3, 15) else
      "module failing.bad_slot uses unknown slot ID 1000",
      retry_succeeds=False)

# `from failing import raises`-style access after the retry works too.
from failing import raises
assert raises.attempts() == 2
print("ok")
