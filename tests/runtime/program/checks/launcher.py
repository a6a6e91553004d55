"""Reports what the launcher set up, as JSON, for the launcher tests."""
import builtins
import json
import os
import sys

import _pystatic

json.dump({
    "argv": sys.argv,
    "executable": sys.executable,
    "path": sys.path,
    "isolated": sys.flags.isolated,
    "ignore_environment": sys.flags.ignore_environment,
    "no_user_site": sys.flags.no_user_site,
    "site_imported": "site" in sys.modules,
    "site_builtins": sorted(n for n in ("exit", "quit", "help") if hasattr(builtins, n)),
    "exit_repr": repr(getattr(builtins, "exit", None)),
    "main_file": sys.modules["__main__"].__file__,
    "meta_path": [repr(f) for f in sys.meta_path],
    "cwd": os.getcwd(),
    "imported": list(_pystatic.imported()),
}, sys.stdout)
