"""A single-file program for the module-graph tests (test_single_file.py).

`sf_graph MODE [ARG]` prints one JSON object; every import it makes is
either written as an import statement (the graph sees it) or named in the
binary's pack_keep (colorsys).
"""

import importlib
import json
import sys


def lazy():
    # An import inside a function is still an import: packed.
    import textwrap

    return textwrap.dedent("  x")


def find_spec(name):
    """"spec", None, or the error; and what pkgutil says."""
    import importlib.util
    import pkgutil
    import warnings

    try:
        spec = importlib.util.find_spec(name)
    except ImportError as exc:
        return {"type": type(exc).__name__, "error": str(exc), "name": exc.name}
    out = {"spec": None if spec is None else spec.name}
    if hasattr(pkgutil, "get_loader"):     # 3.10-3.13
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            out["pkgutil"] = pkgutil.get_loader(name) is not None
    return out


def main():
    mode = sys.argv[1]
    if mode == "facts":
        computed = importlib.import_module("colo" + "rsys")
        print(json.dumps({
            "lazy": lazy(),
            "kept": computed.rgb_to_hsv(1.0, 0.0, 0.0)[0],
            "source": __loader__.get_source(__name__) is not None,
        }))
    elif mode == "import":
        try:
            importlib.import_module(sys.argv[2])
        except ModuleNotFoundError as exc:
            print(json.dumps({"error": str(exc), "name": exc.name}))
        else:
            print(json.dumps({"error": None}))
    elif mode == "find_spec":
        # What a program that tests for an optional module sees.
        print(json.dumps({name: find_spec(name) for name in sys.argv[2:]}))
    elif mode == "statement":
        # `try: import x / except ImportError:`, run from a string the
        # graph cannot see (an import statement here would pack x).
        try:
            exec(sys.argv[2])
        except ImportError as exc:
            print(json.dumps({"type": type(exc).__name__, "error": str(exc),
                              "name": exc.name}))
        else:
            print(json.dumps({"error": None}))
    elif mode == "import_hooks":
        # Who answers importlib's _find_and_load: the runtime's wrappers,
        # outermost first, down to importlib's own function.
        chain, hook = [], importlib._bootstrap._find_and_load
        while callable(hook):
            chain.append(hook.__module__)
            hook = getattr(hook, "__self__", None)
        print(json.dumps(chain))
    elif mode == "raise":
        raise RuntimeError("boom from a sourceless module")  # shown only with sources


if __name__ == "__main__":
    main()
