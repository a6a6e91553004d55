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
    elif mode == "raise":
        raise RuntimeError("boom from a sourceless module")  # shown only with sources


if __name__ == "__main__":
    main()
