"""Main file of the runtime test binary: runs checks/<argv[1]>.py in this
__main__ module's place, leaving sys.argv and sys.path as the launcher made
them (runpy would rewrite sys.argv[0])."""
import os
import sys

if len(sys.argv) < 2:
    sys.exit("usage: static_python CHECK [ARGS...]")
_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "checks",
                     sys.argv[1] + ".py")
with open(_path, encoding="utf-8") as _f:
    _code = compile(_f.read(), _path, "exec")
exec(_code, {"__name__": "__main__", "__file__": _path,
             "__builtins__": __builtins__})
