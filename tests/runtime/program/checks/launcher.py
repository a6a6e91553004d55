"""Reports what the launcher set up, as JSON, for the launcher tests."""
import builtins
import json
import os
import sys

import _pystatic

json.dump({
    # Start-up cost: the runtime takes what it needs from the frozen import
    # system, not from importlib.machinery (1.9 M instructions on 3.12).
    "machinery_at_start": "importlib.machinery" in sys.modules,
    "argv": sys.argv,
    "executable": sys.executable,
    "path": sys.path,
    "isolated": sys.flags.isolated,
    "ignore_environment": sys.flags.ignore_environment,
    "no_user_site": sys.flags.no_user_site,
    "site_imported": "site" in sys.modules,
    "site_builtins": sorted(n for n in ("exit", "quit", "help") if hasattr(builtins, n)),
    # Before first use, exit/quit/help are stand-ins that answer as the
    # real objects (runtime/src/site_builtins.c); using one puts the real
    # object in builtins, as site would have.
    "sitebuiltins_before": "_sitebuiltins" in sys.modules,
    "quit_is_quitter": isinstance(getattr(builtins, "quit", None),
                                  __import__("_sitebuiltins").Quitter),
    "exit_repr": repr(getattr(builtins, "exit", None)),
    "exit_type_after": type(getattr(builtins, "exit", None)).__name__,
    "quit_eof": getattr(getattr(builtins, "quit", None), "eof", None),
    "help_repr": repr(getattr(builtins, "help", None)),
    "help_type_after": type(getattr(builtins, "help", None)).__name__,
    "main_file": sys.modules["__main__"].__file__,
    "meta_path": [repr(f) for f in sys.meta_path],
    "cwd": os.getcwd(),
    "imported": list(_pystatic.imported()),
}, sys.stdout)
