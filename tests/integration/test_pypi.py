"""Third-party packages through the public path (docs/pypi.md), on Bazel 7.7.1:
examples/pypi's requirements (markupsafe's sdist with a C extension, attrs's
pure-Python wheel) locked from PyPI by the lock tool run with `bazel run`, then
a py_static_binary that imports both, in bzlmod and in WORKSPACE mode; and
rules_python's own pip extension beside it (its wheels' PyInfo as deps)."""

import json
import os
import pathlib
import re
import shutil

import bazel

EXAMPLE = bazel.ROOT / "examples" / "pypi"
# tools/test.sh builds it from this checkout; $PYSTATIC_GAZELLE names another build.
GAZELLE = pathlib.Path(os.environ.get("PYSTATIC_GAZELLE") or bazel.ROOT / "gazelle" / "bin" / "gazelle")
LOCK = "pystatic_pypi.lock.json"


def copy_example(tmp_path):
    work = tmp_path / "pypi"
    shutil.copytree(EXAMPLE, work, ignore=shutil.ignore_patterns("bazel-*"))
    return work


def assert_app_output(stdout, repo_spelling):
    assert "markupsafe.escape: &lt;static&gt;" in stdout, stdout[-3000:]
    # The extension was linked in from the package's repository, not loaded from a .so.
    assert re.search(r"markupsafe._speedups linked into this binary from @@?%s//src/markupsafe:_speedups" % repo_spelling,
                     stdout), stdout[-3000:]
    # The sdist's data files come along (a filegroup the lock tool adds beside Gazelle's rules).
    assert "markupsafe's py.typed: True" in stdout, stdout[-3000:]
    assert re.search(r"attrs 24.2.0 from \S*pystatic_pypi_attrs", stdout), stdout[-3000:]
    assert "python 3.12" in stdout


def test_bzlmod_lock_build_run_and_rules_python_pip(tmp_path):
    assert os.access(GAZELLE, os.X_OK), "no Gazelle binary at {}: run bash gazelle/build.sh {}".format(GAZELLE, GAZELLE)
    work = copy_example(tmp_path)
    (work / LOCK).unlink()
    try:
        # The documented step: the lock tool through Bazel, paths relative to the workspace.
        bazel.run(["run", "@rules_pystatic//pypi:lock", "--", "requirements.txt", "--overrides",
                   "pystatic_pypi.overrides.json", "--gazelle", str(GAZELLE), "--python-version", "3.12"], cwd=work)
        # The committed lock is what the tool writes today (and it writes the same bytes each time).
        assert (work / LOCK).read_text() == (EXAMPLE / LOCK).read_text()
        lock = json.loads((work / LOCK).read_text())
        assert lock["packages"]["markupsafe"]["kind"] == "sdist"
        assert lock["packages"]["markupsafe"]["extensions"] == ["markupsafe._speedups"]
        assert lock["packages"]["attrs"]["kind"] == "wheel"

        result = bazel.run(["run", "//:app"], cwd=work)
        assert_app_output(result.stdout, r"[^/]*pystatic_pypi_markupsafe")

        # rules_python 0.22.1's pip extension beside ours: its attrs wheel (a
        # py_library with PyInfo) in the same static binary as our markupsafe.
        (work / "requirements_pip.txt").write_text(
            "".join(l for l in (work / "requirements.txt").read_text().splitlines(True) if l.startswith("attrs")))
        with open(work / "MODULE.bazel", "a") as f:
            f.write('\nbazel_dep(name = "rules_python", version = "0.22.1")\n'
                    '\npip = use_extension("@rules_python//python/extensions:pip.bzl", "pip")\n'
                    'pip.parse(\n    name = "pip",\n    incompatible_generate_aliases = True,\n'
                    '    python_interpreter = "python3",\n    requirements_lock = "//:requirements_pip.txt",\n)\n'
                    'use_repo(pip, "pip")\n')
        with open(work / "BUILD.bazel", "a") as f:
            f.write('\npy_static_binary(\n    name = "app_pip",\n    srcs = ["app_pip.py"],\n    main = "app_pip.py",\n'
                    '    deps = [\n        "@pip//attrs",\n        "@pystatic_pypi//markupsafe",\n    ],\n)\n')
        (work / "app_pip.py").write_text(
            "import _pystatic, attr, markupsafe\n"
            "print('attrs', attr.__version__, 'from', attr.__file__)\n"
            "print('markupsafe._speedups from', _pystatic.module_info('markupsafe._speedups')['label'])\n")
        result = bazel.run(["run", "//:app_pip"], cwd=work)
        assert re.search(r"attrs 24.2.0 from \S*pip_attrs/", result.stdout), result.stdout[-3000:]
        assert re.search(r"markupsafe._speedups from @@?[^/]*pystatic_pypi_markupsafe//", result.stdout), result.stdout[-3000:]

        # A lock whose sha256 is not the file's: the error names the package, the file and the lock.
        lock["packages"]["attrs"]["sha256"] = "0" * 64
        (work / LOCK).write_text(json.dumps(lock, indent=2))
        result = bazel.run(["build", "//:app"], cwd=work, check=False)
        assert result.returncode != 0
        # The main repository's lock named as Bazel names it: //:..., never @@//:... .
        assert re.search(r"package attrs 24.2.0 \(attrs-24.2.0-py3-none-any.whl, from //:pystatic_pypi.lock.json\): "
                         r"hash mismatch: \S+ has sha256:81921eb9\w+, the lock pins sha256:0{64}", result.stdout), result.stdout[-3000:]
    finally:
        bazel.run(["shutdown"], cwd=work, check=False)


def test_workspace_mode(tmp_path):
    work = copy_example(tmp_path)
    # Nothing from MODULE.bazel may take part.
    (work / "MODULE.bazel").unlink()
    try:
        result = bazel.run(["run", "//:app"], cwd=work, mode="workspace")
        assert_app_output(result.stdout, "pystatic_pypi_markupsafe")
        # The hub was written for this name; another name is an error saying so.
        text = (work / "WORKSPACE").read_text().replace('name = "pystatic_pypi"', 'name = "other_pypi"')
        (work / "WORKSPACE").write_text(text.replace("@pystatic_pypi//:packages.bzl", "@other_pypi//:packages.bzl"))
        result = bazel.run(["build", "//:app"], cwd=work, mode="workspace", check=False)
        assert result.returncode != 0
        assert 'the lock was written for the hub "pystatic_pypi", and is used as "other_pypi"' in result.stdout, result.stdout[-3000:]
    finally:
        bazel.run(["shutdown"], cwd=work, mode="workspace", check=False)


def test_docs_show_the_example():
    """docs/pypi.md's Starlark is examples/pypi's (which the tests above build)."""
    blocks = re.findall(r"```starlark\n(.*?)```", (bazel.ROOT / "docs" / "pypi.md").read_text(), re.S)
    module, build, workspace = blocks[:3]

    def lines(text):
        return [l for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]

    for name, block in (("MODULE.bazel", module), ("WORKSPACE", workspace)):
        example = (EXAMPLE / name).read_text()
        for line in lines(block):
            assert line in example.splitlines(), "docs/pypi.md: {!r} is not in examples/pypi/{}".format(line, name)
    assert lines(build) == lines((EXAMPLE / "BUILD.bazel").read_text())
    requirements = re.search(r"```\n# requirements.txt\n(.*?)```", (bazel.ROOT / "docs" / "pypi.md").read_text(), re.S)
    assert requirements.group(1) == "".join(lines_with_end for lines_with_end in
                                            (EXAMPLE / "requirements.txt").read_text().splitlines(True)
                                            if not lines_with_end.startswith("#"))
