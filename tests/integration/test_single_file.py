"""Single-file binaries (docs/single_file.md), built by Bazel 7.7.1 on every supported Python.

The binary is copied alone, renamed, out of bazel-bin and run from elsewhere:
through a symlink, from another directory, and with every Python install hidden
(a mount namespace). Also: the build errors, the pack's format against
runtime/include/pystatic/pack.h, and a reproducible pack.
"""

import json
import os
import re
import shutil
import struct
import subprocess

import pytest

import bazel

TARGET = "//tests/single_file:sf_main"
BIN = bazel.ROOT / "bazel-bin" / "tests" / "single_file"
PACK_H = bazel.ROOT / "runtime" / "include" / "pystatic" / "pack.h"
HEADER = struct.Struct("<8s10I")
MODULE = struct.Struct("<6I")
FILE = struct.Struct("<4I")
TRACEBACK_LINE = "raise RuntimeError(value)  # the line a traceback must show"


def version_flag(version):
    # In this repository the flag is //toolchain:..., see test_build_errors.py.
    return "--//toolchain:python_version=" + version


def run(binary, *args, cwd=None, env=None):
    return subprocess.run(
        [str(binary), *args],
        cwd=cwd,
        env=env if env is not None else {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )


def facts_of(binary, *args, **kwargs):
    result = run(binary, "facts", *args, **kwargs)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.fixture(scope="module", params=bazel.PYTHON_VERSIONS + bazel.DEBIAN_PYTHON_VERSIONS)
def copied(request, tmp_path_factory):
    """(version, the single-file binary copied alone under another name)."""
    version = request.param
    bazel.run(["build", TARGET, version_flag(version)], cwd=bazel.ROOT)
    where = tmp_path_factory.mktemp("single_file_" + version.replace(".", "_"))
    binary = where / "renamed-tool"
    shutil.copy2(BIN / "sf_main", binary)
    assert sorted(p.name for p in where.iterdir()) == ["renamed-tool"]
    return version, binary


def check_facts(facts, binary, version, one_phase=None):
    exe = str(binary.resolve())
    if one_phase is None:
        # 3.14 removed _Py_InitializeMain(): the runtime starts in one phase
        # there, with encodings frozen from the pack (docs/single_file.md).
        one_phase = tuple(map(int, version.split("."))) >= (3, 14)
    assert facts["version"] == version
    assert facts["executable"] == exe
    assert facts["path"] == []
    if one_phase:
        # encodings came from the pack through PyImport_FrozenModules.
        assert facts["encodings_loader"] == "FrozenImporter"
    else:
        assert facts["encodings_loader"] == "PackedImporter"
        assert facts["encodings_file"] == exe + "/encodings/__init__.py"
    assert facts["pkg_file"] == exe + "/pkg/__init__.py"
    assert facts["pkg_path"] == [exe + "/pkg"]
    assert facts["boom_origin"] == exe + "/pkg/boom.py"
    assert facts["main_file"] == exe + "/tests/single_file/sf_main.py"
    assert TRACEBACK_LINE in facts["boom_source"]
    assert TRACEBACK_LINE in facts["traceback"]
    assert facts["json_dumps"] == '{"a": [1, 2]}'
    assert facts["math_sqrt"] == 4.0
    # No module came from a file on disk.
    assert facts["stdlib_on_disk"] == []
    res = facts["resources"]
    assert res["greeting"] == "hello, packed data\n"
    assert res["greeting_opened"] == "hello, packed data\n"
    assert res["greeting_is_file"] is True
    assert res["data_is_dir"] is True
    assert res["data_entries"] == ["greeting.txt", "sub"]
    assert res["nested"] == "nested \u00e9\n"
    assert res["missing_is_file"] is False
    assert res["package_sources"] == ["__init__.py", "boom.py"]
    assert res["files_str"] == exe + "/pkg"
    edges = facts["edges"]
    assert edges["iterdir_file"] == "NotADirectoryError"
    assert edges["read_dir"] == "IsADirectoryError"
    assert edges["read_missing"] == "FileNotFoundError"
    assert edges["namespace_is_package"] is True and edges["namespace_source"] is None
    assert edges["boom_is_package"] is False
    assert edges["boom_filename"] == exe + "/pkg/boom.py"
    assert edges["reloaded"] == "pkg.boom"
    assert edges["get_data"] == "hello, packed data\n"
    assert edges["get_data_missing"] == "FileNotFoundError"
    assert edges["json_reimported_same_init"] is True
    assert edges["missing"] == "No module named 'pkg.does_not_exist'"


def check_memfd_extension(facts, binary):
    """lib-dynload .so files are packed and loaded from a memfd: _queue on
    every toolchain, _json too where it is a .so (pyenv's; Debian builds it
    into libpython)."""
    exe = str(binary.resolve())
    modules = ["_queue"] if facts["version"] in bazel.DEBIAN_PYTHON_VERSIONS else ["_queue", "_json"]
    for module in modules:
        origin = facts[module + "_origin"]
        assert origin.startswith(exe + "/lib-dynload/{}.".format(module)), origin
        assert origin.endswith(".so")
        assert facts[module + "_file"] == origin
        assert facts[module + "_maps"], "no mapping of {} in /proc/self/maps".format(module)
        for mapping in facts[module + "_maps"]:
            assert mapping.startswith("/memfd:" + module), facts[module + "_maps"]
    if facts["version"] in bazel.DEBIAN_PYTHON_VERSIONS:
        assert facts["_json_origin"] == "built-in"
    # hashlib works: on Debian's 3.14/3.15 through OpenSSL (_hashlib, a packed
    # .so), their static libpython having no HACL* objects (docs/toolchain.md).
    assert facts["hashlib_md5"] == "f59dcd306ec32930f1e78a1d82280b48"
    assert facts["hashlib_sha3_256"] == "dda38b3fafda317ae2c3ba05b3f99cee8fe29a3530b7532d0f97036124393261"


def test_runs_copied_renamed_from_another_directory(copied, tmp_path):
    version, binary = copied
    facts = facts_of(binary, "x y", cwd=tmp_path)
    assert facts["argv"] == [str(binary), "facts", "x y"]
    assert facts["cwd"] == str(tmp_path)
    check_facts(facts, binary, version)
    check_memfd_extension(facts, binary)


def test_runs_through_a_symlink(copied, tmp_path):
    version, binary = copied
    link = tmp_path / "bin" / "tool-link"
    link.parent.mkdir()
    link.symlink_to(binary)
    facts = facts_of(link, cwd="/")
    assert facts["argv"][0] == str(link)
    # sys.executable, and so every __file__, is the resolved binary.
    check_facts(facts, binary, version)


def test_relative_invocation_on_path(copied, tmp_path):
    version, binary = copied
    env = {"PATH": str(binary.parent) + ":/usr/bin:/bin", "HOME": "/nonexistent"}
    facts = facts_of("renamed-tool", cwd=tmp_path, env=env)
    check_facts(facts, binary, version)


def test_uncaught_exception_shows_packed_source(copied, tmp_path):
    _, binary = copied
    result = run(binary, "boom", cwd=tmp_path)
    assert result.returncode == 1
    assert "RuntimeError: boom from packed code" in result.stderr
    assert TRACEBACK_LINE in result.stderr, result.stderr
    assert 'pkg/boom.py", line 6, in explode' in result.stderr


def test_python_cli(copied, tmp_path):
    """python_cli = True: -c and -m run as python would, on the packed modules
    and the packed stdlib, with no Python installed needed."""
    version, binary = copied
    exe = str(binary.resolve())
    result = run(binary, "-c", "import sys, json, pkg; print(sys.argv, pkg.__file__, json.dumps([1]))", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split() == ["['-c']", exe + "/pkg/__init__.py", "[1]"]
    result = run(binary, "-m", "pkg.boom", cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    result = run(binary, "-I", "-c", "raise SystemExit(5)", cwd=tmp_path)
    assert result.returncode == 5, result.stderr[-3000:]
    # A stdlib module the pack left out: `-m` says what python says of a
    # missing one (runpy asks find_spec(), which finds nothing); an import
    # names pack_keep.
    result = run(binary, "-m", "doctest", cwd=tmp_path)
    assert result.returncode == 1 and result.stderr == exe + ": No module named doctest\n", result.stderr
    result = run(binary, "-c", "try:\n import doctest\nexcept ImportError as e:\n print(e)", cwd=tmp_path)
    assert result.stdout == left_out_message("doctest") + "\n", result.stderr[-3000:]
    # Uncaught, as the traceback module prints it: 3.15's shows the message
    # `_missing_stdlib_info` has for a top-level stdlib name, which the pack
    # generates with the same text (docs/single_file.md).
    result = run(binary, "-c", "import doctest", cwd=tmp_path)
    assert result.returncode == 1, result.stderr[-3000:]
    assert result.stderr.splitlines()[-1] == "ModuleNotFoundError: " + left_out_message("doctest"), result.stderr
    if tuple(map(int, version.split("."))) >= (3, 15):
        # The stdlib's own entries stay (CPython's build writes them).
        result = run(binary, "-c", "import _winapi", cwd=tmp_path)
        assert result.stderr.splitlines()[-1] == (
            "ModuleNotFoundError: Unsupported platform for Windows-only standard library module "
            "'_winapi'"), result.stderr


def test_exit_status(copied):
    _, binary = copied
    assert run(binary, "exit", "7").returncode == 7


def _unshare():
    """The command that gives a private mount namespace: as root (CI, and
    inside the Bazel 7 root, where user namespaces are refused) `unshare -m`,
    else `unshare -rm`. Not being able to is a failure, never a skip: these
    tests are the proof that the binary needs no Python on the machine."""
    command = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    probe = subprocess.run([*command, "true"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) \
        if shutil.which("unshare") else None
    if probe is None or probe.returncode != 0:
        pytest.fail("{} is not possible here ({}); a mount namespace is needed to hide every Python".format(
            " ".join(command), probe.stdout.strip() if probe else "no unshare"))
    return command


def _hidden_python_script():
    """Shell lines that hide every Python install in a new mount namespace."""
    pyenv_root = subprocess.run(["pyenv", "root"], stdout=subprocess.PIPE, text=True).stdout.strip()
    lines = ["set -e", "mount -t tmpfs none {}".format(pyenv_root)]
    lines.append('for d in /usr/lib/python3* /usr/local/lib/python3* /usr/lib/python2*; do '
                 '[ -d "$d" ] && mount -t tmpfs none "$d"; done; true')
    lines.append('for f in /usr/bin/python* /usr/local/bin/python*; do '
                 '[ -e "$f" ] && mount --bind /dev/null "$f"; done; true')
    # Proof that nothing is left: no python3 runs, no stdlib is there.
    lines.append('if command -v python3 >/dev/null && python3 -c pass 2>/dev/null; then '
                 'echo "python3 still runs" >&2; exit 99; fi')
    lines.append('[ -z "$(ls -A {})" ] || {{ echo "pyenv root not hidden" >&2; exit 98; }}'.format(pyenv_root))
    lines.append('exec env -i PATH=/usr/bin:/bin HOME=/nonexistent "$@"')
    return "\n".join(lines)


def test_runs_with_no_python_installed(copied, tmp_path):
    version, binary = copied
    unshare = _unshare()
    script = tmp_path / "hide_python.sh"
    script.write_text(_hidden_python_script())
    result = subprocess.run(
        [*unshare, "sh", str(script), str(binary), "facts"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Could not find platform" not in result.stderr
    facts = json.loads(result.stdout)
    check_facts(facts, binary, version)
    check_memfd_extension(facts, binary)


def test_example_app_single_file_runs_with_no_python(tmp_path):
    """examples/monorepo's //ship:app_single_file: the example application,
    static extensions and all, copied alone and run with Python hidden."""
    unshare = _unshare()
    bazel.run(["build", "//ship:app_single_file", "--@rules_pystatic//toolchain:python_version=3.12"],
              cwd=bazel.EXAMPLE)
    binary = tmp_path / "app"
    shutil.copy2(bazel.EXAMPLE / "bazel-bin" / "ship" / "app_single_file", binary)
    script = tmp_path / "hide_python.sh"
    script.write_text(_hidden_python_script())
    result = subprocess.run(
        [*unshare, "sh", str(script), str(binary), "hello", "static", "world"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for line in [
        "args: hello static world",
        "beta._speedups: count() = 1, 2 (beta, 2 phases)",
        "mathext._fastmath: fib(90) = 2880067194370816120",
        "geometry._geom.shapes: Circle(2).area() = 12.5664, pickled radius 2.0",
        "spec origin of mathext._fastmath: {}/mathext/_fastmath.cpython-312-x86_64-linux-gnu.so".format(binary),
        "python 3.12",
    ]:
        assert line in result.stdout, result.stdout


@pytest.mark.parametrize("version", ["3.13"])
def test_one_phase_start_up_as_on_3_14(version, tmp_path):
    """The start-up written for 3.14+ (no _Py_InitializeMain()), forced on a
    version we have: encodings served as frozen modules from the pack, the
    packed importer installed after a one-phase initialization."""
    bazel.run(["build", TARGET, version_flag(version),
               "--copt=-DPYSTATIC_SINGLE_FILE_FROZEN_STARTUP"], cwd=bazel.ROOT)
    binary = tmp_path / "one-phase"
    shutil.copy2(BIN / "sf_main", binary)
    facts = facts_of(binary, cwd=tmp_path)
    check_facts(facts, binary, version, one_phase=True)
    check_memfd_extension(facts, binary)
    result = run(binary, "boom", cwd=tmp_path)
    assert result.returncode == 1 and TRACEBACK_LINE in result.stderr


def test_under_asan_and_ubsan(tmp_path):
    """The runtime (pack reader, importer, memfd loader, launcher) built with
    ASan and UBSan, every finding fatal (libpython itself is not
    instrumented; leaks are not checked: CPython does not free everything)."""
    sanitize = ["--copt=-fsanitize=address,undefined", "--copt=-fno-sanitize-recover=all",
                "--copt=-fno-omit-frame-pointer", "--linkopt=-fsanitize=address,undefined"]
    bazel.run(["build", TARGET, version_flag("3.12"), *sanitize], cwd=bazel.ROOT)
    binary = tmp_path / "sanitized"
    shutil.copy2(BIN / "sf_main", binary)
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "ASAN_OPTIONS": "detect_leaks=0"}
    facts = facts_of(binary, cwd=tmp_path, env=env)
    check_facts(facts, binary, "3.12")
    check_memfd_extension(facts, binary)
    result = run(binary, "boom", cwd=tmp_path, env=env)
    assert result.returncode == 1 and TRACEBACK_LINE in result.stderr
    assert "Sanitizer" not in result.stderr and "runtime error" not in result.stderr


def test_bazel_test_of_a_single_file_test():
    result = bazel.run(["test", "//tests/single_file:sf_exit_test"], cwd=bazel.ROOT)
    assert "PASSED" in result.stdout


# ---- the pack's format, and the runtime's checks of it -------------------


def _pack_constants():
    text = PACK_H.read_text()
    magic = re.search(r'#define PYSTATIC_PACK_MAGIC "(.*?)"', text).group(1)
    version = int(re.search(r"#define PYSTATIC_PACK_VERSION (\d+)", text).group(1))
    return magic.encode().replace(b"\\n", b"\n"), version


def _built_pack(version="3.12"):
    # The pack is an intermediate output: Bazel 7 leaves it in the disk cache
    # unless told to download everything.
    bazel.run(["build", TARGET, version_flag(version), "--remote_download_all"], cwd=bazel.ROOT)
    return (BIN / "_pystatic" / "sf_main" / "program.pack").read_bytes()


def test_pack_matches_the_header():
    """What pack_program.py writes is what pack.h describes."""
    magic, layout = _pack_constants()
    pack = _built_pack()
    h = HEADER.unpack_from(pack)
    (got_magic, version, python, _bytecode_magic, header_size, module_count, module_offset,
     file_count, file_offset, main_module, total) = h
    assert got_magic == magic and version == layout
    assert python == 0x030C and header_size == HEADER.size and total == len(pack)

    def string(offset, size):
        return pack[offset:offset + size].decode("utf-8")

    modules = [MODULE.unpack_from(pack, module_offset + i * MODULE.size) for i in range(module_count)]
    files = [FILE.unpack_from(pack, file_offset + i * FILE.size) for i in range(file_count)]
    names = [string(m[0], m[1]) for m in modules]
    paths = [string(f[0], f[1]) for f in files]
    assert names == sorted(names, key=lambda n: n.encode()) and len(set(names)) == len(names)
    assert paths == sorted(paths, key=lambda p: p.encode()) and len(set(paths)) == len(paths)
    by_name = dict(zip(names, modules))
    by_path = dict(zip(paths, files))
    assert names[main_module] == "tests.single_file.sf_main"
    assert by_name["pkg"][5] == 1 and paths[by_name["pkg"][4]] == "pkg/__init__.py"
    # Directories without __init__.py: packages with no code.
    assert by_name["tests"][5] == 3 and by_name["tests"][3] == 0
    assert by_name["_json"][5] == 4 and paths[by_name["_json"][4]].startswith("lib-dynload/_json.")
    greeting = by_path["pkg/data/greeting.txt"]
    assert pack[greeting[2]:greeting[2] + greeting[3]] == b"hello, packed data\n"
    assert "encodings/__init__.py" in by_path and "json/decoder.py" in by_path
    assert not any("__pycache__" in p or p.endswith(".pyc") for p in paths)
    assert not any(p.startswith(("lib-dynload/_test", "lib-dynload/xx")) for p in paths)


def _patched_binary(tmp_path, offset_in_header, value):
    binary = (BIN / "sf_main").read_bytes()
    magic, layout = _pack_constants()
    # The pack's magic is followed by its version; the C string in pack.c is not.
    start = binary.find(magic + struct.pack("<I", layout))
    assert start > 0 and start % 16 == 0
    patched = bytearray(binary)
    struct.pack_into("<I", patched, start + offset_in_header, value)
    out = tmp_path / "patched"
    out.write_bytes(bytes(patched))
    out.chmod(0o755)
    return out


def test_runtime_refuses_another_layout(tmp_path):
    _built_pack()
    result = run(_patched_binary(tmp_path, 8, 99))
    assert result.returncode == 1
    _, layout = _pack_constants()
    assert ("cannot start: the packed program has layout version 99 (this runtime reads {})"
            .format(layout)) in result.stderr


def test_runtime_refuses_another_python(tmp_path):
    _built_pack()
    result = run(_patched_binary(tmp_path, 12, 0x030B))
    assert result.returncode == 1
    assert "the packed program was compiled for Python 3.11, the runtime for Python 3.12" in result.stderr


def test_runtime_refuses_a_damaged_table(tmp_path):
    _built_pack()
    result = run(_patched_binary(tmp_path, 8 + 4 * 5, 0x7FFFFFF0))    # module_offset
    assert result.returncode == 1
    assert "the packed program's header is damaged" in result.stderr


def test_pack_is_reproducible():
    """The pack action run again, in a new process, writes the same bytes."""
    first = _built_pack()
    pack = BIN / "_pystatic" / "sf_main" / "program.pack"
    pack.parent.chmod(0o755)
    pack.unlink()
    # Bazel sees its output gone and runs the action again, without the disk
    # cache (--disk_cache=: Bazel 7 reads it even with --noremote_accept_cached).
    result = bazel.run(["build", TARGET, version_flag("3.12"), "--disk_cache=", "--remote_download_all"],
                       cwd=bazel.ROOT)
    assert "processwrapper-sandbox" in result.stdout, result.stdout[-2000:]
    assert pack.read_bytes() == first


# ---- the module graph: only what the program imports (pack_stdlib) ---------


def _pack_tables(pack):
    h = HEADER.unpack_from(pack)
    module_count, module_offset, file_count, file_offset = h[5], h[6], h[7], h[8]
    modules, files = {}, {}
    for i in range(module_count):
        m = MODULE.unpack_from(pack, module_offset + i * MODULE.size)
        modules[pack[m[0]:m[0] + m[1]].decode()] = m
    for i in range(file_count):
        f = FILE.unpack_from(pack, file_offset + i * FILE.size)
        files[pack[f[0]:f[0] + f[1]].decode()] = f
    return modules, files


@pytest.fixture(scope="module")
def graph_binaries(tmp_path_factory):
    """{"graph": (binary, pack), "all": (binary, pack)} for sf_graph, copied alone."""
    targets = {"graph": "sf_graph", "all": "sf_graph_all"}
    bazel.run(["build", "--remote_download_all", version_flag("3.12")]
              + ["//tests/single_file:" + t for t in targets.values()], cwd=bazel.ROOT)
    where = tmp_path_factory.mktemp("graph")
    out = {}
    for key, target in targets.items():
        binary = where / target
        shutil.copy2(BIN / target, binary)
        pack = (BIN / "_pystatic" / target / "program.pack").read_bytes()
        out[key] = (binary, pack)
    return out


def test_graph_packs_what_the_program_imports(graph_binaries):
    binary, pack = graph_binaries["graph"]
    facts = facts_of(binary)
    # A lazy import inside a function, and one by a computed name kept by pack_keep.
    assert facts["lazy"] == "x" and facts["kept"] == 0.0
    modules, _ = _pack_tables(pack)
    packed = {n for n, m in modules.items() if not m[5] & 8}
    left_out = {n for n, m in modules.items() if m[5] & 8}
    assert {"json", "json.decoder", "importlib", "textwrap", "colorsys", "encodings.utf_8"} <= packed
    # Nothing imports these: their names only, no code, no file.
    assert {"tkinter", "unittest", "doctest", "xml.dom.minidom"} <= left_out
    for name in left_out:
        assert modules[name][3] == 0 and modules[name][4] == 0xFFFFFFFF


def test_graph_pack_is_a_fraction_of_the_whole_stdlib(graph_binaries):
    graph = len(graph_binaries["graph"][1])
    everything = len(graph_binaries["all"][1])
    # Measured on 3.12: 8.3 MB against 27.8 MB (0.30); json's lazy imports
    # reach importlib.metadata, email and tarfile, so not much less.
    assert graph < everything * 0.4, (graph, everything)


def test_left_out_module_names_the_switch(graph_binaries):
    result = run(graph_binaries["graph"][0], "import", "unittest.mock")
    assert result.returncode == 0, result.stderr
    err = json.loads(result.stdout)
    assert err["name"] == "unittest"
    assert "left it out because nothing its program imports reaches it" in err["error"]
    assert err["error"] == left_out_message("unittest")
    # With the whole stdlib it imports.
    result = run(graph_binaries["all"][0], "import", "unittest.mock")
    assert json.loads(result.stdout) == {"error": None}, result.stderr


def left_out_message(name):
    return (
        f"No module named {name!r}: the stdlib has it, but this single-file binary left it out "
        f"because nothing its program imports reaches it. Keep it with pack_keep = [{name!r}] on "
        'the py_static_binary, or pack the whole stdlib with pack_stdlib = "all" '
        "(docs/single_file.md)"
    )


def test_left_out_module_has_no_spec(graph_binaries):
    # As CPython answers for a module that is not there: None, so that
    # `if importlib.util.find_spec("tkinter"):` tests for an optional module.
    names = ["tkinter", "json.tool", "no_such_module_anywhere", "json", "colorsys", "unittest.mock"]
    result = run(graph_binaries["graph"][0], "find_spec", *names)
    assert result.returncode == 0, result.stderr
    specs = json.loads(result.stdout)
    # A left-out module, a left-out submodule of a packed package, a name no one has.
    for name in ("tkinter", "json.tool", "no_such_module_anywhere"):
        assert specs[name] == {"spec": None, "pkgutil": False}, (name, specs[name])
    assert specs["json"] == {"spec": "json", "pkgutil": True}
    assert specs["colorsys"] == {"spec": "colorsys", "pkgutil": True}
    # find_spec imports the parent: that import fails, and says why.
    assert specs["unittest.mock"] == {
        "type": "ModuleNotFoundError", "error": left_out_message("unittest"), "name": "unittest"}
    # With the whole stdlib they are all there.
    result = run(graph_binaries["all"][0], "find_spec", "tkinter", "json.tool", "unittest.mock")
    assert result.returncode == 0, result.stderr
    assert {n: s["spec"] for n, s in json.loads(result.stdout).items()} == {
        "tkinter": "tkinter", "json.tool": "json.tool", "unittest.mock": "unittest.mock"}


@pytest.mark.parametrize("fast_import", ["1", "0"])
def test_left_out_import_statement_names_the_switch(graph_binaries, fast_import):
    # `try: import x / except ImportError:` and the message, with the fast
    # import path (the default) and without it.
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "PYSTATIC_FAST_IMPORT": fast_import}
    binary = graph_binaries["graph"][0]
    # A left-out module, a left-out submodule of a packed package (json), and
    # one under a left-out package (xml: the first missing name is named).
    for name, missing in [("tkinter", "tkinter"), ("json.tool", "json.tool"),
                          ("xml.dom.minidom", "xml")]:
        result = run(binary, "statement", "import " + name, env=env)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == {
            "type": "ModuleNotFoundError", "error": left_out_message(missing), "name": missing}, name
    # A name the stdlib does not have keeps importlib's own message.
    result = run(binary, "statement", "import no_such_module_anywhere", env=env)
    assert json.loads(result.stdout) == {
        "type": "ModuleNotFoundError", "error": "No module named 'no_such_module_anywhere'",
        "name": "no_such_module_anywhere"}
    # So does `from json import tool`: CPython's ImportError for a missing
    # submodule there (importlib ignores the submodule's own error).
    result = run(binary, "statement", "from json import tool", env=env)
    err = json.loads(result.stdout)
    assert err["type"] == "ImportError" and err["name"] == "json", err
    assert err["error"].startswith("cannot import name 'tool' from 'json' ("), err
    # A packed module imports.
    result = run(binary, "statement", "import colorsys", env=env)
    assert json.loads(result.stdout) == {"error": None}, result.stderr


def test_left_out_module_from_pythonpath(graph_binaries, tmp_path):
    # Not packed means not there: with the environment inherited, a
    # PYTHONPATH entry may provide it, as it may any module the pack lacks.
    (tmp_path / "tkinter.py").write_text("")
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "PYSTATIC_INHERIT_ENVIRONMENT": "1",
           "PYTHONPATH": str(tmp_path)}
    binary = graph_binaries["graph"][0]
    check = "import tkinter; assert tkinter.__file__ == {!r}".format(str(tmp_path / "tkinter.py"))
    result = run(binary, "statement", check, env=env)
    assert json.loads(result.stdout) == {"error": None}, result.stdout + result.stderr
    result = run(binary, "find_spec", "tkinter", env=env)
    assert json.loads(result.stdout)["tkinter"]["spec"] == "tkinter", result.stdout + result.stderr


def test_left_out_hint_wraps_the_fast_import_path(graph_binaries):
    # The hint goes on top of the fast import path (runtime/src/pack_missing.c):
    # installed before it, it would keep the fast path out.
    def chain(key, fast_import="1"):
        env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "PYSTATIC_FAST_IMPORT": fast_import}
        result = run(graph_binaries[key][0], "import_hooks", env=env)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    # (The fast path's __self__ is its context, not the function it replaced.)
    assert chain("graph") == ["_pystatic_pack", "_pystatic"]
    assert chain("graph", "0") == ["_pystatic_pack", "_frozen_importlib"]
    # Nothing left out (pack_stdlib = "all"): no hint.
    assert chain("all") == ["_pystatic"]


def test_a_name_no_one_has_is_still_plain_not_found(graph_binaries):
    result = run(graph_binaries["graph"][0], "import", "no_such_module_anywhere")
    err = json.loads(result.stdout)
    assert err["error"] == "No module named 'no_such_module_anywhere'"


def test_sources_are_left_out_by_default(graph_binaries):
    binary, pack = graph_binaries["graph"]
    assert facts_of(binary)["source"] is False
    _, files = _pack_tables(pack)
    # The path stays (it is __file__), the content is not carried.
    assert files["json/__init__.py"][2] == 0xFFFFFFFF and files["json/__init__.py"][3] == 0
    result = run(binary, "raise")
    assert result.returncode == 1
    assert re.search(r'sf_graph\.py", line \d+, in main\n', result.stderr), result.stderr
    assert "boom from a sourceless module" in result.stderr
    assert "# shown only with sources" not in result.stderr
    # pack_sources = "all": the line is there.
    all_binary, _ = graph_binaries["all"]
    assert facts_of(all_binary)["source"] is True
    assert "# shown only with sources" in run(all_binary, "raise").stderr


# ---- build errors ----------------------------------------------------------


def _build_fails(*args):
    result = bazel.run(["build", *args], cwd=bazel.ROOT, check=False)
    assert result.returncode != 0, result.stdout[-3000:]
    # Labels of this repository as Bazel's own messages print them (//p:t),
    # never with a repository prefix as str(Label) has them with bzlmod
    # (rules/private/labels.bzl): the messages checked below are substrings.
    assert not re.search(r"@@?//tests/", result.stdout), result.stdout[-3000:]
    return result.stdout


def test_error_syntax_error_names_the_file():
    out = _build_fails("//tests/single_file/errors:bad_syntax")
    assert (
        "//tests/single_file/errors:bad_syntax: tests/single_file/errors/bad_syntax.py does not "
        "compile (line 1): SyntaxError: invalid syntax. single_file = True compiles every Python "
        "source at build time; fix the file or leave it out of srcs/deps/data"
    ) in out


def test_error_data_file_collides_with_a_module():
    out = _build_fails("//tests/single_file/errors:collision")
    assert (
        "//tests/single_file/errors:collision: two different files would be packed at 'helper.py': "
        "tests/single_file/errors/sub/helper.py"
    ) in out
    assert "tests/single_file/errors/other/helper.py" in out
    assert "rename one of them, or drop the `imports` entry or `data` file that makes them meet" in out


def test_error_toolchain_without_interpreter():
    out = _build_fails(
        "//tests/single_file/errors:no_interpreter",
        "--extra_toolchains=//tests/single_file/errors:toolchain_without_interpreter",
    )
    label = r"//tests/single_file/errors:"
    assert re.search(
        label + r"no_interpreter: single_file = True needs the toolchain's "
        r"`interpreter` to compile the program's bytecode at build time, and the toolchain "
        + label + r"python_without_interpreter \(Python 3\.12\) has none\.",
        out,
    ), out[-3000:]


def test_error_pack_keep_names_no_module():
    out = _build_fails("//tests/single_file/errors:bad_keep")
    assert re.search(r"//tests/single_file/errors:bad_keep: pack_keep names 'jsn\.\*' which neither "
                     r"the program nor the stdlib of Python 3\.\d+ has; fix the name", out), out[-3000:]


PACKER = bazel.ROOT / "rules" / "private" / "tools" / "pack_program.py"


@pytest.mark.parametrize(
    "env, message",
    [
        # The interpreter that compiles the bytecode is not the embedded one.
        ({"PYTHONHASHSEED": "0"}, "the toolchain's interpreter is Python"),
        # set/frozenset constants would marshal in a random order.
        ({}, "run the packer with PYTHONHASHSEED=0"),
    ],
)
def test_packer_refuses(env, message, tmp_path):
    output = tmp_path / "program.pack"
    result = subprocess.run(
        ["python3", "-S", str(PACKER), "--label", "//x:app", "--workspace", "w", "--python", "2.7",
         "--output", str(output), "--main", "m.py"],
        env={"PATH": os.environ["PATH"], **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert result.returncode == 1
    assert message in result.stderr, result.stderr
    assert "//x:app" in result.stderr or "PYTHONHASHSEED" in message
    assert not output.exists()
