"""python.local under bzlmod (Bazel 7): a consumer module, the version flag's
default, the toolchains' platforms, and every message a user can hit.

One consumer module (rules_pystatic is this checkout, through tools/bazel.sh's
--override_module) whose MODULE.bazel each test rewrites; one Bazel server for
all of them. tools/bazel.sh passes --repo_env=PYSTATIC_PYTHON_3_X for pyenv's
CPythons; a test that is about the `interpreter` attribute clears it on the
command line (a later --repo_env wins).
"""

import json
import os
import pathlib
import re
import stat
import textwrap

import pytest

import bazel

EXT_C = """\
#include <Python.h>
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_ext", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__ext(void) { return PyModule_Create(&def); }
"""

# A cc toolchain for any target platform (the machine's own gcc): a build for
# another platform then gets past C++ toolchain resolution, as a user's cross
# toolchain would let it, and fails on the Python toolchain alone.
BUILD = """\
load("@rules_pystatic//rules:defs.bzl", "py_static_extension")

py_static_extension(name = "_ext", module = "_ext", srcs = ["_ext.c"])

filegroup(
    name = "branch",
    srcs = select({
        "@rules_pystatic//toolchain:python_3.11": ["took_3.11"],
        "@rules_pystatic//toolchain:python_3.12": ["took_3.12"],
        "//conditions:default": ["took_neither"],
    }),
)

toolchain(
    name = "cc_any_target",
    exec_compatible_with = ["@platforms//os:linux", "@platforms//cpu:x86_64"],
    toolchain = "@local_config_cc//:cc-compiler-k8",
    toolchain_type = "@bazel_tools//tools/cpp:toolchain_type",
)
"""

MODULE = """\
module(name = "consumer")

bazel_dep(name = "rules_pystatic", version = "0.1.0")
bazel_dep(name = "platforms", version = "0.0.10")

python = use_extension("@rules_pystatic//toolchain:extensions.bzl", "python")
{tags}
use_repo(python, "pystatic_pythons")
register_toolchains("@pystatic_pythons//:all")

cc_configure = use_extension("@bazel_tools//tools/cpp:cc_configure.bzl", "cc_configure_extension")
use_repo(cc_configure, "local_config_cc")
"""

PLATFORMS = "@rules_pystatic//tests/toolchain/platforms:"
CC_ANY = "--extra_toolchains=//:cc_any_target"


def _pyenv_python(version):
    root = pathlib.Path(os.environ.get("PYENV_ROOT", pathlib.Path.home() / ".pyenv"))
    found = sorted(root.glob("versions/{}.*/bin/python{}".format(version, version)))
    assert found, "no pyenv CPython " + version
    return str(found[-1])


def _no_env(version):
    """Clears tools/bazel.sh's $PYSTATIC_PYTHON_3_X, so `interpreter` counts."""
    return "--repo_env=PYSTATIC_PYTHON_{}=".format(version.replace(".", "_"))


@pytest.fixture(scope="module")
def consumer(tmp_path_factory):
    base = tmp_path_factory.mktemp("local_toolchain")
    work = base / "ws"
    work.mkdir()
    (work / "BUILD.bazel").write_text(BUILD)
    (work / "_ext.c").write_text(EXT_C)
    for name in ["took_3.11", "took_3.12", "took_neither"]:
        (work / name).write_text(name + "\n")
    startup = ["--output_base={}".format(base / "output_base"), "--max_idle_secs=120"]
    yield work, startup
    bazel.run(["shutdown"], cwd=work, startup=startup, check=False)


def _module(work, tags):
    (work / "MODULE.bazel").write_text(MODULE.format(tags=textwrap.dedent(tags).strip()))


# A label's repository part as this Bazel prints it: "//", "@//", "@@//", or a
# canonical name ("@@rules_pystatic+//", "@@rules_pystatic~//").
_REPO = r"(?:@@?[\w.+~-]*)?//"


def _says(out, message):
    """`message`, with {repo} wherever a label's repository part stands."""
    pattern = re.escape(message).replace(re.escape("{repo}"), _REPO)
    assert re.search(pattern, out), out[-3000:]


def _fails(work, startup, args):
    result = bazel.run(args, cwd=work, startup=startup, check=False)
    assert result.returncode != 0, result.stdout[-3000:]
    return result.stdout


def _external(work, startup, repo):
    out = bazel.run(["info", "output_base"], cwd=work, startup=startup).stdout.strip().splitlines()[-1]
    found = sorted(pathlib.Path(out, "external").glob("*[+~]" + repo))
    assert found, repo
    return found[0]


def _branch(work, startup, *flags):
    out = bazel.run(["cquery", "--output=files", "//:branch", *flags], cwd=work, startup=startup).stdout
    return [line for line in out.splitlines() if line.startswith("took_")]


TWO_VERSIONS = """\
    python.local(version = "3.11")
    python.local(version = "3.12", default = True)
"""


# --- The version flag's default ------------------------------------------

def test_select_follows_the_registered_default(consumer):
    work, startup = consumer
    _module(work, TWO_VERSIONS)
    assert _branch(work, startup) == ["took_3.12"]
    assert _branch(work, startup, bazel.version_flag("3.11")) == ["took_3.11"]
    bazel.run(["build", "//:_ext"], cwd=work, startup=startup)
    # Without `default = True`, the root module's first version.
    _module(work, 'python.local(version = "3.11")\npython.local(version = "3.12")')
    assert _branch(work, startup) == ["took_3.11"]


def test_empty_version_flag(consumer):
    work, startup = consumer
    _module(work, TWO_VERSIONS)
    out = _fails(work, startup, ["build", "//:_ext", "--@rules_pystatic//toolchain:python_version="])
    assert ("--@rules_pystatic//toolchain:python_version= is empty; name a version (3.10, 3.11, 3.12, 3.13, 3.14, 3.15), "
            "or leave the flag unset for the default, 3.12") in out


# --- Platforms -------------------------------------------------------------

@pytest.mark.parametrize("platform", ["linux_aarch64", "macos_arm64"])
def test_build_for_another_platform(consumer, platform):
    work, startup = consumer
    _module(work, TWO_VERSIONS)
    out = _fails(work, startup, ["build", "//:_ext", "--platforms=" + PLATFORMS + platform, CC_ANY])
    _says(out, (
        "{{repo}}:_ext: no registered Python 3.12 matches the target platform {{repo}}tests/toolchain/platforms:{}; "
        "registered in @pystatic_pythons: 3.11 for linux x86_64 (@platforms//os:linux, @platforms//cpu:x86_64), "
        "3.12 for linux x86_64 (@platforms//os:linux, @platforms//cpu:x86_64). "
        "A static binary links the libpython of its target platform: register a Python 3.12 built for that platform"
    ).format(platform))
    # Failed while analysing, before any compile or link.
    assert "Compiling" not in out and "Linking" not in out


def test_platform_of_the_toolchains(consumer):
    work, startup = consumer
    _module(work, TWO_VERSIONS)
    out = bazel.run(["query", "--output=build", "@pystatic_pythons//:python_3_12"], cwd=work, startup=startup).stdout
    for attr in ("exec_compatible_with", "target_compatible_with"):
        assert re.search(attr + r' = \["@@?platforms//os:linux", "@@?platforms//cpu:x86_64"\]', out), out
    facts = json.loads((_external(work, startup, "pystatic_python_3_12") / "python.json").read_text())
    assert (facts["sys_platform"], facts["machine"]) == ("linux", "x86_64")


def test_version_not_registered(consumer):
    work, startup = consumer
    _module(work, TWO_VERSIONS)
    out = _fails(work, startup, ["build", "//:_ext", bazel.version_flag("3.13")])
    _says(out, (
        "{repo}:_ext: Python 3.13 is not registered for rules_pystatic (--@rules_pystatic//toolchain:python_version=3.13); "
        "registered in @pystatic_pythons: 3.11 for linux x86_64"
    ))
    assert 'register 3.13: MODULE.bazel: python.local(version = "3.13")' in out


def test_no_python_registered(consumer):
    work, startup = consumer
    _module(work, "")
    out = _fails(work, startup, ["build", "//:_ext"])
    _says(out, (
        "{repo}:_ext: no Python is registered for rules_pystatic (@pystatic_pythons has none). Add one: "
        'MODULE.bazel: python.local(version = "3.12")'
    ))


def test_unsupported_version_tag(consumer):
    work, startup = consumer
    _module(work, 'python.local(version = "3.9")')
    out = _fails(work, startup, ["build", "//:_ext"])
    assert 'python.local(version = "3.9") in module consumer: not supported; use one of ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]' in out


# --- Finding the interpreter ----------------------------------------------

def test_interpreter_attribute(consumer):
    work, startup = consumer
    python = _pyenv_python("3.11")
    _module(work, 'python.local(version = "3.11", interpreter = "{}")'.format(python))
    bazel.run(["build", "//:_ext", _no_env("3.11")], cwd=work, startup=startup)
    facts = json.loads((_external(work, startup, "pystatic_python_3_11") / "python.json").read_text())
    assert facts["executable"] == os.path.realpath(python)


def test_environment_variable_wins_over_interpreter(consumer):
    work, startup = consumer
    python = _pyenv_python("3.11")
    _module(work, 'python.local(version = "3.11", interpreter = "/nonexistent/python3.11")')
    bazel.run(["build", "//:_ext", "--repo_env=PYSTATIC_PYTHON_3_11=" + python], cwd=work, startup=startup)
    facts = json.loads((_external(work, startup, "pystatic_python_3_11") / "python.json").read_text())
    assert facts["executable"] == os.path.realpath(python)


def test_interpreter_does_not_exist(consumer):
    work, startup = consumer
    _module(work, 'python.local(version = "3.11", interpreter = "/nonexistent/python3.11")')
    out = _fails(work, startup, ["build", "//:_ext", _no_env("3.11")])
    assert 'pystatic_local_python(name = "pystatic_python_3_11"): interpreter /nonexistent/python3.11 does not exist' in out


def test_environment_variable_does_not_exist(consumer):
    work, startup = consumer
    _module(work, 'python.local(version = "3.11")')
    out = _fails(work, startup, ["build", "//:_ext", "--repo_env=PYSTATIC_PYTHON_3_11=/nonexistent/py"])
    assert ('pystatic_local_python(name = "pystatic_python_3_11"): interpreter /nonexistent/py '
            "does not exist (from $PYSTATIC_PYTHON_3_11)") in out


def test_interpreter_not_on_path(consumer):
    work, startup = consumer
    _module(work, 'python.local(version = "3.11", interpreter = "python3.11-not-installed")')
    out = _fails(work, startup, ["build", "//:_ext", _no_env("3.11")])
    assert ('pystatic_local_python(name = "pystatic_python_3_11"): no `python3.11-not-installed` on PATH. '
            "Install CPython 3.11 with a static libpython (pyenv does by default), then pass interpreter = "
            '"/path/to/python3.11" or set $PYSTATIC_PYTHON_3_11=/path/to/python3.11') in out


def test_interpreter_of_another_version(consumer):
    work, startup = consumer
    python = _pyenv_python("3.12")
    _module(work, 'python.local(version = "3.11", interpreter = "{}")'.format(python))
    out = _fails(work, startup, ["build", "//:_ext", _no_env("3.11")])
    assert ('pystatic_local_python(name = "pystatic_python_3_11"): {} is Python 3.12, but version = "3.11". '
            "Point the interpreter at a python3.11 or change version.").format(python) in out


def _fake_interpreter(tmp_path, real, sed):
    """An interpreter whose description says something else (via sed)."""
    script = tmp_path / "fake-python"
    script.write_text('#!/bin/sh\n"{}" "$@" | sed -e \'{}\'\n'.format(real, sed))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_no_static_libpython(consumer, tmp_path):
    work, startup = consumer
    fake = _fake_interpreter(tmp_path, _pyenv_python("3.11"), 's/"static_library": "[^"]*"/"static_library": ""/')
    _module(work, 'python.local(version = "3.11", interpreter = "{}")'.format(fake))
    out = _fails(work, startup, ["build", "//:_ext", _no_env("3.11")])
    assert 'pystatic_local_python(name = "pystatic_python_3_11"): {} has no static libpython (looked for '.format(fake) in out
    assert "A static binary links libpython3.11.a: use a CPython built with it" in out


def test_free_threaded_interpreter(consumer, tmp_path):
    work, startup = consumer
    fake = _fake_interpreter(tmp_path, _pyenv_python("3.11"), 's/"gil_disabled": false/"gil_disabled": true/')
    _module(work, 'python.local(version = "3.11", interpreter = "{}")'.format(fake))
    out = _fails(work, startup, ["build", "//:_ext", _no_env("3.11")])
    assert 'pystatic_local_python(name = "pystatic_python_3_11"): {} is a free-threaded build; it is not supported yet'.format(fake) in out
    assert "point the toolchain at python3.11 rather than python3.11t" in out


def test_archive_not_position_independent(consumer, tmp_path):
    """Debian's plain libpython3.14.a (no -fPIC) in place of the -pic.a the
    toolchain picks: refused while fetching, with what to use instead."""
    work, startup = consumer
    plain = "/usr/lib/python3.14/config-3.14-x86_64-linux-gnu/libpython3.14.a"
    fake = _fake_interpreter(tmp_path, "/usr/bin/python3.14",
                             's|"static_library": "[^"]*"|"static_library": "{}"|'.format(plain))
    _module(work, 'python.local(version = "3.14", interpreter = "{}")'.format(fake))
    out = _fails(work, startup, ["build", "//:_ext", _no_env("3.14")])
    assert ('pystatic_local_python(name = "pystatic_python_3_14"): {} is not position-independent '
            '(Python-ast.o has absolute 32-bit relocations)').format(plain) in out, out[-3000:]
    assert "Debian ships one as libpython3.14-pic.a next to it" in out


def test_debian_python_links_and_says_what_it_left_out(consumer):
    """Debian's python3.14 as a user has it (python3.14 on PATH): the
    toolchain takes the -pic.a, leaves out the hash modules whose objects it
    lacks, and says so."""
    work, startup = consumer
    _module(work, 'python.local(version = "3.14", default = True)')
    out = bazel.run(["build", "//:_ext", _no_env("3.14")], cwd=work, startup=startup).stdout
    facts = json.loads((_external(work, startup, "pystatic_python_3_14") / "python.json").read_text())
    assert facts["static_library"].endswith("/libpython3.14-pic.a")
    assert facts["archive_check"]["stub_modules"] == ["_blake2", "_md5", "_sha1", "_sha2", "_sha3"]
    assert "-lexpat" in (_external(work, startup, "pystatic_python_3_14") / "BUILD.bazel").read_text()
    assert "holds the built-in modules _blake2, _md5, _sha1, _sha2, _sha3 without the objects they call" in out


def test_python_runtime_on_some_versions_only(consumer):
    work, startup = consumer
    _module(work, """\
        python.local(version = "3.11", python_runtime = True)
        python.local(version = "3.12", default = True)
    """)
    out = _fails(work, startup, ["build", "//:_ext"])
    assert (
        'python.local(python_runtime = True) is set for ["3.11"] but not for ["3.12"]; '
        "set it on every python.local tag or on none"
    ) in out
