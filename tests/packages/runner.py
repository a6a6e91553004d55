"""Runs one package's own test suite with pytest, then checks where its
extension modules came from.  Written by tests/packages/harness.py into each
generated workspace as pystatic_suite/run_test.py (our Gazelle turns it into a
py_static_test); the same file runs under a pip-installed venv for the
comparison, so both runs use identical pytest arguments and counting.

Mode "static": every extension must be loaded by _pystatic's importer and no
.so of it may exist on sys.path.  Mode "pip": every extension must be a .so
loaded by CPython's ExtensionFileLoader (so a pure-Python fallback cannot pass
for the compiled code).
"""
import importlib
import importlib.machinery
import json
import os
import sys

# The runtime logs how it initializes each static extension (single- or
# multi-phase) when PYSTATIC_DEBUG is set; the harness reads these lines.  The
# runtime reads the variable once, at start-up, so the harness sets it in the
# test's environment (bazel --test_env); it stays on for the suite (one line
# per static import, on stderr).  Setting it here as well keeps older
# runtimes, which read it on every import, logging the imports below.
os.environ["PYSTATIC_DEBUG"] = "1"

# The imports below are for our Gazelle: they make the test depend on the
# package, its extensions, pytest and the suite's other test dependencies.
import pytest
# @IMPORTS@

# Not inherited by the suite's subprocesses.
del os.environ["PYSTATIC_DEBUG"]

CONFIG = json.loads(r'''@CONFIG@''')
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARK = "PYSTATIC_RESULT_JSON: "


def so_files_on_path(name):
    """Files anywhere on sys.path that CPython's path finder would load as NAME."""
    parts = name.split(".")
    found = []
    for entry in sys.path:
        d = os.path.join(entry, *parts[:-1])
        if not os.path.isdir(d):
            continue
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            for cand in (os.path.join(d, parts[-1] + suffix), os.path.join(d, parts[-1], "__init__" + suffix)):
                if os.path.exists(cand):
                    found.append(cand)
    return found


def check_extensions(mode):
    out = {}
    for name in CONFIG["extensions"]:
        try:
            mod = importlib.import_module(name)
        except BaseException as e:  # report, do not hide
            out[name] = "import failed: %r" % (e,)
            continue
        spec = mod.__spec__
        loader = type(spec.loader).__name__ if not isinstance(spec.loader, type) else spec.loader.__name__
        sos = so_files_on_path(name)
        if mode == "static":
            import _pystatic
            ok = (loader == "StaticExtensionImporter" and name in _pystatic.modules()
                  and name in _pystatic.imported() and not sos)
        else:
            ok = (isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)
                  and os.path.exists(spec.origin))
        out[name] = "ok" if ok else "NOT %s: loader=%s origin=%s so_files=%s" % (mode, loader, spec.origin, sos)
    return out


class Collector:
    def __init__(self):
        self.outcomes = {}

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter):
        for key in ("passed", "failed", "skipped", "xfailed", "xpassed", "error"):
            reports = terminalreporter.stats.get(key, [])
            # Only test reports (setup/call/teardown), one entry per nodeid.
            ids = sorted({getattr(r, "nodeid", "") for r in reports if getattr(r, "nodeid", None) is not None})
            self.outcomes[key] = ids


def main():
    # A static binary's sys.executable is the binary itself. The harness's
    # run_test has python_cli = True, so `sys.executable -c/-m/-I ...` runs as
    # python and never reaches this file; any other call (a script path first,
    # as in ujson's `sys.executable tests/memory.py`) would run this file and
    # start the whole suite again, recursively. Refuse instead, so that such a
    # test fails the way it would fail anyway.
    if os.environ.get("PYSTATIC_SUITE_RUNNING") or sys.argv[1:2] not in ([], ["static"], ["pip"]):
        sys.stderr.write("run_test: this binary runs %s's test suite; it is not a Python interpreter "
                         "(called as sys.executable with %r)\n" % (CONFIG["name"], sys.argv[1:]))
        return 2
    os.environ["PYSTATIC_SUITE_RUNNING"] = "1"
    mode = sys.argv[1] if len(sys.argv) > 1 else "static"
    before = check_extensions(mode)
    args = []
    for a in CONFIG["pytest_args"]:
        args.append(a.replace("{root}", ROOT))
    os.chdir(ROOT)
    collector = Collector()
    status = pytest.main(args, plugins=[collector])
    after = check_extensions(mode)
    result = {
        "mode": mode,
        "python": "%d.%d.%d" % sys.version_info[:3],
        "exit": int(status),
        "extensions_before": before,
        "extensions_after": after,
        "outcomes": collector.outcomes,
    }
    sys.stdout.flush()
    print("\n" + MARK + json.dumps(result, sort_keys=True))
    # The harness reads the counts; the test itself fails on a failing test
    # or on an extension that is not the one this mode must load.
    bad = [v for v in list(before.values()) + list(after.values()) if v != "ok"]
    return 1 if bad or status not in (0, 5) else 0


if __name__ == "__main__":
    sys.exit(main())
