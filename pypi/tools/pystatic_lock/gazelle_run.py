"""Runs our Gazelle over an unpacked sdist and returns the BUILD files it wrote.

The root BUILD file gets the directives a third-party package needs: libraries
(py_static_py_library) for its Python code (a static binary needs the .py files too), no
programs and no tests, and the sdist's tests, docs and build scripts left out.
The overrides file adds directives and overlay files (docs/pypi.md#overrides).
"""

import os
import subprocess

from . import LockError

DIRECTIVES = [
    # "all": a package's test-named modules are library files, as the wheel installs them.
    "py_static_py_library all",
    "py_static_binaries false",
    "py_static_tests false",
]
# Top-level directories and files of an sdist that are not the package.
LEFT_OUT = ("tests", "test", "testing", "docs", "doc", "examples", "example", "benchmarks", "bench", "ci",
            "scripts", "tools", "setup.py", "conftest.py", "conf.py", "noxfile.py", "tasks.py", "fabfile.py")
BUILD_NAMES = ("BUILD", "BUILD.bazel")


BAZEL_FILES = BUILD_NAMES + ("WORKSPACE", "WORKSPACE.bazel", "MODULE.bazel", "REPO.bazel", "WORKSPACE.bzlmod")


def prepare(where, tree, directives, overlays):
    """Writes the root BUILD file and the overlays; returns the Bazel files the sdist shipped, removed.

    A vendored library's own BUILD file (ujson's deps/double-conversion/BUILD) is
    for another build: it would make a Bazel package Gazelle knows nothing of.
    The lock lists them and the repository rule deletes them too.
    """
    removed = []
    for dirpath, _, files in os.walk(tree):
        for f in files:
            if f in BAZEL_FILES:
                rel = os.path.relpath(os.path.join(dirpath, f), tree).replace(os.sep, "/")
                os.remove(os.path.join(dirpath, f))
                removed.append(rel)
    left_out = [p for p in LEFT_OUT if os.path.exists(os.path.join(tree, p))]
    root = ["# Written by rules_pystatic's lock tool for Gazelle."]
    root += ["# gazelle:" + d for d in DIRECTIVES]
    root += ["# gazelle:exclude " + p for p in left_out]
    root += ["# gazelle:" + d for d in directives]
    with open(os.path.join(tree, "BUILD.bazel"), "w") as f:
        f.write("\n".join(root) + "\n")
    for rel, text in overlays.items():
        path = os.path.join(tree, rel)
        if rel == "BUILD.bazel":
            with open(path, "a") as f:
                f.write("\n" + text)
            continue
        os.makedirs(os.path.dirname(path) or tree, exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    return sorted(removed)


def run(where, gazelle, tree):
    tree = os.path.realpath(tree)
    # PWD too: Go's os.Getwd trusts it, and `bazel run` sets it to the user's workspace.
    env = dict(os.environ, PWD=tree)
    p = subprocess.run([gazelle, "-lang", "py_static", "-repo_root", tree, tree], cwd=tree, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        raise LockError("%s: Gazelle (%s) failed on the sdist (exit %d):\n%s" % (where, gazelle, p.returncode, p.stdout))
    return [l for l in p.stdout.splitlines() if l.strip()]


def collect(tree):
    """{relative path: text} of every BUILD file in the tree, in path order."""
    out = {}
    for dirpath, dirs, files in os.walk(tree):
        dirs.sort()
        for f in files:
            if f in BUILD_NAMES:
                path = os.path.join(dirpath, f)
                with open(path) as fh:
                    out[os.path.relpath(path, tree).replace(os.sep, "/")] = fh.read()
    return out
