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
  apt                     Debian packages the build needs
  test_deps               extra pure-Python wheels ("NAME==VER --hash=sha256:...")
  differences             {nodeid prefix: explanation} for tests whose
                          outcome differs between the static and the pip run
  findings                [text]: what needed a directive or overlay and why
"""

PYTEST = [
    "pytest==8.3.4 --hash=sha256:50e16d954148559c9a74109af1eaf0c945ba2d8f30f0a3d3335edde19788b6f6",
    "pluggy==1.5.0 --hash=sha256:44e1ad92c8ca002de6377e165f3e0f1be63266ab4d554740532335b9d75ea669",
    "iniconfig==2.0.0 --hash=sha256:b6a85871a79d2e3b22d2d1b94ac2824226a63c6b741c88f7ae975f18b6778374",
    "packaging==24.2 --hash=sha256:09abb1bccd265c01f4a3aa3f7a7db064b36514d2cba19a2f694fe6150451a759",
    # Only imported on Python < 3.11; pure-Python versions.
    "exceptiongroup==1.2.2 --hash=sha256:3111b9d131c238bec2f8f516e123e14ba243563fb135d3fe885990585aa7795b",
    "tomli==2.0.1 --hash=sha256:939de3e7a6161af0c887ef91b7d41a53e7c5a1ca976325f429cb46ea9bc30ecc",
]

COMMON_PYTEST_ARGS = ["-p", "no:cacheprovider", "-q", "-rfE", "--color=no"]

PACKAGES = [
    dict(
        name="markupsafe",
        version="3.0.2",
        sha256="ee55d3edf80167e48ea11a923c7386f4669df67d7994554387f84e7d8b0a2bf0",
        kinds=["C", "single-phase"],
        extensions=["markupsafe._speedups"],
        packages=["src/markupsafe"],
        root="src",
        test_dirs=["tests"],
        pytest_args=["{root}/tests"],
    ),
    dict(
        name="msgpack",
        version="1.1.0",
        sha256="dd432ccc2c72b914e4cb77afce64aab761c1137cc698be3984eee260bcb2896e",
        kinds=["Cython 3 C (shipped)", "multi-phase"],
        extensions=["msgpack._cmsgpack"],
        packages=["msgpack"],
        test_dirs=["test"],
        pytest_args=["{root}/test"],
    ),
    dict(
        name="simplejson",
        version="3.19.3",
        sha256="8e086896c36210ab6050f2f9f095a5f1e03c83fa0e7f296d6cba425411364680",
        kinds=["C", "single-phase"],
        extensions=["simplejson._speedups"],
        packages=["simplejson"],
        test_dirs=["simplejson/tests"],
        pytest_args=["--pyargs", "simplejson.tests"],
        differences={
            "test_tool.py::": "runs `sys.executable -m simplejson.tool`: a static binary's sys.executable is the "
                              "binary, which runs its own main, not `-m` (runtime limitation, docs/runtime.md; the "
                              "runner refuses such calls instead of starting the suite again recursively).",
        },
        findings=["`test_tool.py` (3 tests) fails in the static binary: it runs `sys.executable -m simplejson.tool`. "
                  "Without the runner's guard each call started the whole suite again, recursively (hundreds of "
                  "processes). A static binary has no interpreter mode; a runtime change that would remove this: a "
                  "launcher option (e.g. an environment variable set by the binary for its children) under which the "
                  "binary behaves like `python` for `-m`/`-c`."],
    ),
]

QUICK = ["markupsafe", "msgpack", "simplejson"]
QUICK_PYTHON = ["3.12"]
FULL_PYTHON = ["3.12", "3.11"]

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
        findings=["pytest.ini's `addopts` need pytest-cov; both runs use `-o addopts= --strict-markers` "
                  "(the rest of pytest.ini, e.g. `filterwarnings = error`, applies to both)."],
    ),
]
