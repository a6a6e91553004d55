"""Which module wins for names that a PYTHONPATH or current-directory copy
could shadow: prints name -> file, as JSON."""
import json
import sys

import _top_multi
import a.b.c._deep_single
import purepy_mod

result = {
    "_top_multi": _top_multi.__file__,
    "a.b.c._deep_single": a.b.c._deep_single.__file__,
    "purepy_mod": purepy_mod.__file__,
}
try:
    import only_outside  # exists only in the outside directories
    result["only_outside"] = only_outside.__file__
except ImportError:
    result["only_outside"] = None
json.dump(result, sys.stdout)
