"""The benchmark program: runs inside every setup (the rules_pystatic static
binary as its main file, the inittab binary likewise, the stock python3.X as
a script) and measures regions with _benchctl (bench/c/benchctl.c):
callgrind counts only inside a region (valgrind --collect-atstart=no) and
each region's wall time is read from CLOCK_MONOTONIC.

    driver.py startup N          nothing at all (start-up measurements)
    driver.py import N KIND      parents first (pkgK, pkgK.sub: not measured),
                                 then one region `import`: __import__(name)
                                 for each module of KIND (all, multi,
                                 single), in index order
    driver.py cloop N            one region `cloop`: _benchctl.c_loop()
    driver.py lookup N REPEAT    registry lookups (see LOOKUPS)

Prints one JSON object: region wall times (ns), and for checking, how the
modules were loaded.  Kept free of imports from bench/ so that it runs
anywhere; bench/build.py imports the naming functions from here.
"""

import sys

PER_PACKAGE = 100   # modules per pkgK.sub


def module_name(i):
    return "pkg%d.sub.mod%d" % (i // PER_PACKAGE, i)


def is_multi_phase(i):
    return i % 2 == 0


def parents(n):
    out = []
    for k in range((n + PER_PACKAGE - 1) // PER_PACKAGE):
        out += ["pkg%d" % k, "pkg%d.sub" % k]
    return out


# Names a registry lookup misses: what every import of a non-static module
# asks the finder (stdlib and application modules), plus near misses that
# share a long prefix with registered names.
MISSES = ["json", "os.path", "collections.abc", "encodings.utf_8",
          "email.mime.text", "xml.etree.ElementTree", "myapp.models.user",
          "pkg0.sub.mod99999", "pkg1.sub.mod1x", "pkg3.subx", "zzz", "a"]


def select(n, kind):
    idx = range(n)
    if kind == "multi":
        idx = [i for i in idx if is_multi_phase(i)]
    elif kind == "single":
        idx = [i for i in idx if not is_multi_phase(i)]
    return [module_name(i) for i in idx]


def loader_kinds(names):
    kinds = {}
    for name in names:
        mod = sys.modules[name]
        spec = getattr(mod, "__spec__", None)
        loader = getattr(spec, "loader", None)
        kind = type(loader).__name__ if not isinstance(loader, type) \
            else loader.__name__
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def check_modules(names):
    """Each module works and is the one its name says (outside regions)."""
    for name in names:
        mod = sys.modules[name]
        i = int(name.rsplit("mod", 1)[1])
        if mod.index() != i or mod.INDEX != i:
            raise SystemExit("bench: %s is not the module it should be" % name)


def main(argv):
    mode, n = argv[1], int(argv[2])
    if mode == "startup":
        return
    import _benchctl
    out = {"mode": mode, "n": n, "regions": {}}
    if mode == "import":
        names = select(n, argv[3])
        for parent in parents(n):
            __import__(parent)
        _benchctl.start()
        for name in names:
            __import__(name)
        out["regions"]["import"] = _benchctl.stop("import")
        check_modules(names)
        out["loaders"] = loader_kinds(names)
        out["count"] = len(names)
    elif mode == "cloop":
        import types
        _benchctl.start()
        count = _benchctl.c_loop(types.SimpleNamespace)
        out["regions"]["cloop"] = _benchctl.stop("cloop")
        names = select(n, "all")
        check_modules(names)
        out["count"] = count
    elif mode == "lookup":
        repeat = int(argv[3])
        hits = select(n, "all")
        for how in ("empty", "find", "miss_path"):
            for what, names in (("hit", hits), ("miss", MISSES)):
                label = "lookup_%s_%s" % (how, what)
                found, ns = _benchctl.lookup(names, repeat, how, label)
                out["regions"][label] = ns
                out[label + "_found"] = found
                out[label + "_ops"] = len(names) * repeat
        # The finder as importlib calls it, on names it does not serve.
        finder = None
        for entry in sys.meta_path:
            if getattr(entry, "__name__", "") == "StaticExtensionImporter":
                finder = entry
        if finder is not None:
            reps = max(1, repeat // 10)
            label = "find_spec_miss"
            out["regions"][label] = _benchctl.call_each(
                finder.find_spec, MISSES, reps, label)
            out[label + "_ops"] = len(MISSES) * reps
        import _imp
        reps = max(1, repeat // 10)
        label = "is_builtin_miss"
        out["regions"][label] = _benchctl.call_each(
            _imp.is_builtin, MISSES, reps, label)
        out[label + "_ops"] = len(MISSES) * reps
    else:
        raise SystemExit("bench: unknown mode %r" % mode)
    import json
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv)
