"""The single-file test program: prints facts as JSON, or fails on purpose.

    sf_main [facts]     JSON facts about the packed program (checked by
                        tests/integration/test_single_file.py)
    sf_main boom        an uncaught exception from a packed module
    sf_main exit N      sys.exit(N)
"""

import json
import sys


def resources():
    import importlib.resources

    root = importlib.resources.files("pkg")
    data = root.joinpath("data")
    greeting = root.joinpath("data", "greeting.txt")
    nested = root / "data" / "sub" / "nested.txt"
    with greeting.open("rb") as f:
        opened = f.read()
    return {
        "greeting": greeting.read_bytes().decode(),
        "greeting_opened": opened.decode(),
        "greeting_is_file": greeting.is_file(),
        "data_is_dir": data.is_dir(),
        "data_entries": sorted(p.name for p in data.iterdir()),
        "nested": nested.read_text(encoding="utf-8"),
        "missing_is_file": root.joinpath("data", "missing.txt").is_file(),
        "package_sources": sorted(p.name for p in root.iterdir() if p.name.endswith(".py")),
        "files_str": str(root),
    }


def traceback_text():
    import traceback

    import pkg.boom

    try:
        pkg.boom.explode()
    except RuntimeError:
        return traceback.format_exc()


def edges():
    """Less travelled paths of the importer and the resource reader."""
    import importlib
    import importlib.resources
    import importlib.util

    import _json
    import pkg.boom

    out = {}
    root = importlib.resources.files("pkg")
    try:
        list(root.joinpath("boom.py").iterdir())
    except NotADirectoryError:
        out["iterdir_file"] = "NotADirectoryError"
    try:
        root.joinpath("data").read_bytes()
    except IsADirectoryError:
        out["read_dir"] = "IsADirectoryError"
    try:
        root.joinpath("nope.txt").read_bytes()
    except FileNotFoundError:
        out["read_missing"] = "FileNotFoundError"
    spec = importlib.util.find_spec("tests")
    out["namespace_is_package"] = spec.submodule_search_locations is not None
    out["namespace_source"] = spec.loader.get_source("tests")
    out["boom_is_package"] = spec.loader.is_package("pkg.boom")
    out["boom_filename"] = spec.loader.get_filename("pkg.boom")
    out["reloaded"] = importlib.reload(pkg.boom).__name__
    import pkgutil

    out["get_data"] = pkgutil.get_data("pkg", "data/greeting.txt").decode()
    try:
        pkgutil.get_data("pkg", "data/nope.txt")
    except FileNotFoundError:
        out["get_data_missing"] = "FileNotFoundError"
    first = _json
    del sys.modules["_json"]
    import _json as again
    out["json_reimported_same_init"] = type(again.make_scanner) is type(first.make_scanner)
    try:
        import pkg.does_not_exist  # noqa: F401
    except ModuleNotFoundError as exc:
        out["missing"] = str(exc)
    return out


def memfd_maps(name):
    lines = []
    with open("/proc/self/maps") as f:
        for line in f:
            if name in line:
                lines.append(line.split(None, 5)[-1].strip())
    return sorted(set(lines))


def facts():
    import _json
    import _queue
    import hashlib
    import inspect
    import math
    import os

    import encodings
    import pkg
    import pkg.boom

    return {
        "executable": sys.executable,
        "argv": sys.argv,
        "path": sys.path,
        "prefix": sys.prefix,
        "cwd": os.getcwd(),
        "main_file": __file__,
        "version": "{}.{}".format(*sys.version_info[:2]),
        "encodings_loader": type(encodings.__spec__.loader).__name__
        if not isinstance(encodings.__spec__.loader, type) else encodings.__spec__.loader.__name__,
        "encodings_file": getattr(encodings, "__file__", None),
        "pkg_file": pkg.__file__,
        "pkg_path": list(pkg.__path__),
        "boom_origin": pkg.boom.__spec__.origin,
        "boom_source": inspect.getsource(pkg.boom.explode),
        "json_dumps": json.dumps({"a": [1, 2]}),
        "_json_origin": _json.__spec__.origin,
        "_json_file": getattr(_json, "__file__", None),
        "_json_maps": memfd_maps("_json"),
        # In lib-dynload on every toolchain here (Debian builds _json into
        # libpython, pyenv does not).
        "_queue_origin": _queue.__spec__.origin,
        "_queue_file": getattr(_queue, "__file__", None),
        "_queue_maps": memfd_maps("_queue"),
        "hashlib_md5": hashlib.md5(b"packed").hexdigest(),
        "hashlib_sha3_256": hashlib.sha3_256(b"packed").hexdigest(),
        "math_origin": getattr(math.__spec__, "origin", None),
        "math_sqrt": math.sqrt(16.0),
        "resources": resources(),
        "edges": edges(),
        "traceback": traceback_text(),
        "stdlib_on_disk": [m.__name__ for m in list(sys.modules.values())
                           if getattr(m, "__file__", None) and os.path.exists(m.__file__)],
    }


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else "facts"
    if cmd == "facts":
        print(json.dumps(facts(), indent=1, sort_keys=True))
    elif cmd == "boom":
        import pkg.boom

        pkg.boom.explode()
    elif cmd == "exit":
        sys.exit(int(sys.argv[2]))
    else:
        sys.exit("unknown command " + cmd)


if __name__ == "__main__":
    main()
