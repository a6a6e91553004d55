"""Imports a list of modules, from the packed table or from a zip: the program
bench/single_file.py measures (not a test).

    import_bench none                 import nothing (start-up only)
    import_bench table FILE           import the modules listed in FILE (one a
                                      line) through the packed importer
    import_bench zip FILE ZIP         the same from the zip archive ZIP
                                      (zipimport, sys.path = [ZIP]); packed
                                      .so files still load from the table
    import_bench probe FILE           print the listed modules that import
"""

import sys


def names(path):
    with open(path) as f:
        return [line.strip() for line in f if line.strip()]


def use_zip(archive):
    import importlib

    packed = [f for f in sys.meta_path if getattr(f, "__name__", "") == "PackedImporter"]
    for finder in packed:
        sys.meta_path.remove(finder)
    # After PathFinder: only what the zip lacks (the .so files) comes from
    # the pack.
    sys.meta_path.extend(packed)
    sys.path[:] = [archive]
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()


def main():
    mode = sys.argv[1]
    if mode == "none":
        return
    wanted = names(sys.argv[2])
    if mode == "zip":
        use_zip(sys.argv[3])
    before = set(sys.modules)
    ok = []
    for name in wanted:
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - a probe
            if mode != "probe":
                raise
        else:
            ok.append(name)
    if mode == "probe":
        print("\n".join(ok))
    elif mode == "zip":
        # Every listed pure-Python module must have come from the zip.
        for name in set(sys.modules) - before:
            spec = getattr(sys.modules[name], "__spec__", None)
            origin = getattr(spec, "origin", None) or ""
            loader = type(getattr(spec, "loader", None)).__name__
            if origin.endswith(".py") and loader != "zipimporter":
                raise SystemExit("{} came from {} ({})".format(name, loader, origin))


if __name__ == "__main__":
    main()
