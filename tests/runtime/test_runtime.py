"""Runtime tests: real static binaries, one per CPython 3.10-3.13 (plus one
built with AddressSanitizer + UndefinedBehaviorSanitizer), running the
checks in program/checks inside them.

    bash tests/runtime/setup.sh && python3 -m pytest tests/runtime -q

Each binary is built once per session (harness.py); every test runs it as a
new process.
"""
import json
import os
import shutil
import signal
import subprocess

import pytest

import harness

# pyenv's 3.10-3.13 (and 3.12 with sanitizers), or the interpreters named
# in $PYSTATIC_RUNTIME_PYTHONS (harness.selected_interpreters).
VARIANTS = [
    pytest.param((v, False), id=v) for v in harness.selected_versions()
] + [
    pytest.param((harness.sanitized_version(), True),
                 id=harness.sanitized_version() + "-asan",
                 marks=pytest.mark.sanitizer),
]

EXTENSION_NAMES = [ext.name for ext in harness.EXTENSIONS]


@pytest.fixture(scope="session", params=VARIANTS)
def binaries(request, tmp_path_factory):
    version, sanitize = request.param
    if harness.find_interpreter(version) is None:
        pytest.fail(f"CPython {harness.VERSIONS.get(version, version)} with "
                    "a static libpython is missing under "
                    "$(pyenv root)/versions")
    workdir = tmp_path_factory.mktemp(
        "py" + version + ("-asan" if sanitize else ""))
    return harness.build(version, workdir, sanitize)


def run_check(b, name, *args, check_stderr=True, **kwargs):
    proc = b.run(name, *args, **kwargs)
    assert proc.returncode == 0, (
        f"check {name} failed with status {proc.returncode}\n"
        f"--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}")
    if check_stderr:
        assert proc.stderr == "", proc.stderr   # sanitizers report here too
    return proc


def check_ok(b, name, *args, **kwargs):
    proc = run_check(b, name, *args, **kwargs)
    assert proc.stdout.splitlines()[-1] == "ok", proc.stdout


def version_tuple(b):
    return tuple(map(int, b.interp.version.split(".")))


# -- the finder and loader --------------------------------------------------

def test_layout_names_files_and_parent_packages(binaries):
    check_ok(binaries, "layout", json.dumps(EXTENSION_NAMES))


def test_builtin_and_frozen_modules_keep_their_names(binaries):
    check_ok(binaries, "shadow_builtin")


def test_same_short_name_in_two_packages(binaries):
    check_ok(binaries, "same_short_name")


def test_reimport_and_reload(binaries):
    check_ok(binaries, "reimport")


def test_pickling_extension_types(binaries):
    check_ok(binaries, "pickling")


def test_find_spec_inspect_and_help(binaries):
    check_ok(binaries, "introspection")


def test_module_spec_fast_construction(binaries):
    check_ok(binaries, "spec_template")


def test_failures_leave_nothing_behind_and_retry(binaries):
    check_ok(binaries, "failures")


def test_sixteen_threads_import_at_once(binaries):
    check_ok(binaries, "threads")


def test_create_slot_and_nested_inits(binaries):
    check_ok(binaries, "slots")


def test_non_ascii_module_name(binaries):
    check_ok(binaries, "nonascii")


def test_extension_that_is_a_package(binaries):
    check_ok(binaries, "extension_package")


def test_pybind11_nanobind_cython(binaries):
    check_ok(binaries, "bindings")


def test_subinterpreters(binaries):
    proc = run_check(binaries, "subinterpreters")
    result = json.loads(proc.stdout)
    assert result["legacy"]["_top_single"] == ["ok", "_top_single"]
    if version_tuple(binaries) >= (3, 12):
        assert result["isolated"]["_top_multi"] == ["ok", "_top_multi"]
        assert result["isolated"]["_top_single"][0] == "ImportError"
    else:
        assert result["isolated"] is None   # no isolated ones before 3.12


# -- the fast import path (runtime/src/fastpath.c) --------------------------

FAST_OFF = {"PYSTATIC_FAST_IMPORT": "0"}


def fast_path_expected(b):
    """Installed by default on 3.10-3.14 (docs/runtime.md: not on 3.15,
    whose _find_and_load does more)."""
    return version_tuple(b)[:2] <= (3, 14)


def fast_import_facts(b, env=None):
    return json.loads(run_check(b, "fast_import", env=env).stdout)


def test_fast_import_keeps_importlibs_guarantees(binaries):
    """Locks shared with importlib (a thread in import_module waits on the
    lock the fast path took), parents first and the child set on them,
    sys.modules order, __spec__ and the module attributes, audit events, a
    user's finder first, reload, failures: the same with the fast path as
    with importlib's own _find_and_load."""
    fast = fast_import_facts(binaries)
    slow = fast_import_facts(binaries, FAST_OFF)
    assert fast.pop("installed") == fast_path_expected(binaries)
    assert slow.pop("installed") is False
    taken = set(slow.pop("found_by_importlib")) - set(
        fast.pop("found_by_importlib"))
    if fast_path_expected(binaries):
        # Static modules whose parent is imported or served; not the ones
        # imported while the user's finder came first, nor reload.
        assert taken == {
            "a._speedups", "a.b.c._deep_multi", "extpkg", "extpkg._inner",
            "_top_single", "failing.raises", "failing.null",
            "failing.exec_raises", "failing.bad_slot", "threads.slow_single",
            "threads.slow_multi", "b._speedups", "uni.\u010daj",
            "slots.custom", "slots.nonmodule"}, taken
    else:
        assert taken == set()
    assert fast == slow
    for kind in ("slow_single", "slow_multi"):
        race = fast["threads"][kind]
        assert race == {"lock_type": "_ModuleLock",
                        "lock_is_importlibs": True, "owner_is_a": True,
                        "b_waited_on_it": True, "b_blocked_meanwhile": True,
                        "same_module": True,
                        "counts": [1, 1 if kind == "slow_multi" else 0],
                        "lock_gone": True}, (kind, race)
    # A parent that is not a plain module object: its own setattr runs,
    # and a __path__ from a module __getattr__ is found.
    assert fast["parents"] == {"setattr_calls": ["custom"],
                               "child_set": True,
                               "getattr_path_child": "SimpleNamespace"}, \
        fast["parents"]
    assert fast["user_finder"] == {
        "asked": ["a.b.c._deep_fullname", "a.b.c._deep_single"],
        "served": "user", "ours_after": "StaticExtensionImporter"}
    assert [e[0] for e in fast["audit"]][:2] == ["a._speedups", "_top_multi"]
    assert all(e[1:] == [None, True, True, True] for e in fast["audit"])
    after = fast["after"]
    assert after["parent_attr"] and after["extpkg_inner_attr"]
    assert after["initializing"] is False and after["locks_left"] == []
    assert after["top_single_last"] == "_top_single"
    assert fast["failures"]["failing.raises"]["attempts"][0] == [
        "RuntimeError", "init refuses on the first try"]
    assert not any(f["lock_left"] for f in fast["failures"].values())
    # Replaced importer methods are called; a lock someone keeps is not
    # taken again for the next import (fastpath_lock.c's spare lock).
    assert fast["replaced_methods"] == {
        "calls": [["create_module", "b._speedups"],
                  ["exec_module", "b._speedups"]],
        "kept_lock": ["_ModuleLock", "b._speedups", None, True],
        "kept_lock_entry": True,
        "kept_lock_later": ["b._speedups", None],
        "next_lock_left": False}


def importtime_lines(b, env=None):
    proc = b.run("-X", "importtime", "-c",
                 "import a._speedups, _top_multi, extpkg._inner",
                 env={"PYSTATIC_INTERPRETER": "1", **(env or {})})
    assert proc.returncode == 0, proc.stderr
    return [line.rsplit("|", 1)[1].rstrip()
            for line in proc.stderr.splitlines()
            if line.startswith("import time:") and "|" in line]


def test_fast_import_importtime(binaries):
    """-X importtime prints the same lines (names, nesting) either way."""
    fast = importtime_lines(binaries)
    slow = importtime_lines(binaries, FAST_OFF)
    assert fast[-6:] == slow[-6:] == [
        "   a", " a._speedups", " _top_multi", "   extpkg",
        "   extpkg.helper", " extpkg._inner"], fast


def test_fast_import_same_facts_as_importlib(binaries):
    """The comparison with CPython's .so loader, between the fast path and
    importlib's own _find_and_load on the same binary."""
    fast = json.loads(run_check(binaries, "facts", "static").stdout)
    slow = json.loads(run_check(binaries, "facts", "static",
                                env=FAST_OFF).stdout)
    assert fast.keys() == slow.keys()
    for key in fast:
        assert fast[key] == slow[key], key


# -- the launcher -----------------------------------------------------------

def launcher_report(b, *args, **kwargs):
    return json.loads(run_check(b, "launcher", *args, **kwargs).stdout)


def test_launcher_argv_path_and_isolation_flags(binaries):
    b = binaries
    args = ["x y", "\u00fcml", "-c", "pass", "-m", "-I", "--", ""]
    report = launcher_report(b, *args)
    assert report["argv"] == [str(b.main), "launcher", *args]
    assert report["executable"] == os.path.realpath(b.main)
    assert report["path"] == [str(b.program_root), str(b.interp.stdlib),
                              str(b.interp.dynload)]
    assert report["main_file"] == str(b.program_root / "main.py")
    assert report["isolated"] == 1
    assert report["ignore_environment"] == 1
    assert report["no_user_site"] == 1
    assert report["site_imported"] is False
    # ... but the builtins `site` would add are there, as with `python -I`.
    assert report["site_builtins"] == ["exit", "help", "quit"]
    assert report["exit_repr"] == "Use exit() or Ctrl-D (i.e. EOF) to exit"
    assert report["help_repr"].startswith("Type help() for interactive help")
    assert report["quit_eof"] == "Ctrl-D (i.e. EOF)"
    # Made on first use (runtime/src/site_builtins.c): start-up does not run
    # _sitebuiltins; after use, builtins hold site's own objects.
    assert report["sitebuiltins_before"] is False
    assert report["machinery_at_start"] is False
    assert report["quit_is_quitter"] is True
    assert (report["exit_type_after"], report["help_type_after"]) == (
        "Quitter", "_Helper")
    assert report["imported"] == []
    assert any("StaticExtensionImporter" in f for f in report["meta_path"])


@pytest.mark.parametrize("args,status,stdout,stderr", [
    (["code", "3"], 3, "", ""),
    (["code", "0"], 0, "", ""),
    (["builtin-exit", "4"], 4, "", ""),
    (["none"], 0, "", ""),
    (["message", "boom"], 1, "", "fatal: boom\n"),
    (["os-exit", "7"], 7, "", ""),
    (["normal"], 0, "done\n", ""),
])
def test_launcher_exit_status(binaries, args, status, stdout, stderr):
    proc = binaries.run("exit", *args)
    assert (proc.returncode, proc.stdout, proc.stderr) == (
        status, stdout, stderr)


def test_launcher_uncaught_exception_prints_traceback(binaries):
    proc = binaries.run("exit", "raise")
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):", proc.stderr
    assert lines[-1] == "LookupError: raised by the check"
    assert 'checks/exit.py", line' in proc.stderr
    assert "in inner" in proc.stderr


def test_launcher_uncaught_keyboardinterrupt_dies_by_sigint(binaries):
    proc = binaries.run("exit", "keyboardinterrupt")
    assert proc.returncode == -signal.SIGINT, (proc.returncode, proc.stderr)
    assert proc.stderr.splitlines()[-1] == "KeyboardInterrupt"


def test_launcher_sigint_raises_keyboardinterrupt(binaries):
    b = binaries
    # A shell running pytest in the background may pass SIGINT on as
    # ignored, which `python` (and so the launcher) would respect.
    proc = subprocess.Popen([str(b.main), "exit", "wait-for-sigint"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=b.env, preexec_fn=lambda:
                            signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert proc.stdout.readline() == "ready\n"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        proc.wait()
    assert out == "caught\n"
    assert proc.returncode == -signal.SIGINT
    assert err.splitlines()[-1] == "KeyboardInterrupt", err


@pytest.fixture
def outside(tmp_path):
    """A directory of modules that must not shadow the program's."""
    (tmp_path / "purepy_mod.py").write_text("ORIGIN = 'outside'\n")
    (tmp_path / "_top_multi.py").write_text("raise AssertionError('shadow')\n")
    (tmp_path / "only_outside.py").write_text("")
    return tmp_path


def test_launcher_isolated_ignores_pythonpath_and_cwd(binaries, outside):
    b = binaries
    proc = run_check(b, "shadow", cwd=outside,
                     env={"PYTHONPATH": str(outside), "PYTHONSAFEPATH": "",
                          "PYTHONNOUSERSITE": ""})
    result = json.loads(proc.stdout)
    assert result["purepy_mod"] == str(b.program_root / "purepy_mod.py")
    assert result["_top_multi"].startswith(str(b.program_root / "_top_multi."))
    assert result["a.b.c._deep_single"].startswith(
        str(b.program_root / "a" / "b" / "c" / "_deep_single."))
    assert result["only_outside"] is None


def test_launcher_opt_in_inherits_environment(binaries, outside):
    b = binaries
    env = {"PYTHONPATH": str(outside), "PYSTATIC_INHERIT_ENVIRONMENT": "1"}
    result = json.loads(run_check(b, "shadow", cwd=outside, env=env).stdout)
    # PYTHONPATH comes before the program, as for `python`...
    assert result["purepy_mod"] == str(outside / "purepy_mod.py")
    assert result["only_outside"] == str(outside / "only_outside.py")
    # ...but static extension modules, like built-in ones, still come first.
    assert result["_top_multi"].startswith(str(b.program_root / "_top_multi."))
    report = launcher_report(b, env=env)
    assert report["isolated"] == 0 and report["ignore_environment"] == 0
    assert report["site_imported"] is True
    path = report["path"]
    # The binary's directory plays the script directory's part.
    assert path[0] == os.path.dirname(os.path.realpath(b.main))
    assert str(outside) in path
    assert path.index(str(outside)) < path.index(str(b.program_root))


def test_launcher_program_built_not_isolated(binaries, outside):
    b = binaries
    env = {"PYTHONPATH": str(outside)}
    report = launcher_report(b, binary=b.not_isolated, env=env)
    assert report["isolated"] == 0 and report["site_imported"] is True
    result = json.loads(run_check(b, "shadow", binary=b.not_isolated,
                                  cwd=outside, env=env).stdout)
    assert result["purepy_mod"] == str(outside / "purepy_mod.py")
    assert result["_top_multi"].startswith(str(b.program_root / "_top_multi."))


EMBEDDED_CODE = """
import os, sys
import _pystatic, a.b.c._deep_single as m, _top_multi
assert m.__name__ == "a.b.c._deep_single", m.__name__
assert m.__spec__.loader is _pystatic.StaticExtensionImporter
# No launcher, so no module root: next to the executable.
root = os.path.dirname(sys.executable)
assert os.path.dirname(m.__file__) == os.path.join(root, "a", "b", "c"), \
    m.__file__
assert os.path.dirname(_top_multi.__file__) == root, _top_multi.__file__
assert sys.meta_path.count(_pystatic.StaticExtensionImporter) == 1
print("ok")
"""


def test_embedding_without_the_launcher(binaries):
    b = binaries
    proc = subprocess.run([str(b.embedded), str(b.interp.prefix),
                           EMBEDDED_CODE], capture_output=True, text=True,
                          env=b.env, timeout=120)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "ok\n", "")


def test_launcher_with_no_extension_modules(binaries):
    b = binaries
    report = launcher_report(b, "x", binary=b.empty,
                             env={"PYSTATIC_DEBUG": "1"}, check_stderr=False)
    assert report["argv"][1:] == ["launcher", "x"]
    assert any("StaticExtensionImporter" in f for f in report["meta_path"])
    proc = b.run("launcher", binary=b.empty, env={"PYSTATIC_DEBUG": "1"})
    assert proc.stderr.splitlines() == [
        "pystatic: 0 static extension modules:",
        "pystatic: imported 0 of 0 static extension modules:"]


def test_launcher_refuses_registry_for_another_python(binaries):
    b = binaries
    proc = b.run("launcher", binary=b.wrong_version)
    major, minor = version_tuple(b)
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == (
        f"{b.wrong_version}: cannot start: the extension modules were "
        f"compiled for Python {major}.{minor + 1}, the runtime for Python "
        f"{major}.{minor}, and the linked interpreter is Python "
        f"{major}.{minor}; build every part against one Python\n")


def test_launcher_refuses_unsorted_registry(binaries):
    b = binaries
    proc = b.run("launcher", binary=b.unsorted)
    assert proc.returncode == 1
    assert "cannot start: the extension registry is not sorted" \
        in proc.stderr, proc.stderr


def test_launcher_finds_runfiles(binaries, tmp_path):
    b = binaries
    rf = b.runfiles_dir
    # <executable>.runfiles next to the binary.
    report = launcher_report(b, binary=b.runfiles)
    assert report["path"][0] == f"{rf}/_main"
    assert report["main_file"] == f"{rf}/_main/main.py"
    assert report["path"][1] == f"{rf}/python/lib/python{b.interp.version}"

    # $RUNFILES_DIR wins.
    other = tmp_path / "other.runfiles"
    shutil.copytree(rf, other, symlinks=True)
    report = launcher_report(b, binary=b.runfiles,
                             env={"RUNFILES_DIR": str(other)})
    assert report["path"][0] == f"{other}/_main"

    # <argv[0]>.runfiles: through a symlink whose target has no runfiles.
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    shutil.copy2(b.runfiles, lonely / "bin")
    (tmp_path / "link").symlink_to(lonely / "bin")
    shutil.copytree(rf, tmp_path / "link.runfiles", symlinks=True)
    report = launcher_report(b, binary=tmp_path / "link")
    assert report["path"][0] == f"{tmp_path}/link.runfiles/_main"

    # None at all: a clear error.
    proc = b.run("launcher", binary=lonely / "bin")
    assert proc.returncode == 1
    assert "cannot start: no runfiles directory" in proc.stderr, proc.stderr


def test_debug_environment_variable(binaries):
    b = binaries
    quiet = b.run("debug")
    assert quiet.returncode == 0 and quiet.stderr == ""
    proc = b.run("debug", env={"PYSTATIC_DEBUG": "1"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "imported\n"
    lines = proc.stderr.splitlines()
    n = len(EXTENSION_NAMES)
    assert lines[0] == f"pystatic: {n} static extension modules:"
    listed = [line.split()[1] for line in lines[1:n + 1]]
    assert listed == sorted(EXTENSION_NAMES, key=lambda s: s.encode())
    assert "pystatic:   extpkg  //tests/runtime/modules:extpkg  (package)" \
        in lines
    # 3.15+: created by CPython's PyImport_CreateModuleFromInitfunc(), not
    # by the runtime's own path (which needs private symbols there).
    how = ", through PyImport_CreateModuleFromInitfunc" \
        if version_tuple(b) >= (3, 15) else ""
    assert lines[n + 1:] == [
        f"pystatic: imported _top_multi (multi-phase{how}) from "
        "//tests/runtime/modules:_top_multi",
        f"pystatic: imported a.b.c._deep_single (single-phase{how}) from "
        "//tests/runtime/modules:a.b.c._deep_single",
        "pystatic: failed to import failing.raises from "
        "//tests/runtime/modules:failing.raises: RuntimeError",
        # Created, but its exec slot raised: failed, not imported.
        "pystatic: failed to import failing.exec_raises from "
        "//tests/runtime/modules:failing.exec_raises: ValueError",
        f"pystatic: imported 2 of {n} static extension modules:",
        "pystatic:   _top_multi",
        "pystatic:   a.b.c._deep_single",
    ]


def test_debug_environment_variable_is_not_inherited(binaries):
    """A child started with sys.executable writes no debug report unless its
    parent passes PYSTATIC_DEBUG on (checks/debug_child.py)."""
    b = binaries
    proc = b.run("debug_child", env={"PYSTATIC_DEBUG": "1"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[-1] == "ok", proc.stdout
    # The parent's own report is still there.
    assert proc.stderr.startswith("pystatic: "), proc.stderr


# -- private CPython symbols ---------------------------------------------------

# The private symbols the runtime calls, per version (docs/runtime.md says
# why): the package context, the single-phase subinterpreter check, and the
# two-phase start-up of single-file binaries (gone in 3.14).  On 3.15
# PyImport_CreateModuleFromInitfunc() replaces the first two: none is left.
PRIVATE_SYMBOLS = {
    (3, 10): {"_Py_PackageContext", "_Py_InitializeMain"},
    (3, 11): {"_Py_PackageContext", "_Py_InitializeMain"},
    (3, 12): {"_PyImport_SwapPackageContext", "_Py_InitializeMain",
              "_PyImport_CheckSubinterpIncompatibleExtensionAllowed"},
    (3, 13): {"_PyImport_SwapPackageContext", "_Py_InitializeMain",
              "_PyImport_CheckSubinterpIncompatibleExtensionAllowed"},
    (3, 14): {"_PyImport_SwapPackageContext",
              "_PyImport_CheckSubinterpIncompatibleExtensionAllowed"},
    (3, 15): set(),
}
# Underscored names that public macros expand to: reference counting, the
# singletons, and PY_SSIZE_T_CLEAN's *_SizeT variants (3.10-3.12).
MACRO_SYMBOLS = {"_Py_Dealloc", "_Py_NoneStruct", "_Py_TrueStruct",
                 "_Py_FalseStruct"}


def test_private_cpython_symbols(binaries):
    b = binaries
    assert b.runtime_objects
    undefined = set()
    for obj in b.runtime_objects:
        out = subprocess.run(["nm", "-u", "-P", str(obj)], check=True,
                             capture_output=True, text=True).stdout
        undefined |= {line.split()[0] for line in out.splitlines()}
    private = {s for s in undefined if s.startswith("_Py")
               and s not in MACRO_SYMBOLS and not s.endswith("_SizeT")}
    assert private == PRIVATE_SYMBOLS[version_tuple(b)]


# -- what the link leaves to the dynamic loader -------------------------------

def symbols(path, *flags):
    """{name: nm type letter} of the defined symbols nm lists."""
    out = subprocess.run(["nm", "-P", "--defined-only", *flags, str(path)],
                         check=True, capture_output=True, text=True).stdout
    return {f[0].split("@")[0]: f[1] for f in map(str.split,
                                                   out.splitlines())}


def test_init_functions_are_not_exported(binaries):
    """--export-dynamic puts the C API in the dynamic symbol table for the
    stdlib's lib-dynload modules, but the renamed init functions stay out
    (registry.h declares them hidden): 5000 extensions would otherwise add
    5000 names to .dynsym and .gnu.hash."""
    b = binaries
    linked = symbols(b.main)
    inits = {harness.init_symbol(ext.name) for ext in harness.EXTENSIONS}
    assert {s: linked.get(s) for s in inits} == dict.fromkeys(inits, "t")
    exported = symbols(b.main, "-D")
    assert "PyLong_FromLong" in exported and "Py_Initialize" in exported
    assert sorted(inits & exported.keys()) == []


def test_registry_needs_no_relocation_per_module(binaries):
    """In a position-independent executable every pointer in static data is
    a relocation the dynamic loader applies at each start.  The registry
    returns the init functions from a switch (a PC-relative jump table and
    code), so only its code refers to them: no data relocation per
    module."""
    b = binaries
    out = subprocess.run(["readelf", "-rW", str(b.workdir / "obj" /
                                                 "registry.o")],
                         check=True, capture_output=True, text=True).stdout
    section, refs = None, {}
    for line in out.splitlines():
        if line.startswith("Relocation section"):
            section = line.split("'")[1]
            continue
        fields = line.split()
        if len(fields) >= 5 and fields[4].startswith("PyStatic_Init_"):
            refs.setdefault(section, set()).add(fields[4])
    assert refs == {".rela.text": {harness.init_symbol(ext.name)
                                   for ext in harness.EXTENSIONS}}


# -- the reference: CPython's own loader on the same modules as .so files ----

# Where the static loader knowingly differs from CPython's (docs/runtime.md).
def expected_differences(so_facts, so_root=None, static_root=None):
    """The .so facts, edited where the static loader differs on purpose:
    init failures name the module by its full dotted name, where CPython
    names the short one (or, for PyInitU_ modules, its punycode form), since
    one binary can hold many modules with one short name.  Messages that
    name a module by its repr (3.15's exec failures) hold its __file__: the
    .so tree's root stands for the program's."""
    text = json.dumps(so_facts)
    if so_root is not None:
        text = text.replace(json.dumps(str(so_root))[1:-1],
                            json.dumps(str(static_root))[1:-1])
    facts = json.loads(text)
    for name, entry in facts.items():
        if not isinstance(entry, dict) or not isinstance(
                entry.get("first"), list):
            continue
        short = name.rsplit(".", 1)[-1]
        if not short.isascii():
            short = short.encode("punycode").decode().replace("-", "_")
        for key in ("first", "retry"):
            value = entry.get(key)
            if isinstance(value, list) and isinstance(value[1], str):
                entry[key][1] = entry[key][1].replace(
                    f"initialization of {short} ",
                    f"initialization of {name} ")
    return facts


def test_same_facts_as_cpython_loading_so_files(binaries):
    b = binaries
    if b.shared_tree is None:
        pytest.skip("the .so reference is not built with sanitizers")
    static = json.loads(run_check(b, "facts", "static").stdout)
    proc = subprocess.run(
        [str(b.python), "-I", "-S",
         str(b.program_root / "checks" / "facts.py"), "so",
         str(b.shared_tree)],
        capture_output=True, text=True, env=b.env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    reference = expected_differences(json.loads(proc.stdout), b.shared_tree,
                                     b.program_root)
    assert static.keys() == reference.keys()
    for key in reference:
        assert static[key] == reference[key], key


# -- registry lookups, in C, against a brute-force scan ----------------------

def registry_test_names():
    """Names that sort next to each other in every way that matters to a
    prefix search, plus a thousand ordinary ones."""
    names = set()
    for base in ("pkg", "pkg.sub", "a", "\u00e9t\u00e9", "zz"):
        for tail in ("", "-x", "+", ".a", ".a.b", "._m", "/", "0", "a", "A",
                     "_", ".\u010daj", "\u00e9", ".sub.deep._mod"):
            names.add(base + tail)
    for i in range(1000):
        names.add(f"p{i % 37}.s{i % 11}._m{i}")
    return sorted(names, key=lambda n: n.encode())


def test_registry_source_matches_golden():
    """The Python generator writes the golden registry that the Starlark one
    must also write (tests/analysis/registry:golden_test)."""
    generated, golden = harness.golden_registry()
    assert generated == golden, \
        "registry_source() changed: python3 tests/runtime/harness.py --golden"


def init_symbol_cases():
    """tests/analysis/init_symbol_cases.bzl's table, which the analysis test
    holds rules/private/naming.bzl to. Starlark and Python string literals
    agree on its escapes; a non-ASCII name there is one Latin-1 character per
    UTF-8 byte, as Starlark reads a BUILD file."""
    import ast
    text = (harness.REPO / "tests" / "analysis" /
            "init_symbol_cases.bzl").read_text()
    table = ast.literal_eval(text.split("INIT_SYMBOL_CASES = ", 1)[1])
    return {name.encode("latin-1").decode("utf-8"): symbol
            for name, symbol in table.items()}


def test_init_symbol_matches_the_rules():
    """The harness renames init functions itself (no Bazel here); it must
    name them as the rules do, or these binaries test another scheme."""
    cases = init_symbol_cases()
    assert len(cases) >= 9 and any(not n.isascii() for n in cases)
    for name, symbol in cases.items():
        assert harness.init_symbol(name) == symbol, name


def test_registry_lookup_matches_brute_force(tmp_path):
    version = harness.sanitized_version()
    interp = harness.find_interpreter(version)
    if interp is None:
        pytest.fail(f"CPython {harness.VERSIONS.get(version, version)} is "
                    "missing")
    archive, stub = harness.static_archive(interp, tmp_path / "libpython")
    names = registry_test_names()
    entries = [(n, "init_all", "//t:" + str(i), "0")
               for i, n in enumerate(names)]
    source = harness.registry_source(entries, interp.hexversion)
    source = source.replace(
        "PYSTATIC_DECLARE_INIT(init_all);\n" * len(names),
        "PYSTATIC_DECLARE_INIT(init_all);\n")
    source += "struct _object *init_all(void) { return 0; }\n"
    (tmp_path / "registry.c").write_text(source)
    exe = tmp_path / "registry_test"
    cmd = ["gcc", "-std=c11", "-O2", "-g", *harness.WARNINGS,
           f"-I{interp.include}", f"-I{harness.RUNTIME / 'include'}",
           f"-I{harness.RUNTIME / 'src'}", "-o", str(exe),
           str(harness.HERE / "c" / "registry_test.c"),
           str(harness.RUNTIME / "src" / "registry.c"),
           str(tmp_path / "registry.c"), *([str(stub)] if stub else []),
           "-Wl,--whole-archive", str(archive),
           "-Wl,--no-whole-archive", *interp.libs]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    run = subprocess.run([str(exe), "", ".", "pkg.", "p1.s1", "q"],
                         capture_output=True, text=True, timeout=300)
    assert (run.returncode, run.stdout, run.stderr) == (0, "ok\n", "")
