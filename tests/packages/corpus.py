"""The packages: pinned sdists, what their extensions are, and how their own
test suites are run.  Every field that is not a plain fact about the sdist is a
workaround and is explained in `findings` (rendered into docs/packages.md).

Fields:
  name, version, sha256   the sdist on PyPI (pip download --no-binary :all:)
  kinds                   what the extensions are (for the table)
  extensions              dotted names our Gazelle must find (checked)
  packages                top-level import packages in the sdist (removed
                          from the copy the pip run uses, so the installed
                          package is the one imported)
  pytest_args             the suite; {root} is the unpacked sdist
  test_dirs               directories holding the suite (tests and data files
                          go into the static test's runfiles)
  root                    Python root ("" or "src")
  directives              extra `# gazelle:` lines for the root BUILD file
  overlays                {path: text} files written before Gazelle runs
  wheels                  more wheels for the lock (header and C++ libraries
                          from PyPI): {"requirements": [...], "overrides":
                          {name: {"build_file_content": ...}}}, through
                          rules_pystatic's lock tool (docs/pypi.md)
  apt                     Debian packages the build needs
  test_deps               extra pure-Python wheels ("NAME==VER --hash=sha256:...")
  differences             {nodeid prefix: explanation} for tests whose
                          outcome differs between the static and the pip run
  findings                [text]: what needed a directive or overlay and why
"""
import json


PYTEST = [
    "pytest==8.3.4 --hash=sha256:50e16d954148559c9a74109af1eaf0c945ba2d8f30f0a3d3335edde19788b6f6",
    "pluggy==1.5.0 --hash=sha256:44e1ad92c8ca002de6377e165f3e0f1be63266ab4d554740532335b9d75ea669",
    "iniconfig==2.0.0 --hash=sha256:b6a85871a79d2e3b22d2d1b94ac2824226a63c6b741c88f7ae975f18b6778374",
    "packaging==24.2 --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759",
    # Only imported on Python < 3.11; pure-Python versions.
    "exceptiongroup==1.2.2 --hash=sha256:3111b9d131c238bec2f8f516e123e14ba243563fb135d3fe885990585aa7795b",
    "tomli==2.0.1 --hash=sha256:939de3e7a6161af0c887ef91b7d41a53e7c5a1ca976325f429cb46ea9bc30ecc",
]

# A header-only library from a wheel (the lock tool's build_file_content):
# @pystatic_pypi//NAME:headers.
CC_HEADERS = """load("@rules_cc//cc:defs.bzl", "cc_library")

cc_library(
    name = "headers",
    hdrs = glob(["%s/**/*.h"]),
    includes = ["%s"],
    visibility = ["//visibility:public"],
)
"""

# For sdists that ship .pyx but no generated C (the harness runs it before Gazelle).
CYTHON = "Cython==3.0.11 --hash=sha256:0e25f6425ad4a700d7f77cd468da9161e63658837d1bc34861a9861a4ef6346d"

COMMON_PYTEST_ARGS = ["-p", "no:cacheprovider", "-q", "-rfE", "--color=no"]

PACKAGES = [
    dict(
        name="markupsafe",
        version="3.0.2",
        sha256="ee55d3edf80167e48ea11a923c7386f4669df67d7994554387f84e7d8b0a2bf0",
        public=True,
        kinds=["C", "single-phase"],
        extensions=["markupsafe._speedups"],
        packages=[],
        import_packages=["markupsafe"],
        test_dirs=["tests"],
        pytest_args=["{root}/tests"],
    ),
    dict(
        name="msgpack",
        version="1.1.0",
        sha256="dd432ccc2c72b914e4cb77afce64aab761c1137cc698be3984eee260bcb2896e",
        public=True,
        kinds=["Cython 3 C (shipped)", "multi-phase"],
        extensions=["msgpack._cmsgpack"],
        packages=[],
        import_packages=["msgpack"],
        test_dirs=["test"],
        pytest_args=["{root}/test"],
    ),
    dict(
        name="simplejson",
        version="3.19.3",
        sha256="8e086896c36210ab6050f2f9f095a5f1e03c83fa0e7f296d6cba425411364680",
        kinds=["C", "single-phase"],
        public=True,
        extensions=["simplejson._speedups"],
        packages=[],
        import_packages=["simplejson"],
        # The suite is a subpackage (simplejson.tests), so it comes from the
        # lock with the package: the lock tool's `py_static_py_library all`
        # keeps a package's test-named modules, as the wheel does.
        test_dirs=[],
        pytest_args=["--pyargs", "simplejson.tests"],
        differences={},
        findings=["`test_tool.py` (3 tests) runs `sys.executable -m simplejson.tool`. Before `python_cli` these failed "
                  "statically (3 of 143; without the runner's guard each call started the whole suite again, "
                  "recursively, hundreds of processes). The harness's `run_test` now sets `python_cli = True`, so "
                  "the binary called with `-m` runs as `python`: 143 of 143 pass on 3.11, 3.12 and 3.13, as with "
                  "pip."],
    ),
]

QUICK = ["markupsafe", "msgpack", "simplejson"]
# CI's subset: 3.12 (pyenv), and Debian's 3.15, whose runtime path is the
# public PyImport_CreateModuleFromInitfunc() (3.14 shares 3.12's: run it with
# --python 3.14).
QUICK_PYTHON = ["3.12", "3.15"]
FULL_PYTHON = ["3.12", "3.11"]
# Debian unstable's python3.14 and python3.15 in the Bazel 7 root (--python
# 3.14,3.15): the pip comparison runs there too, in a venv made without
# ensurepip (the root has no python3.X-venv) and given this pip.
DEBIAN_PYTHON = ["3.14", "3.15"]
PIP_WHEEL = "pip==25.3 --hash=sha256:9655943313a94722b7774661c21049070f6bbb0a1516bf02f7c8d5d9201514cd"
# Registered in every generated module too; run with --python 3.13 (not part of the full run).
EXTRA_PYTHON = ["3.13", "3.10"]

PACKAGES += [
    dict(
        name="bitarray",
        version="3.0.0",
        sha256="a2083dc20f0d828a7cdf7a16b20dae56aab0f43dc4f347a3b3039f6577992b03",
        kinds=["C", "single-phase", "2 extensions, shared header"],
        extensions=["bitarray._bitarray", "bitarray._util"],
        packages=["bitarray"],
        test_dirs=["bitarray:test_*.py,*.pickle"],
        pytest_args=["--pyargs", "bitarray"],
    ),
    dict(
        name="wrapt",
        version="1.17.0",
        sha256="16187aa2317c731170a88ef35e8937ae0f533c402872c1ee5e6d079fcf320801",
        kinds=["C", "single-phase"],
        extensions=["wrapt._wrappers"],
        packages=["src/wrapt"],
        root="src",
        test_dirs=["tests"],
        pytest_args=["{root}/tests"],
    ),
    dict(
        name="multidict",
        version="6.1.0",
        sha256="22ae2ebf9b0c69d206c003e2f6a914ea33f0a932d4aa16f236afc049d9958f4a",
        kinds=["C", "single-phase", "C and pure-Python variants tested"],
        extensions=["multidict._multidict"],
        packages=["multidict"],
        test_dirs=["tests"],
        # pytest.ini's addopts load pytest-cov (and write junit XML); both runs
        # drop addopts and keep its --strict-markers.
        pytest_args=["-o", "addopts=", "--strict-markers", "{root}/tests"],
        directives=["py_static_override multidict._multidict srcs=" + ",".join(
            "_multilib/%s.h" % h for h in ("defs", "dict", "istr", "iter", "pair_list", "views"))],
        differences={
            r"test_circular_imports.py::test_no_warnings\[multidict._multidict\]":
                "the test's parameters come from `os.walk` over the package directory, collecting `.py` and "
                "extension-suffix files; a static extension has no file, so this parameter is not generated "
                "(docs/runtime.md: `__file__` names a file that does not exist; `pkgutil.iter_modules()` does not "
                "list static modules).",
        },
        findings=["One test of `test_circular_imports.py` differs: it is not generated, because its parameters are "
                  "discovered by walking the package directory for files. Before `python_cli`, 6 more of that file "
                  "failed statically (993 / 6 / 2 against pip's 1000 / 0 / 2): they run "
                  "`sys.executable -I -W error -c 'import ...'`. With `python_cli = True` on the harness's "
                  "`run_test`, the binary called with `-I` runs as `python`, and they pass (999 / 0 / 2 on 3.11, 3.12 "
                  "and 3.13).",
                  "`_multidict.c` includes its private headers from a subdirectory (`#include \"_multilib/defs.h\"`, "
                  "six headers, no BUILD file there). Gazelle groups only files of the extension's own directory, "
                  "so they were missing and the compile failed (`fatal error: _multilib/defs.h: No such file`). "
                  "Fixed with `# gazelle:py_static_override multidict._multidict srcs=_multilib/defs.h,...` (all six "
                  "listed). Gazelle could follow a quoted include into a subdirectory that has no BUILD file of "
                  "its own, as the compiler does.",
                  "pytest.ini's `addopts` need pytest-cov; both runs use `-o addopts= --strict-markers` "
                  "(the rest of pytest.ini, e.g. `filterwarnings = error`, applies to both)."],
    ),
]

PACKAGES += [
    dict(
        name="PyYAML",
        version="6.0.2",
        sha256="d584d9ec91ad65861cc08d42e834324ef890a082e591037abe114850ff7bbc3e",
        kinds=["Cython 3 C (generated by the harness)", "multi-phase", "Debian libyaml"],
        extensions=["yaml._yaml"],
        packages=["lib/yaml", "lib/_yaml", "yaml"],
        cythonize={"yaml/_yaml.pyx": ["-3"]},
        test_dirs=["tests"],
        pytest_args=["{root}/tests/legacy_tests"],
        directives=["resolve c yaml.h //:libyaml"],
        root_build_extra="""
# libyaml from Debian (libyaml-dev): Gazelle resolves #include <yaml.h> here.
cc_library(
    name = "libyaml",
    linkopts = ["-lyaml"],
    visibility = ["//visibility:public"],
)
""",
        overlays={"lib/BUILD.bazel": "# gazelle:py_static_root\n"},
        findings=[
            "The sdist ships `yaml/_yaml.pyx`, not C: the harness runs Cython 3.0.11 (pinned, from PyPI) before "
            "Gazelle, and pins the same Cython for the pip build. Gazelle and the rules only take C/C++; a "
            "`.pyx` rule (or Gazelle generating a cython step) would remove this.",
            "Two Python roots: pure-Python `lib/yaml` (setup.py `package_dir={'': 'lib'}`) and the extension's "
            "sources in `yaml/` at the top. `# gazelle:py_static_root` in `lib/BUILD.bazel`; the top-level root "
            "stays the repository root, so the extension is `yaml._yaml`. Gazelle could read `package_dir` from "
            "setup.py/setup.cfg/pyproject.toml.",
            "libyaml: `#include <yaml.h>` is a system header, so Gazelle adds no dependency and the link fails "
            "with undefined `yaml_*` symbols. Fixed by a hand-written `cc_library(name = \"libyaml\", linkopts = "
            "[\"-lyaml\"])` and `# gazelle:resolve c yaml.h //:libyaml`. Gazelle cannot know which Debian "
            "library provides a header; a `py_static_include`-style default table (or pkg-config) could.",
        ],
    ),
]

PACKAGES += [
    dict(
        name="kiwisolver",
        version="1.4.7",
        sha256="9893ff81bd7107f7b685d3017cc6583daadb4fc26e4a888350df530e41980a60",
        kinds=["C++ (hand-written, cppy)", "multi-phase", "7 sources"],
        extensions=["kiwisolver._cext"],
        packages=["py/kiwisolver"],
        test_dirs=["py/tests"],
        pytest_args=["{root}/py/tests"],
        pip_constraints=["cppy==1.2.1"],
        directives=["py_static_include cppy @pystatic_pypi//cppy:headers"],
        wheels={
            "requirements": ["cppy==1.2.1 --hash=sha256:c5b5eac3d3f42593a07d35275b0bc27f447b76b9ad8f27c62e3cfa286dc1988a"],
            "overrides": {"cppy": {"build_file_content": CC_HEADERS % ("cppy/include", "cppy/include")}},
        },

        root_build_extra="""
# The solver's header-only C++ library (setup.py: include_dirs=["."]).
cc_library(
    name = "kiwi",
    hdrs = @FILES(kiwi/*.h)@,
    visibility = ["//visibility:public"],
)
""",
        overlays={
            "py/BUILD.bazel": "# gazelle:py_static_root\n",
            "py/src/BUILD.bazel": """load("@rules_pystatic//rules:defs.bzl", "py_static_extension")

# setup.py builds py/src/*.cpp as kiwisolver._cext; by location it would be src._cext.
py_static_extension(
    name = "_cext",
    module = "kiwisolver._cext",  # keep
    # setup.py's include_dirs=["."]: <kiwi/kiwi.h> from the sdist's top.
    copts = ["-I."],
)
""",
        },
        findings=[
            "The extension's sources are in `py/src/`, the package in `py/kiwisolver/`; setup.py maps them "
            "(`Extension(\"kiwisolver._cext\", [\"py/src/...\"])`). By location Gazelle names it `src._cext`, and "
            "`m_name` is the short `_cext`, so nothing in the C says otherwise. Overlay: a rule stub in "
            "`py/src/BUILD.bazel` with `module = \"kiwisolver._cext\",  # keep`; Gazelle fills in `srcs` and `deps`. "
            "Gazelle could read the `Extension(...)` name from setup.py, or offer `py_static_override MODULE module=NAME`.",
            "`#include <cppy/cppy.h>`: cppy is a header-only build dependency from PyPI; a pinned wheel, locked with a `build_file_content` "
            "`cc_library` and `# gazelle:py_static_include cppy @pystatic_pypi//cppy:headers` (the same mechanism as "
            "pybind11's default mapping).",
            "`#include <kiwi/kiwi.h>`: the header-only solver at the sdist's top (`include_dirs=[\".\"]`). Gazelle "
            "generates no `cc_library` for a directory of headers without an extension: a hand-written "
            "`cc_library(name = \"kiwi\")` in the root BUILD file, which Gazelle's index resolves `<kiwi/kiwi.h>` to. "
            "Its `hdrs` must be a literal list: with `hdrs = glob([\"kiwi/*.h\"])` Gazelle indexes nothing (it does "
            "not evaluate `glob`) and silently adds no dependency. The include path itself is `copts = [\"-I.\"]` on "
            "the stub: Bazel refuses `includes = [\".\"]` at the top of a workspace, and Bazel 4.2.3 created no "
            "virtual include for `strip_include_prefix = \"/kiwi\", include_prefix = \"kiwi\"` (the path is "
            "unchanged), so `<kiwi/kiwi.h>` was still not found (both found on Bazel 4.2.3; the stub still works on "
            "7.7.1, where these alternatives were not tried again).",
        ],
    ),
]

PACKAGES += [
    dict(
        name="xxhash",
        version="3.5.0",
        sha256="84f2caddf951c9cbf8dc2e22a89d4ccf5d86391ac6418fe81e3c67d0cf60b45f",
        kinds=["C", "single-phase", "vendored C library", "sources outside the package"],
        extensions=["xxhash._xxhash"],
        packages=["xxhash", "src"],
        import_packages=["xxhash"],
        test_dirs=["tests"],
        pytest_args=["{root}/tests"],
        overlays={
            "src/BUILD.bazel": """load("@rules_pystatic//rules:defs.bzl", "py_static_extension")

# setup.py: Extension('_xxhash', ['src/_xxhash.c', ...]) with ext_package='xxhash'.
py_static_extension(
    name = "_xxhash",
    module = "xxhash._xxhash",  # keep
)
""",
            "deps/xxhash/BUILD.bazel": """# The vendored xxHash (setup.py compiles deps/xxhash/xxhash.c into the extension).
cc_library(
    name = "xxhash",
    srcs = ["xxhash.c"],
    hdrs = ["xxh3.h", "xxhash.h"],
    includes = ["."],
    visibility = ["//visibility:public"],
)
""",
        },
        findings=[
            "The extension is `xxhash._xxhash`, built from `src/_xxhash.c`: setup.py says `Extension('_xxhash', "
            "['src/_xxhash.c', 'deps/xxhash/xxhash.c'])` and `ext_package='xxhash'`. By location Gazelle names it "
            "`src._xxhash` (or `_xxhash` with a root in `src/`; `m_name` is the short `_xxhash`). Overlay: a stub in "
            "`src/BUILD.bazel` with `module = \"xxhash._xxhash\",  # keep`. Same gap as kiwisolver.",
            "The vendored library: setup.py compiles `deps/xxhash/xxhash.c` into the extension and adds "
            "`include_dirs=['deps/xxhash']`. Gazelle writes no rule for a directory without an extension; a "
            "hand-written `cc_library` (with `includes = [\".\"]`) in `deps/xxhash/`, which Gazelle's index resolves "
            "`#include \"xxhash.h\"` to through its `includes`.",
        ],
    ),
]

PACKAGES += [
    dict(
        name="ujson",
        version="5.10.0",
        sha256="b3cd8f3c5d8c7738257f1018880444f7b7d9b66232c64649f562d7ba86ad4bc1",
        kinds=["C + C++ (vendored double-conversion)", "single-phase", "top-level module", "3 source directories"],
        extensions=["ujson"],
        packages=["python"],
        import_packages=[],
        test_dirs=["tests"],
        pytest_args=["{root}/tests"],
        differences={
            "test_ujson.py::test_no_memory_leak": "runs `sys.executable tests/memory.py <code>` in a subprocess. "
                                                  "`python_cli` only applies when the first argument is a Python "
                                                  "option (`-c`, `-m`, `-I`, ...), not a script path, so the binary "
                                                  "runs its own main and the runner refuses (see simplejson).",
        },
        overlays={
            "python/BUILD.bazel": """load("@rules_pystatic//rules:defs.bzl", "py_static_extension")

# gazelle:py_static_root

# setup.py: extra_compile_args=["-D_GNU_SOURCE"].
py_static_extension(
    name = "ujson",
    local_defines = ["_GNU_SOURCE"],
)
""",
            "lib/BUILD.bazel": """# setup.py compiles lib/*.c and lib/dconv_wrapper.cc into the extension.
cc_library(
    name = "ultrajson",
    srcs = ["dconv_wrapper.cc", "ultrajsondec.c", "ultrajsonenc.c"],
    hdrs = ["ultrajson.h"],
    includes = ["."],
    local_defines = ["_GNU_SOURCE"],
    visibility = ["//visibility:public"],
    deps = ["//deps/double-conversion/double-conversion"],
)
""",
            "deps/double-conversion/double-conversion/BUILD.bazel": """# setup.py: include_dirs=["deps/double-conversion/double-conversion"], and its *.cc.
cc_library(
    name = "double-conversion",
    srcs = glob(["*.cc"]),
    hdrs = glob(["*.h"]),
    includes = ["."],
    visibility = ["//visibility:public"],
)
""",
        },
        findings=[
            "The module is the top-level `ujson`, from `python/ujson.c`, `python/objToJSON.c`, `python/JSONtoObj.c`, "
            "plus `lib/*.c`, `lib/dconv_wrapper.cc` and the vendored double-conversion's `*.cc` (setup.py lists "
            "them all in one `Extension`, with `include_dirs=['./python', './lib', ...]`). `# gazelle:py_static_root` "
            "in `python/` names it right and Gazelle groups the three `python/` files; the other two directories "
            "have no extension, so Gazelle writes nothing there: hand-written `cc_library` rules in `lib/` and "
            "`deps/double-conversion/double-conversion/` (Gazelle then resolves `#include \"ultrajson.h\"` to "
            "`//lib:ultrajson` through its `includes`). The sdist's own double-conversion `BUILD`/`WORKSPACE` "
            "(a Bazel project vendored as is) is not usable: its headers are only reachable as "
            "`double-conversion/x.h`, while ujson includes `double-conversion.h`.",
            "`-D_GNU_SOURCE` from setup.py's `extra_compile_args`: `local_defines` on a stub rule (kept by Gazelle's "
            "merge). Gazelle cannot see compiler flags that only setup.py knows.",
        ],
    ),
]

PYBIND11_WHEEL = "pybind11==2.13.6 --hash=sha256:237c41e29157b962835d356b370ededd57594a26d5894a795960f0047cb5caf5"
TYPING_EXTENSIONS = "typing_extensions==4.12.2 --hash=sha256:04e5ca0351e0f3f85c6853954072df659d0d13fac324d0072316b67d7794700d"

PACKAGES += [
    dict(
        name="optree",
        # 0.18 and newer need pybind11 3 (py::gil_scoped_release_simple) although
        # their pyproject.toml says pybind11 >= 2.12; 0.17.0 builds with 2.13.6.
        version="0.17.0",
        sha256="5335a5ec44479920620d72324c66563bd705ab2a698605dd4b6ee67dbcad7ecd",
        kinds=["C++ pybind11 2.13.6", "single-phase", "11 sources in 2 directories"],
        extensions=["optree._C"],
        packages=["optree"],
        test_dirs=["tests"],
        pytest_args=["{root}/tests"],
        # optree imports typing_extensions (its one runtime dependency, pure Python).
        test_deps=[TYPING_EXTENSIONS],
        # The pip build gets the same pybind11 as the static one (its
        # pyproject.toml says only pybind11 >= 2.12).
        pip_constraints=["pybind11==2.13.6"],
        directives=[
            "resolve py typing_extensions @pystatic_pypi//typing_extensions",
            "py_static_include pybind11 @pystatic_pypi//pybind11:headers",
            # CMake: pybind11_add_module(_C optree.cpp registry.cpp treespec/*.cpp),
            # installed as optree/_C; by location src/optree.cpp is src._C.
            "py_static_override src._C module=optree._C srcs=" + ",".join(
                "treespec/%s.cpp" % f for f in ("constructors", "flatten", "gc", "hashing", "richcomparison",
                                                "serialization", "traversal", "treespec", "unflatten")),
        ],
        # pybind11's headers from its pinned wheel, as @pystatic_pypi//pybind11:headers.
        wheels={
            "requirements": [PYBIND11_WHEEL],
            "overrides": {"pybind11": {"build_file_content": CC_HEADERS % ("pybind11/include", "pybind11/include")}},
        },
        overlays={
            "src/BUILD.bazel": """load("@rules_pystatic//rules:defs.bzl", "py_static_extension")

# Gazelle fills in srcs, deps and module (see the py_static_override directive).
py_static_extension(
    name = "_C",
    # CMakeLists.txt: CMAKE_CXX_STANDARD 20 (for [[likely]]/[[unlikely]]), -Wall -Wextra.
    copts = ["-std=c++20"],
)
""",
            "optree/BUILD.bazel": """load("@rules_python//python:defs.bzl", "py_library")

# optree/__init__.py imports optree.integrations, whose modules import optree:
# one py_library per directory is a cycle Bazel refuses. Gazelle leaves
# integrations/ (and the deprecated alias integration/, which only the tests
# import) alone; their files are one more py_library of this package.
# gazelle:exclude integrations
# gazelle:exclude integration
# gazelle:resolve py optree.integrations //optree:integrations

py_library(
    name = "integrations",
    srcs = glob(["integrations/*.py", "integration/*.py"]),
    visibility = ["//visibility:public"],
)
""",
            "include/BUILD.bazel": """# CMakeLists.txt: include_directories(include): "optree/optree.h" from here.
cc_library(
    name = "optree_headers",
    hdrs = %s,
    includes = ["."],
    visibility = ["//visibility:public"],
)
""" % json.dumps(["optree/%s.h" % h for h in ("exceptions", "hashing", "optree", "pymacros", "pytypes",
                                               "registry", "stdutils", "synchronization", "treespec")]),
        },
        # No differences: the 4 `sys.executable -c` tests pass with python_cli (see findings).
        differences={},
        findings=[
            "The first pybind11 package of the corpus, and its largest suite (about 93,750 tests). The newest "
            "optree (0.20.0, and every release from 0.18) does not compile with pybind11 2.13.6 "
            "(`py::gil_scoped_release_simple` is pybind11 3), although its pyproject.toml says `pybind11 >= 2.12`; "
            "0.17.0 does, and the pip build is pinned to the same pybind11 (`PIP_CONSTRAINT`).",
            "4 tests run `sys.executable -c ...` (or `-Walways -Werror -c`) in a subprocess (see simplejson); they "
            "are the suite's only uses of `sys.executable`. Before the harness set `python_cli = True` on `run_test` "
            "they failed statically (Bazel 4.2.3, 3.11-3.13); re-run with it on Bazel 7.7.1 and Python 3.12, all 4 "
            "pass, as with pip (93,756 / 0 / 3 in both runs), so they are no longer listed as explained "
            "differences: a difference there would now be reported. Many parameter ids carry an object's address "
            "(`tree(<object object at 0x7f...>)`), different in every run: the harness compares ids with the "
            "address masked.",
            "**Python import cycle between a package and its subpackage.** `optree/__init__.py` imports "
            "`optree.integrations`, and `optree/integrations/*.py` import `optree`. Gazelle writes one `py_static_py_library` "
            "per directory, so `//optree:optree_py` and `//optree/integrations:integrations_py` depend on each other "
            "and Bazel refuses the graph (`cycle in dependency graph`) before building anything. Python allows "
            "the cycle. Overlay: `optree/BUILD.bazel` with `# gazelle:exclude integrations` (and the deprecated "
            "alias `integration`), a hand-written `py_library(name = \"integrations\", srcs = glob([...]))` "
            "without deps, and `# gazelle:resolve py optree.integrations //optree:integrations`. What would remove "
            "it: Gazelle merging the `py_static_py_library` rules of a dependency cycle (a strongly connected component) into "
            "one, or a per-package generation mode (rules_python's `python_generation_mode project`).",
            "The extension's sources are in two directories: `src/optree.cpp`, `src/registry.cpp` and "
            "`src/treespec/*.cpp` (nine files, no BUILD file there; CMake lists them). Gazelle groups the sources "
            "of the extension's own directory (and what they include), not those of a subdirectory, so the first "
            "build compiled two files; the missing definitions were not an error of `py_static_extension` (its "
            "partial link keeps undefined symbols) but of the final `py_static_test` link (`undefined reference to "
            "optree::PyTreeSpec::...` from `lib_C.a(lib_C.a.isolated.o)`). Fixed with `# gazelle:py_static_override "
            "src._C module=optree._C srcs=treespec/...` (module: the CMake target `_C` is installed into "
            "`optree/`; by location it is `src._C`). An extension whose sources leave symbols undefined could be "
            "reported when the extension is built (an `nm -u` check against the Python C API and the deps' "
            "symbols), naming the extension rather than the binary.",
            "`#include \"optree/optree.h\"` from `include/` (CMake `include_directories(include)`): a hand-written "
            "`cc_library` with `includes = [\".\"]` in `include/BUILD.bazel`, which Gazelle's index then resolves "
            "(as for xxhash and ujson).",
            "CMake builds with `CMAKE_CXX_STANDARD 20`: `copts = [\"-std=c++20\"]` on a stub rule in "
            "`src/BUILD.bazel` (kept by Gazelle's merge). On Bazel 4.2.3 it was needed: its default C++ toolchain "
            "passed `-std=c++0x`, with which optree cannot compile (it needs C++17: CMakeLists.txt refuses older "
            "standards, and the code uses `std::optional`). On Bazel 7.7.1 here the default C++ toolchain "
            "(Debian's rules_cc 0.0.11 `cc_configure`, gcc 16) passes `-std=c++17` (checked with `bazel aquery`), "
            "with which optree might compile; the stub stays so that the static build uses CMake's standard, as the "
            "pip build does. Gazelle cannot see CMake's flags; a "
            "`py_static_override ... copts=` key would avoid the stub.",
            "pybind11 comes from its pinned wheel through the lock tool (a `build_file_content` `cc_library` named "
            "`headers`), and `# gazelle:py_static_include pybind11 @pystatic_pypi//pybind11:headers` points Gazelle at it. optree's one runtime "
            "dependency, typing_extensions 4.12.2 (pure Python), is a `test_deps` wheel, with "
            "`# gazelle:resolve py typing_extensions @pystatic_pypi//typing_extensions`.",
        ],
    ),
]

NANOBIND_WHEEL = "nanobind==2.4.0 --hash=sha256:8cf27b04fbadeb9deb4a73f02bd838bf9f7e3e5a8ce44c50c93142b5728da58a"
NANOBIND_BUILD = """load("@rules_cc//cc:defs.bzl", "cc_library")

cc_library(
    name = "lib",
    srcs = %s,
    hdrs = glob([
        "nanobind/include/**/*.h",
        "nanobind/ext/robin_map/include/**/*.h",
        "nanobind/src/*.h",
    ]),
    # nanobind needs C++17. Bazel 7.7.1's default C++ toolchain here (Debian's
    # rules_cc, gcc 16) passes -std=c++17 already; kept so that libnanobind
    # does not depend on that default.
    copts = ["-std=c++17", "-fno-strict-aliasing"],
    includes = ["nanobind/include", "nanobind/ext/robin_map/include"],
    visibility = ["//visibility:public"],
    deps = ["@rules_pystatic//toolchain:python_headers"],
)
""" % json.dumps(["nanobind/src/%s.cpp" % f for f in (
    "common", "error", "implicit", "nb_enum", "nb_func", "nb_internals", "nb_ndarray",
    "nb_static_property", "nb_type", "trampoline")])

PACKAGES += [
    dict(
        name="fast-dedup",
        version="0.1.0",
        sha256="95a551457a6a6efdcac29ba0fddfb29ba4076a084953ba5509f86f0888f6e60f",
        kinds=["C++20 nanobind 2.4.0", "single-phase", "libnanobind built from the wheel", "headers in 2 other directories"],
        extensions=["fast_dedup.fast_dedup_ext"],
        packages=["src/fast_dedup"],
        import_packages=["fast_dedup"],
        root="src",
        test_dirs=["tests"],
        # test_sim_hash.py imports xxhash (a C extension, not in the sdist) to
        # compute expected values: the harness gives the static binary only
        # pure-Python test dependencies, so both runs leave that file out.
        pytest_args=["--ignore={root}/tests/test_sim_hash.py", "{root}/tests"],
        # The pip build gets the same nanobind as the static one (pyproject.toml: nanobind >= 2.2).
        pip_constraints=["nanobind==2.4.0"],
        directives=[
            # CMake: nanobind_add_module(fast_dedup_ext ...) installed into fast_dedup/;
            # by location (root src/) src/fast_dedup_ext.cpp is the top-level fast_dedup_ext.
            "py_static_override fast_dedup_ext module=fast_dedup.fast_dedup_ext",
            "py_static_include nanobind @pystatic_pypi//nanobind:lib",
        ],
        # nanobind from its pinned wheel: its headers, robin_map's, and
        # libnanobind's sources (nanobind-config.cmake's NB_STATIC library: the
        # same files and flags), compiled against the selected toolchain's
        # Python headers, as @pystatic_pypi//nanobind:lib.
        wheels={
            "requirements": [NANOBIND_WHEEL],
            "overrides": {"nanobind": {"build_file_content": NANOBIND_BUILD}},
        },
        overlays={
            "src/BUILD.bazel": """load("@rules_pystatic//rules:defs.bzl", "py_static_extension")

# gazelle:py_static_root

# Gazelle fills in srcs, deps and module (see the py_static_override directive).
py_static_extension(
    name = "fast_dedup_ext",
    # CMakeLists.txt: CMAKE_CXX_STANDARD 20, CMAKE_CXX_EXTENSIONS OFF.
    copts = ["-std=c++20"],
)
""",
            "include/BUILD.bazel": """# CMakeLists.txt: target_include_directories(fast_dedup_ext PRIVATE include/ extern/).
cc_library(
    name = "fast_dedup_headers",
    hdrs = ["bloom_filter.h", "min_hash.h", "sim_hash.h"],
    includes = ["."],
    visibility = ["//visibility:public"],
    deps = ["//extern:xxhash", "@pystatic_pypi//nanobind:lib"],
)
""",
            "extern/BUILD.bazel": """# The vendored xxHash, header-only (the sources #define XXH_INLINE_ALL).
cc_library(
    name = "xxhash",
    hdrs = ["xxhash.h"],
    includes = ["."],
    visibility = ["//visibility:public"],
)
""",
        },
        findings=[
            "The corpus' nanobind package, and a small one: 12 tests, of which `test_sim_hash.py` (3) is left out "
            "of both runs because it imports the `xxhash` C extension for expected values, and the harness gives "
            "the static binary only pure-Python test dependencies. No better-tested nanobind sdist was found that "
            "builds here without numpy (see Known gaps).",
            "**nanobind is not header-only, and nothing in rules_pystatic builds it.** Gazelle maps "
            "`#include <nanobind/...>` to `@nanobind` by default, but no rule or macro of ours provides that target "
            "(`examples/monorepo/third_party/pypi_headers.bzl` says it is for nanobind too, but makes a headers-only "
            "`cc_library`, with which an `NB_MODULE` extension would not link: `nanobind::detail::*` undefined). "
            "The harness locks the nanobind wheel with a `build_file_content` that builds libnanobind as nanobind-config.cmake's `NB_STATIC` library does: "
            "the ten `src/*.cpp` of the pinned 2.4.0 wheel, robin_map's include directory, `-fno-strict-aliasing`, "
            "`-std=c++17` (needed on Bazel 4.2.3, whose default toolchain passed `-std=c++0x`, so that `nanobind.h` "
            "stopped with `#error The nanobind library requires C++17!`; Bazel 7.7.1's default toolchain here "
            "passes `-std=c++17` itself, and the flag stays so as not to depend on it), and `deps = [\"@rules_pystatic//toolchain:python_headers\"]` "
            "(without it, `Python.h: No such file`), so it is compiled for the Python version being built. "
            "What would remove it: a `nanobind` repository rule or macro in rules_pystatic's toolchain, which "
            "Gazelle's default mapping then points at. With more than one nanobind extension in a "
            "binary they would share this one libnanobind (as `NB_SHARED` extensions share its shared library); "
            "not exercised here.",
            "The CMake target `fast_dedup_ext` (`src/fast_dedup_ext.cpp`, at the Python root `src/`) is installed "
            "into `fast_dedup/` (`install(TARGETS fast_dedup_ext LIBRARY DESTINATION fast_dedup)`); by location it "
            "is the top-level `fast_dedup_ext`: `# gazelle:py_static_override fast_dedup_ext "
            "module=fast_dedup.fast_dedup_ext`.",
            "Headers from `include/` (quoted) and `extern/xxhash.h` (angle brackets), both added by CMake's "
            "`target_include_directories`: hand-written `cc_library` rules with `includes = [\".\"]` in those two "
            "directories, which Gazelle's index resolves both kinds of include to (checked: without a `resolve` "
            "directive, `<xxhash.h>` resolves to `//extern:xxhash`).",
            "`CMAKE_CXX_STANDARD 20`: `copts = [\"-std=c++20\"]` on a stub rule in `src/BUILD.bazel` (see optree).",
            "`nanobind_add_module(... STABLE_ABI)`: on Python 3.12 and 3.13 the pip build is an abi3 extension "
            "(`Py_LIMITED_API=0x030C0000`, libnanobind in its stable-ABI mode); the static build uses the full C API "
            "on every version. `py_static_extension` has no limited-API mode; for a static binary it would only "
            "restrict, not add, anything.",
        ],
    ),
]

# Findings that apply to every package (rendered before the per-package ones).
GENERAL_FINDINGS = [
    "**CPython 3.14 and 3.15 (Debian unstable's 3.14.10 and 3.15.2, `--python 3.14,3.15`).** The quick subset "
    "(markupsafe, msgpack, simplejson) builds and passes unchanged on both, with the same outcome as the pip "
    "install for every test; on 3.15 the runtime initialises every extension through "
    "`PyImport_CreateModuleFromInitfunc()` (the \"init seen by the runtime\" column). No difference from "
    "CPython's loader was found. The toolchain needed three things for Debian's static libpython, none of them "
    "package-specific (docs/toolchain.md#debians-static-libpython): the `-pic.a`, the stdlib modules' "
    "`LOCALMODLIBS`, and leaving out the five hash modules whose HACL* objects the archive lacks.",
    "**A pytest suite is not something Gazelle can generate a rule for.** `# gazelle:py_static_tests true` "
    "makes one `py_static_test` per `test_*.py`/`*_test.py` file with that file as `main`, which for a pytest "
    "module runs nothing; and the test files are left out of the generated `py_static_py_library`. So the harness writes "
    "a runner (`pystatic_suite/run_test.py`) and a stub `py_static_test(name = \"run_test\", data = [...])` "
    "that Gazelle completes (`srcs`, `main`, `deps`), and each test directory gets "
    "`# gazelle:py_static disabled` plus a `filegroup` of its files (tests, conftest, data files) for `data`. "
    "What would remove it: a Gazelle mode that generates one `py_static_test` per test directory running "
    "pytest over its files (like rules_python's `python_generation_mode` with a `__test__.py` main), "
    "with non-Python files of the directory in `data`.",
    "**`import pkg._ext` resolves to the extension alone, without `pkg/__init__.py`.** The first markupsafe "
    "run imported `markupsafe._speedups` from the runner; Gazelle's `deps` got only `//src/markupsafe:_speedups`, "
    "so the package's `.py` files were not in runfiles, the runtime served `markupsafe` as an empty package "
    "(docs/runtime.md: \"served parent packages\"), and the suite failed at `from markupsafe import _native`. "
    "The runner now also imports the package itself, as the suites do. Python semantics say importing "
    "`a.b` imports `a` first, so Gazelle could add the `py_static_py_library` of each parent package of a resolved module.",
    "**Compiler flags.** setuptools compiles with sysconfig's `CFLAGS` (`-DNDEBUG -g -fwrapv -O3 -Wall`); "
    "`py_static_extension` uses only Bazel's. Under Bazel's default `fastbuild` there is no `-DNDEBUG`: "
    "bitarray's `_sysinfo()` then reports a debug build and its suite runs 14 more internal tests and skips "
    "one (506 vs 492 tests). The harness builds with `--compilation_mode=opt` (which adds `-DNDEBUG`) to compare "
    "like with like. `-fwrapv` (signed overflow wraps, which CPython and extensions built by setuptools rely on) "
    "is still missing. A rules change that would remove this: take `-fwrapv` (and `-DNDEBUG` outside `dbg`) "
    "from the toolchain's sysconfig into every extension's `copts`.",
    "**`py_static_root` for a subdirectory** (src layout) has to be written in that directory's BUILD file "
    "(`src/BUILD.bazel`); the same directive in the root BUILD file with a value (`py_static_root src`) is "
    "refused (\"the root src does not contain this directory\"). Gazelle could read `package_dir`/`where` from "
    "setup.cfg or pyproject.toml.",
    "**`sys.executable`** is the static binary. Without `python_cli` it runs its own `main` whatever its "
    "arguments: a suite that starts `sys.executable -m ...` (simplejson's `test_tool.py`) started the whole suite "
    "again, recursively, until the machine had hundreds of processes, so the runner refuses to run when called "
    "with arguments it does not know. The harness's `run_test` now sets `python_cli = True`: called with a Python "
    "option first (`-c`, `-m`, `-I`, `-W...`), the binary runs as `python`. Re-run on 3.11, 3.12 and 3.13, this "
    "fixed 9 of the 10 `sys.executable` failures per version (simplejson 3, multidict 6); the one left is ujson's "
    "`sys.executable tests/memory.py ...`, a script path as first argument, which `python_cli` does not cover. "
    "optree's 4 (`-c`) pass too (re-run on Bazel 7.7.1, Python 3.12).",
]

# What the corpus does not cover yet (rendered at the end of docs/packages.md).
KNOWN_GAPS = [
    "**pybind11 and nanobind**: optree (pybind11 2.13.6, about 93,750 tests) and fast-dedup (nanobind 2.4.0, "
    "9 tests). Looked at and not added: mapbox_earcut 2.1.0 (nanobind) and nano-astar 0.1.2 (nanobind), whose "
    "suites need numpy, which the static binary cannot get as a pure-Python test dependency; datasketches 5.2.0 "
    "(nanobind), whose CMake build clones datasketches-cpp from GitHub; pyclipr 0.1.8 (pybind11), pytomlpp 1.0.13 "
    "and google-re2 1.0, which ship no tests; pylcs 0.1.1 (pybind11, one small test file), left for a later "
    "round. nanobind's own test suite (in its sdist) builds some twenty test extensions with CMake and has no pip "
    "counterpart to compare with.",
    "**Sdists that ship only `.pyx`** are compiled by the rules' own Cython for the public-path entries "
    "(frozenlist, cymem, murmurhash); PyYAML, a root-module entry, still has the harness run a pinned Cython "
    "first. yarl and propcache are not in the corpus yet.",
    "**The older entries are still built as the root module** of the generated workspace (Gazelle run by the "
    "harness, with their overlays); only the `public=True` entries go through the lock tool and "
    "`@pystatic_pypi//<package>`. Migrating them is not done.",
    "**Tried through the public path and left out (2026-12-03):** Brotli 1.1.0 (vendored C library): the lock "
    "succeeds but has no extension: Gazelle reads setup.py's `Extension('_brotli', sources=['python/_brotli.c', "
    "'c/common/...', ...])` and says the files are in `python/`, \"a Bazel package of its own\", whose rule the "
    "directory scan should write; the scan makes none (the `c/` sources are outside it, `<brotli/decode.h>` "
    "resolves to nothing). A lock override (a `cc_library` of `c/` and a `_brotli` stub in `python/BUILD.bazel`) "
    "would do; not done for time: the suite also runs `sys.executable python/bro.py` (not a Python option, so "
    "`python_cli` does not apply) and compresses 15 MB of test data at every quality. editdistance 0.8.1 "
    "(C++, `src/`): locks with no override, but its sdist ships no tests. propcache (Cython, `src/`): the "
    "harness could not get the sdist: `pip download --no-binary :all:` (which prepares metadata, installing the "
    "in-tree backend's build dependencies) stopped without the file within 5 minutes for 0.4.1 (output not "
    "kept) and did not finish within 8 minutes for 0.3.2, on the loaded machine.",
    "**numpy (issue 12's stretch goal) is not built.** Where it stands (numpy 2.3.5's sdist, sha256 "
    "`784db1dc...bdf1c0`, locked by `pypi/tools/lock.py` on 2026-12-03 in 13 s, no build tried): the lock succeeds "
    "(backend `mesonpy`; Gazelle says it does not read `meson.build` and finds modules from the C sources), with "
    "23 extensions, of which 19 under `numpy/` but named by location (`numpy._core.src.multiarray._multiarray_umath` "
    "for `numpy._core._multiarray_umath`; Gazelle warns that `_simd.c`'s PyModuleDef says `numpy._core._simd`), "
    "many sources left out (`dispatching.cpp`, `extobj.c`, ...: meson.build lists them), the 4 others from "
    "`vendored-meson/`'s test cases (the lock tool's left-out list does not cover `vendored-meson`, 169 Gazelle "
    "messages). Still missing: the sources meson generates (`.c.src`/`.h.src` templates, `__umath_generated.c`, "
    "`_numpyconfig.h`, the SIMD dispatch sources), i.e. rules or overlays for numpy's code generators, and "
    "BLAS/LAPACK (`lapack_lite` is bundled).",
    "**cymem and murmurhash are Cython with `language_level=2`** in their setup.py (`cythonize(..., "
    "language_level=2)`), which neither Gazelle nor the rules read (the rules' Cython uses its default, 3str): "
    "their small suites pass either way, but a module whose semantics depend on the language level could differ.",
    "**Bazel 7.7.1 in bzlmod mode only** (with the Bazel 8/9 defaults that `tools/bazel.sh` switches on; no "
    "Bazel 8 or 9 binary is obtainable here), in the Debian unstable root of `tools/bazel7` (gcc 16), while the "
    "pip builds use the Debian 12 host's gcc 12. The table has Python 3.12 only (pyenv CPython 3.12.1, "
    "`run.sh --python 3.12`, 10 packages, 38 min at load average 4-17): the 3.11 and 3.13 rows made earlier on "
    "Bazel 4.2.3 in WORKSPACE mode were not re-run on Bazel 7 and are gone from it. `run.sh` runs 3.12 and 3.11; "
    "3.10 and 3.13 are registered in the generated modules but were not run on Bazel 7.",
    "The static binary is built with `--compilation_mode=opt` (see the compiler-flags finding). The first four "
    "packages were also run once with `fastbuild` on 3.12: only bitarray's numbers differed (its debug-only "
    "internal tests); the others were not run with `fastbuild`.",
    "Suites that need more than pytest were left out rather than cut down: immutables 0.21 (its conftest "
    "imports mypy's test plugin). The harness can add pure-Python test dependencies (`test_deps`); native "
    "ones would have to be built statically too.",
]

# Packages proven through the public path (docs/pypi.md, issue 12 item 3):
# `public=True`. The sdist is one more pinned requirement of the generated
# workspace's requirements.txt, locked by pypi/tools/lock.py (which runs our
# Gazelle over it at lock time); the py_static_test depends on
# @pystatic_pypi//<package>; the workspace holds only the suite's files,
# copied from the unpacked sdist (`test_dirs`, whole directories, and the
# pytest configuration files). `lock_overrides` are the lock tool's overrides
# (docs/pypi.md#overrides), each explained in `findings`. No `packages` to
# remove for the pip run: the workspace has none; `import_packages` names what
# the runner imports first.
# Cython modules are compiled by the rules' pinned Cython (docs/rules.md,
# "Cython sources"): the pip build is given the same version.
RULES_CYTHON = "Cython==3.3.1"

PACKAGES += [
    dict(
        name="frozenlist",
        version="1.8.0",
        sha256="3ede829ed8d842f6cd48fc7081d7a41001a56f1f38603f9d49bf3020d59a31ad",
        public=True,
        kinds=["Cython 3 C++ (.pyx compiled in the build)", "multi-phase"],
        extensions=["frozenlist._frozenlist"],
        packages=[],
        import_packages=["frozenlist"],
        test_dirs=["tests"],
        # pytest.ini's addopts load pytest-cov and --doctest-modules; both runs
        # drop addopts.
        pytest_args=["-o", "addopts=", "{root}/tests"],
        pip_constraints=[RULES_CYTHON],
        findings=["Locked with no override: Gazelle read the `.pyx` and its `# distutils: language = c++` "
                  "(`cython_language = \"c++\"`), and the in-tree backend (`packaging/pep517_backend`, wrapping "
                  "setuptools) is accepted by the lock tool.",
                  "pytest.ini's `addopts` need pytest-cov; both runs use `-o addopts=`."],
    ),
    dict(
        name="mmh3",
        version="5.2.0",
        sha256="1efc8fec8478e9243a78bb993422cf79f8ff85cb4cf6b79647480a31e0d950a8",
        public=True,
        kinds=["C", "src/ layout", "top-level extension module"],
        extensions=["mmh3"],
        packages=[],
        import_packages=[],
        test_dirs=["tests"],
        pytest_args=["{root}/tests"],
        # The suites import `helper.u32_to_s32`, from a tests/helper.py that the
        # sdist does not ship (both runs fail to collect without it): written
        # here, for both runs, as the two's-complement reading of a uint32.
        overlays={"tests/helper.py": "def u32_to_s32(v):\n    return v - (1 << 32) if v & 0x80000000 else v\n"},
        findings=["Locked with no override: the extension is the top-level module `mmh3` built from `src/mmh3/` "
                  "(setup.py's `package_dir={\"\": \"src\"}`), which Gazelle read.",
                  "The sdist's `tests/test_mmh3.py` and `tests/test_mmh3_hasher.py` do `from helper import "
                  "u32_to_s32`, but `tests/helper.py` is not in the sdist: both the static and the pip run failed to "
                  "collect (0 / 2 / 0 each). The harness writes a `tests/helper.py` (uint32 to int32) for both runs."],
    ),
    dict(
        name="immutables",
        version="0.21",
        sha256="b55ffaf0449790242feb4c56ab799ea7af92801a0a43f9e2f4f8af2ab24dfc4a",
        public=True,
        kinds=["C", "single-phase"],
        extensions=["immutables._map"],
        packages=[],
        import_packages=["immutables"],
        test_dirs=["tests"],
        # tests/conftest.py imports mypy's pytest plugin, only for test_mypy.py
        # (type-checking cases): both runs skip the conftest and that file.
        pytest_args=["--noconftest", "--ignore={root}/tests/test_mypy.py", "{root}/tests"],
        findings=["Locked with no override: Gazelle took setup.py's `extra_compile_args` and "
                  "`define_macros` (`-O2 -std=c99 ...`, `NDEBUG=1`).",
                  "`tests/conftest.py` imports mypy (its pytest plugin, for `test_mypy.py`'s type-checking cases): "
                  "both runs use `--noconftest --ignore=tests/test_mypy.py`."],
    ),
    dict(
        name="pyrsistent",
        version="0.20.0",
        sha256="4c48f78f62ab596c679086084d0dd13254ae4f3d6c72a83ffdf5ebdef8f265a4",
        public=True,
        kinds=["C", "single-phase", "top-level extension beside a pure-Python package"],
        extensions=["pvectorc"],
        packages=[],
        import_packages=["pyrsistent"],
        test_dirs=["tests"],
        # hypothesis_vector_test.py needs hypothesis (and its attrs,
        # sortedcontainers); left out of both runs.
        pytest_args=["--ignore={root}/tests/hypothesis_vector_test.py", "{root}/tests"],
        findings=["Locked with no override: the extension `pvectorc` is a top-level module from "
                  "`pvectorcmodule.c` at the sdist's top.",
                  "`tests/hypothesis_vector_test.py` needs hypothesis: ignored in both runs."],
    ),
    dict(
        name="cymem",
        version="2.0.11",
        sha256="efe49a349d4a518be6b6c6b255d4a80f740a341544bde1a807707c058b88d0bd",
        public=True,
        kinds=["Cython (.pyx compiled in the build)", "multi-phase"],
        extensions=["cymem.cymem"],
        packages=[],
        import_packages=["cymem"],
        # The suite is inside the package (cymem/tests); the lock's package
        # has no test files (Gazelle makes no targets for test_*.py with
        # py_static_tests false), so it is copied like any other suite and run
        # by path; `import cymem` still finds the locked package (the copy's
        # cymem/ has no __init__.py).
        test_dirs=["cymem/tests"],
        pytest_args=["{root}/cymem/tests"],
        pip_constraints=[RULES_CYTHON],
        findings=["Locked with no override: Gazelle's setup.py reader could not read the Extension's name "
                  "(`mod_name` is computed in a loop; see the Gazelle messages), and the directory scan named "
                  "the `.pyx` `cymem.cymem`, the right name.",
                  "`--pyargs cymem.tests` collected nothing statically: the lock tool's package has no test files "
                  "(Gazelle, with `py_static_tests false`, makes no target for `test_*.py`). The suite is copied "
                  "from the sdist's `cymem/tests` and run by path in both runs."],
    ),
    dict(
        name="murmurhash",
        version="1.0.13",
        sha256="737246d41ee00ff74b07b0bd1f0888be304d203ce668e642c86aa64ede30f8b7",
        public=True,
        kinds=["Cython C++ (.pyx compiled in the build)", "vendored C++ (MurmurHash2/3)", "multi-phase"],
        extensions=["murmurhash.mrmr"],
        packages=[],
        import_packages=["murmurhash"],
        # In the package, as cymem's: copied and run by path.
        test_dirs=["murmurhash/tests"],
        pytest_args=["{root}/murmurhash/tests"],
        pip_constraints=[RULES_CYTHON],
        lock_overrides={"murmurhash": {"overlays": {"murmurhash/BUILD.bazel": """load("@rules_cc//cc:defs.bzl", "cc_library")
load("@rules_pystatic//rules:defs.bzl", "py_static_extension")

# setup.py: Extension("murmurhash.mrmr", ["murmurhash/mrmr.pyx", "murmurhash/MurmurHash2.cpp",
# "murmurhash/MurmurHash3.cpp"], language="c++", include_dirs=[..., "murmurhash/include"]).
cc_library(
    name = "murmurhash_cpp",
    srcs = ["MurmurHash2.cpp", "MurmurHash3.cpp"],
    hdrs = glob(["include/murmurhash/*.h"]),
    includes = ["include"],
)

py_static_extension(
    name = "mrmr",
    cython_language = "c++",  # keep
    deps = [":murmurhash_cpp"],  # keep
)
"""}}},
        findings=["Lock override: setup.py builds the Extension in a loop (`mod_name` computed), which Gazelle's "
                  "reader cannot follow (see its messages), so the directory scan made `murmurhash.mrmr` from the "
                  "`.pyx` alone: as C, without the two C++ sources it calls. Overlay `murmurhash/BUILD.bazel`: a "
                  "`cc_library` of `MurmurHash2.cpp`/`MurmurHash3.cpp` with `include/` on the include path, and a "
                  "stub `mrmr` rule with `cython_language = \"c++\"` and that dep (`# keep`); Gazelle fills in the rest."],
    ),
    dict(
        name="bitstruct",
        version="8.21.0",
        sha256="ff0be4968a45caf8688e075f55cca7a3fe9212b069ba67e5b27b0926a11948ac",
        public=True,
        kinds=["C", "src/ layout", "single-phase"],
        extensions=["bitstruct.c"],
        packages=[],
        import_packages=["bitstruct"],
        test_dirs=["tests"],
        pytest_args=["{root}/tests"],
        findings=["Locked with no override: the package is in `src/bitstruct/` (setup.py's "
                  "`package_dir={\"\": \"src\"}`), the extension `bitstruct.c` from `c.c` and `bitstream.c`."],
    ),
    dict(
        name="lz4",
        version="4.4.4",
        sha256="070fd0627ec4393011251a094e08ed9fdcc78cb4e7ab28f507638eee4e39abda",
        public=True,
        kinds=["C", "vendored C library (lz4libs/)", "3 extensions"],
        extensions=["lz4._version", "lz4.block._block", "lz4.frame._frame"],
        packages=[],
        import_packages=["lz4", "lz4.block", "lz4.frame"],
        test_dirs=["tests"],
        # The block suite; frame's is thousands of parameterized cases
        # (minutes), stream's is for the experimental lz4.stream (below), and
        # test_block_2.py needs psutil (a C extension of its own).
        pytest_args=["--ignore={root}/tests/block/test_block_2.py", "{root}/tests/block"],
        lock_overrides={"lz4": {
            "directives": ["resolve c lz4.h //lz4libs:lz4", "resolve c lz4hc.h //lz4libs:lz4",
                           "resolve c lz4frame.h //lz4libs:lz4", "exclude lz4/stream"],
            "overlays": {"lz4libs/BUILD.bazel": """load("@rules_cc//cc:defs.bzl", "cc_library")

# The bundled LZ4 library (setup.py builds these sources into each extension
# when no system liblz4 is found).
cc_library(
    name = "lz4",
    srcs = ["lz4.c", "lz4frame.c", "lz4hc.c", "xxhash.c"],
    hdrs = ["lz4.h", "lz4frame.h", "lz4frame_static.h", "lz4hc.h", "xxhash.h"],
    includes = ["."],
    # lz4hc.c does `#include "lz4.c"` (LZ4_COMMONDEFS_ONLY) for lz4's common definitions.
    textual_hdrs = ["lz4.c"],
    visibility = ["//visibility:public"],
)
"""},
        }},
        findings=["Lock override: setup.py chooses between the system liblz4 (pkg-config) and the bundled "
                  "`lz4libs/` under a condition Gazelle cannot decide, so it generated the extensions with their own "
                  "sources only, and `#include <lz4.h>` (a system-style include) resolved to nothing. A `cc_library` "
                  "of the bundled sources in `lz4libs/BUILD.bazel` (overlay) and `resolve c` directives for its three "
                  "public headers (and `lz4.c` as a textual header too: `lz4hc.c` includes it). The pip build also uses "
                  "the bundled sources (no liblz4-dev on the host).",
                  "Lock override `exclude lz4/stream`: setup.py builds and installs `lz4.stream` only with "
                  "`PYLZ4_EXPERIMENTAL` set (`find_packages(exclude=(\"lz4.stream\",))` otherwise), a condition "
                  "Gazelle's reader cannot decide, so it generated `lz4.stream._stream` too; the pip build has no "
                  "`lz4.stream` (`import lz4.stream` failed there). Excluded so that both have the same modules.",
                  "Suite: `tests/block` without `test_block_2.py` (psutil); `tests/frame` (thousands of "
                  "parameterized cases) and `tests/stream` (the experimental module) not run."],
    ),
]
