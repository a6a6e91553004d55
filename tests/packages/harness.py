#!/usr/bin/env python3
"""Builds real PyPI packages' extensions statically and runs their own test
suites inside a py_static_test, then runs the same suites after a normal pip
install under the same Python, and writes docs/packages.md.

    python3 tests/packages/harness.py [--quick] [--only a,b] [--python 3.12,3.11] [--no-pip] [--docs-only]

Everything it downloads or generates lives under
${PYSTATIC_CACHE:-~/.cache/rules_pystatic}/packages:
  sdists/            the pinned sdists (sha256 checked)
  ws/NAME-VER/       generated Bazel module (MODULE.bazel): the unpacked
                     sdist, our overlays, and the BUILD files our Gazelle
                     wrote; tools/bazel7/setup.sh mounts packages/ at the same
                     path in the Bazel 7 root, where tools/bazel.sh runs Bazel.
                     With public=True (corpus.py): only the suite's files and
                     a lock that has the package's sdist (@pystatic_pypi)
  venv/PY/NAME-VER/  the pip-installed comparison
  results/           one JSON per (package, Python, mode); docs are made from these
  logs/              gazelle, bazel and pip logs
"""
import argparse
import datetime
import glob as globmod
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import corpus  # noqa: E402

# $PYSTATIC_PACKAGES_CACHE: another directory for this harness's files (for two
# runs side by side); it must be under $PYSTATIC_CACHE or /tmp, which the
# Bazel 7 root mounts at the same path.
CACHE = os.environ.get("PYSTATIC_PACKAGES_CACHE") or os.path.join(
    os.environ.get("PYSTATIC_CACHE") or os.path.expanduser("~/.cache/rules_pystatic"), "packages")
PYENV = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
MARK = "PYSTATIC_RESULT_JSON: "
CONFIG_FILES = ["pyproject.toml", "setup.cfg", "tox.ini", "pytest.ini", "conftest.py"]


def log(msg):
    print("[packages %s] %s" % (time.strftime("%H:%M:%S"), msg), flush=True)


def run(cmd, logfile, cwd=None, env=None, timeout=None, check=True):
    os.makedirs(os.path.dirname(logfile), exist_ok=True)
    with open(logfile, "a") as f:
        f.write("\n$ %s  (cwd %s)\n" % (" ".join(cmd), cwd or os.getcwd()))
        f.flush()
        p = subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT, timeout=timeout)
    if check and p.returncode != 0:
        raise RuntimeError("%s failed (exit %d); see %s" % (" ".join(cmd[:3]), p.returncode, logfile))
    return p.returncode


ENTER = os.path.join(ROOT, "tools", "bazel7", "enter.sh")


def in_root(version):
    """Debian's python3.14/3.15 live in the Bazel 7 root, not on this host:
    commands that run them go through tools/bazel7/enter.sh."""
    return version in corpus.DEBIAN_PYTHON


def command(version, args):
    return (["bash", ENTER] + args) if in_root(version) else args


def interpreter(version):
    if in_root(version):
        return "/usr/bin/python" + version
    for d in sorted(os.listdir(os.path.join(PYENV, "versions"))):
        if d.startswith(version + "."):
            exe = os.path.join(PYENV, "versions", d, "bin", "python" + version)
            if os.path.exists(exe):
                return exe
    raise SystemExit("no pyenv CPython %s under %s" % (version, PYENV))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(pkg):
    """The sdist, downloaded once with pip --require-hashes."""
    d = os.path.join(CACHE, "sdists")
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.lower().startswith(pkg["name"].lower().replace("-", "_") + "-" + pkg["version"]) or \
           f.lower().startswith(pkg["name"].lower() + "-" + pkg["version"]):
            p = os.path.join(d, f)
            if sha256(p) == pkg["sha256"]:
                return p
    req = os.path.join(d, pkg["name"] + ".req.txt")
    with open(req, "w") as f:
        f.write("%s==%s --hash=sha256:%s\n" % (pkg["name"], pkg["version"], pkg["sha256"]))
    run([sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:", "--no-deps",
         "--require-hashes", "-r", req, "-d", d], os.path.join(CACHE, "logs", pkg["name"], "pip-download.log"))
    for f in os.listdir(d):
        p = os.path.join(d, f)
        if f.endswith((".tar.gz", ".zip")) and sha256(p) == pkg["sha256"]:
            return p
    raise RuntimeError("%s: downloaded sdist has the wrong sha256" % pkg["name"])


def unpack(sdist, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    tmp = dest + ".tmp"
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    os.makedirs(tmp)
    if sdist.endswith(".zip"):
        with zipfile.ZipFile(sdist) as z:
            z.extractall(tmp)
    else:
        with tarfile.open(sdist) as t:
            t.extractall(tmp)
    (top,) = os.listdir(tmp)
    os.rename(os.path.join(tmp, top), dest)
    os.rmdir(tmp)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def cython(pkg, ws):
    """Cython output the sdist does not ship: generated here, before Gazelle
    runs, with the Cython pinned in corpus.CYTHON (the pip build is given the
    same version through PIP_CONSTRAINT)."""
    venv = os.path.join(CACHE, "tools", "cython")
    logf = os.path.join(CACHE, "logs", pkg["name"], "cython.log")
    exe = os.path.join(venv, "bin", "cython")
    if not os.path.exists(exe):
        run([sys.executable, "-m", "venv", venv], logf)
        req = os.path.join(venv, "requirements.txt")
        write(req, corpus.CYTHON + "\n")
        run([os.path.join(venv, "bin", "python"), "-m", "pip", "install", "--quiet", "--no-deps",
             "--only-binary", ":all:", "--require-hashes", "-r", req], logf)
    for pyx, flags in pkg.get("cythonize", {}).items():
        run([exe] + flags + [os.path.join(ws, pyx), "-o", os.path.join(ws, pyx[:-4] + (".cpp" if "--cplus" in flags else ".c"))],
            logf, cwd=ws)


def lock_pypi(pkg, ws, python_version, gazelle=None):
    """pytest, the package's test dependencies and its wheels (headers) through the public path:
    a requirements file, rules_pystatic's lock tool, and the pypi extension in MODULE.bazel."""
    wheels = pkg.get("wheels", {})
    requirements = corpus.PYTEST + pkg.get("test_deps", []) + wheels.get("requirements", [])
    overrides = dict(wheels.get("overrides", {}))
    if pkg.get("public"):
        # The package under test itself, pinned by its sdist's hash: the lock
        # tool runs our Gazelle over it (docs/pypi.md), as for any user.
        requirements = requirements + ["%s==%s --hash=sha256:%s" % (pkg["name"], pkg["version"], pkg["sha256"])]
        overrides.update(pkg.get("lock_overrides", {}))
    write(os.path.join(ws, "pystatic_support", "requirements.txt"), "".join(r + "\n" for r in requirements))
    lock = os.path.join(ws, "pystatic_pypi.lock.json")
    args = [sys.executable, os.path.join(ROOT, "pypi", "tools", "lock.py"),
            os.path.join(ws, "pystatic_support", "requirements.txt"),
            "--out", lock, "--python-version", python_version]
    if gazelle:
        args += ["--gazelle", gazelle]
    if overrides:
        path = os.path.join(ws, "pystatic_support", "overrides.json")
        write(path, json.dumps(overrides, indent=1, sort_keys=True))
        args += ["--overrides", path]
    logf = os.path.join(CACHE, "logs", pkg["name"], "lock.log")
    if os.path.exists(logf):
        os.remove(logf)
    run(args, logf)
    return lock


def runner_text(pkg):
    with open(os.path.join(HERE, "runner.py")) as f:
        text = f.read()
    # The package itself first: `import pkg._ext` alone resolves to the
    # extension's target only, without the package's __init__.py (a finding).
    imports = ["import %s  # the package" % p
               for p in (pkg["import_packages"] if "import_packages" in pkg
                         else [os.path.basename(q) for q in pkg["packages"]])]
    imports += ["import %s  # extension" % e for e in pkg["extensions"]]
    imports += ["import %s  # test dependency" % m for m in pkg.get("test_imports", [])]
    config = {"name": pkg["name"], "extensions": pkg["extensions"], "pytest_args": corpus.COMMON_PYTEST_ARGS + pkg["pytest_args"]}
    return text.replace("# @IMPORTS@", "\n".join(imports)).replace("@CONFIG@", json.dumps(config, indent=1))


def generate_workspace(pkg, sdist, gazelle):
    """Unpack, write our overlays, run our Gazelle.  Returns the workspace."""
    if pkg.get("public"):
        return generate_public_workspace(pkg, sdist, gazelle)
    ws = os.path.join(CACHE, "ws", "%s-%s" % (pkg["name"], pkg["version"]))
    logs = os.path.join(CACHE, "logs", pkg["name"])
    unpack(sdist, ws)
    if pkg.get("cythonize"):
        cython(pkg, ws)
    # A Bazel module (bzlmod): tools/bazel.sh runs Bazel 7 with
    # --override_module=rules_pystatic=<this checkout> for any module that
    # names rules_pystatic; local_path_override says the same for a plain bazel.
    lock_pypi(pkg, ws, corpus.FULL_PYTHON[0])
    write_module(pkg, ws)
    write(os.path.join(ws, "pystatic_support", "BUILD.bazel"), "# gazelle:py_static disabled\n")
    return root_mode_body(pkg, ws, gazelle, logs)


def hub_name(name):
    """The package's label in the hub: PEP 503 normalized, `-` and `.` as `_` (docs/pypi.md)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def generate_public_workspace(pkg, sdist, gazelle):
    """The public path (docs/pypi.md): the package's sdist is one more pinned
    requirement, locked by pypi/tools/lock.py (which runs our Gazelle over it);
    the workspace holds only the suite's files, taken from the unpacked sdist,
    and a py_static_test that depends on @pystatic_pypi//<package>.
    Returns the workspace, the extensions the lock recorded, and the lock
    tool's Gazelle messages."""
    ws = os.path.join(CACHE, "ws", "%s-%s" % (pkg["name"], pkg["version"]))
    logs = os.path.join(CACHE, "logs", pkg["name"])
    if os.path.exists(ws):
        shutil.rmtree(ws)
    sdist_tree = os.path.join(CACHE, "ws", ".sdist-%s-%s" % (pkg["name"], pkg["version"]))
    unpack(sdist, sdist_tree)
    os.makedirs(ws)
    # Only the suite and the files pytest reads its configuration from: the
    # package itself comes from the lock, never from these files.
    configs = [c for c in CONFIG_FILES if os.path.exists(os.path.join(sdist_tree, c))]
    for c in configs:
        shutil.copy(os.path.join(sdist_tree, c), os.path.join(ws, c))
    data = ["//:pystatic_config"]
    for d in pkg["test_dirs"]:
        if ":" in d:
            raise RuntimeError("%s: public packages take whole test directories, not %r" % (pkg["name"], d))
        shutil.copytree(os.path.join(sdist_tree, d), os.path.join(ws, d))
        write(os.path.join(ws, d, "BUILD.bazel"),
              "filegroup(\n    name = \"pystatic_suite\",\n    srcs = glob([\"**\"], exclude = [\"BUILD.bazel\"]),\n"
              "    visibility = [\"//visibility:public\"],\n)\n")
        data.append("//%s:pystatic_suite" % d)
    shutil.rmtree(sdist_tree)
    for path, text in pkg.get("overlays", {}).items():
        write(os.path.join(ws, path), text)
    lock = lock_pypi(pkg, ws, corpus.FULL_PYTHON[0], gazelle)
    write_module(pkg, ws)
    write(os.path.join(ws, "pystatic_support", "BUILD.bazel"), "")
    write(os.path.join(ws, "BUILD.bazel"), "# Generated by rules_pystatic tests/packages/harness.py.\n\n"
          "filegroup(\n    name = \"pystatic_config\",\n    srcs = %s,\n    visibility = [\"//visibility:public\"],\n)\n"
          % json.dumps(configs))
    write(os.path.join(ws, "pystatic_suite", "run_test.py"), runner_text(pkg))
    deps = ["@pystatic_pypi//pytest", "@pystatic_pypi//" + hub_name(pkg["name"])]
    deps += ["@pystatic_pypi//" + hub_name(r.split("==")[0]) for r in pkg.get("test_deps", [])]
    write(os.path.join(ws, "pystatic_suite", "BUILD.bazel"), """load("@rules_pystatic//rules:defs.bzl", "py_static_test")

# The package under test comes from the lock (@pystatic_pypi), built from its
# sdist with the BUILD files our Gazelle wrote at lock time.
py_static_test(
    name = "run_test",
    size = "large",
    srcs = ["run_test.py"],
    data = {data},
    main = "run_test.py",
    # See the root-module mode's run_test (harness.py): suites that run
    # `sys.executable -c/-m ...` get the binary acting as python.
    python_cli = True,
    deps = {deps},
)
""".format(data=json.dumps(data), deps=json.dumps(deps)))
    with open(lock) as f:
        entry = json.load(f)["packages"][hub_name(pkg["name"])]
    if entry["kind"] != "sdist":
        raise RuntimeError("%s: the lock took its %s, not the sdist" % (pkg["name"], entry["kind"]))
    with open(os.path.join(logs, "lock.log")) as fh:
        messages = [l.rstrip() for l in fh if "gazelle:" in l]
    return ws, sorted(entry.get("extensions", [])), messages


def python_tags():
    versions = sorted(set(corpus.FULL_PYTHON + corpus.QUICK_PYTHON + corpus.EXTRA_PYTHON + corpus.DEBIAN_PYTHON))
    default = corpus.FULL_PYTHON[0]
    return "\n".join(["python.local(\n    default = True,\n    version = \"%s\",\n)" % default] +
                      ["python.local(version = \"%s\")" % v for v in versions if v != default])


def write_module(pkg, ws):
    write(os.path.join(ws, "MODULE.bazel"), """# Generated by rules_pystatic tests/packages/harness.py: {name} {version} from PyPI.
module(name = "pkg_{ident}")

bazel_dep(name = "rules_pystatic", version = "0.1.0")
local_path_override(
    module_name = "rules_pystatic",
    path = "{root}",
)

bazel_dep(name = "rules_cc", version = "0.0.11")
bazel_dep(name = "rules_python", version = "0.22.1")

# tools/bazel.sh points each version at an interpreter ($PYSTATIC_PYTHON_3_X:
# pyenv's CPythons, Debian's 3.14 and 3.15).
python = use_extension("@rules_pystatic//toolchain:extensions.bzl", "python")
{tags}
use_repo(python, "pystatic_pythons")

register_toolchains("@pystatic_pythons//:all")

# pytest and the other wheels of pystatic_support/requirements.txt, locked by
# rules_pystatic's lock tool into pystatic_pypi.lock.json (docs/pypi.md).
pypi = use_extension("@rules_pystatic//pypi:extensions.bzl", "pypi")
pypi.lock(
    name = "pystatic_pypi",
    file = "//:pystatic_pypi.lock.json",
)
use_repo(pypi, "pystatic_pypi")
""".format(name=pkg["name"], version=pkg["version"], ident=re.sub(r"\W", "_", pkg["name"]).lower(), root=ROOT,
                  tags=python_tags()))


def root_mode_body(pkg, ws, gazelle, logs):
    # Root: Gazelle directives, and the files pytest reads its configuration from.
    directives = [
        "# Generated by rules_pystatic tests/packages/harness.py.",
        "# gazelle:py_static_py_library true",
        "# gazelle:py_static_binaries false",
        "# gazelle:resolve py pytest @pystatic_pypi//pytest",
        "# gazelle:exclude pystatic_support",
    ] + ["# gazelle:" + d for d in pkg.get("directives", [])]
    configs = [c for c in CONFIG_FILES if os.path.exists(os.path.join(ws, c))]
    extra = re.sub(r"@FILES\(([^)]*)\)@", lambda m: json.dumps(sorted(
        os.path.relpath(f, ws) for f in globmod.glob(os.path.join(ws, m.group(1))))), pkg.get("root_build_extra", ""))
    root_build = "\n".join(directives) + extra + "\n\nfilegroup(\n    name = \"pystatic_config\",\n    srcs = %s,\n    visibility = [\"//visibility:public\"],\n)\n" % json.dumps(configs)
    existing = os.path.join(ws, "BUILD.bazel")
    if os.path.exists(existing) or os.path.exists(os.path.join(ws, "BUILD")):
        raise RuntimeError("%s ships a BUILD file; not handled" % pkg["name"])
    write(existing, root_build)
    if pkg.get("root"):
        write(os.path.join(ws, pkg["root"], "BUILD.bazel"), "# gazelle:py_static_root\n")
    data = ["//:pystatic_config"]
    for d in pkg["test_dirs"]:
        # The suite goes into runfiles as files (pytest collects files, and
        # Gazelle has no rule for a pytest suite).  "dir": the whole directory,
        # which Gazelle is told to leave alone; "dir:glob,glob": those files of
        # a package directory that Gazelle still manages (tests next to the code).
        d, _, globs = d.partition(":")
        if globs:
            build = os.path.join(ws, d, "BUILD.bazel")
            write(build, "filegroup(\n    name = \"pystatic_suite\",\n    srcs = glob(%s),\n"
                  "    visibility = [\"//visibility:public\"],\n)\n" % json.dumps(globs.split(",")))
        else:
            write(os.path.join(ws, d, "BUILD.bazel"),
                  "# gazelle:py_static disabled\n\nfilegroup(\n    name = \"pystatic_suite\",\n"
                  "    srcs = glob([\"**\"], exclude = [\"BUILD.bazel\"]),\n    visibility = [\"//visibility:public\"],\n)\n")
        data.append("//%s:pystatic_suite" % d)
    for path, text in pkg.get("overlays", {}).items():
        write(os.path.join(ws, path), text)
    write(os.path.join(ws, "pystatic_suite", "run_test.py"), runner_text(pkg))
    write(os.path.join(ws, "pystatic_suite", "BUILD.bazel"), """# gazelle:py_static_tests true
load("@rules_pystatic//rules:defs.bzl", "py_static_test")

# Gazelle fills in srcs, main and deps; data, size and python_cli are ours.
py_static_test(
    name = "run_test",
    size = "large",
    data = {data},
    # Suites run `sys.executable -c/-m ...` (simplejson's test_tool.py,
    # multidict's test_circular_imports.py, optree): with python_cli, the
    # binary called with a Python option runs as python. The runner's own
    # arguments (none under bazel test; "static" or "pip") are not options.
    python_cli = True,
)
""".format(data=json.dumps(data)))
    glog = os.path.join(logs, "gazelle.log")
    if os.path.exists(glog):
        os.remove(glog)
    run([gazelle, "-lang", "py_static", "-repo_root", ws], glog, cwd=ws)
    # What Gazelle wrote, for the docs and for inspection.
    found = []
    for dirpath, _, files in os.walk(ws):
        for f in files:
            if f == "BUILD.bazel":
                with open(os.path.join(dirpath, f)) as fh:
                    found += re.findall(r'module = "([^"]+)"', fh.read())
    with open(glog) as fh:
        messages = [l.rstrip() for l in fh if l.startswith("gazelle:")]
    return ws, sorted(found), messages


def bazel_test(pkg, ws, version):
    logs = os.path.join(CACHE, "logs", pkg["name"])
    blog = os.path.join(logs, "bazel-%s.log" % version)
    if os.path.exists(blog):
        os.remove(blog)
    t0 = time.time()
    # tools/bazel.sh runs Bazel 7 inside the Debian unstable root (the test
    # binary links its glibc, so it runs there too); the workspace and
    # bazel-testlogs' target ($CACHE/bazel7/work) have the same paths on both sides.
    rc = run([os.path.join(ROOT, "tools", "bazel.sh"), "test", "//pystatic_suite:run_test",
              "--@rules_pystatic//toolchain:python_version=" + version, "--test_output=errors",
              "--test_timeout=1800", "--keep_going",
              # The runtime reads it once, at start-up (runner.py).
              "--test_env=PYSTATIC_DEBUG=1",
              # setuptools compiles extensions with sysconfig's CFLAGS, which
              # have -DNDEBUG; Bazel's default fastbuild does not (a finding).
              "--compilation_mode=opt"] + pkg.get("bazel_flags", []),
             blog, cwd=ws, check=False)
    elapsed = time.time() - t0
    testlog = os.path.join(ws, "bazel-testlogs", "pystatic_suite", "run_test", "test.log")
    result = parse(testlog) if rc in (0, 3) and os.path.exists(testlog) else None
    if result is None:
        with open(blog) as f:
            tail = f.read()[-3000:]
        result = {"mode": "static", "error": "bazel exit %d" % rc, "log_tail": tail}
    else:
        shutil.copy(testlog, os.path.join(logs, "test-static-%s.log" % version))
        with open(testlog, errors="replace") as f:
            result["init"] = dict(re.findall(r"pystatic: imported (\S+) \(([^)]*)\)", f.read()))
    result["seconds"] = round(elapsed, 1)
    result["compilation_mode"] = "opt"
    return result


def parse(path):
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith(MARK):
                return json.loads(line[len(MARK):])
    return None


def pip_run(pkg, ws, sdist, version):
    logs = os.path.join(CACHE, "logs", pkg["name"])
    plog = os.path.join(logs, "pip-%s.log" % version)
    if os.path.exists(plog):
        os.remove(plog)
    venv = os.path.join(CACHE, "venv", version, "%s-%s" % (pkg["name"], pkg["version"]))
    t0 = time.time()
    py = os.path.join(venv, "bin", "python")
    stamp = os.path.join(venv, "pystatic-installed")
    if not os.path.exists(stamp):
        if os.path.exists(venv):
            shutil.rmtree(venv)
        if in_root(version):
            # No ensurepip in the root: a venv without pip, given the pinned
            # pip wheel (downloaded here, run from the wheel itself).
            run(command(version, [interpreter(version), "-m", "venv", "--without-pip", venv]), plog)
            wheels = os.path.join(CACHE, "tools", "pip-wheel")
            pin = os.path.join(wheels, "requirements.txt")
            write(pin, corpus.PIP_WHEEL + "\n")
            run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
                 "--require-hashes", "-r", pin, "-d", wheels], plog)
            (wheel,) = globmod.glob(os.path.join(wheels, "pip-*.whl"))
            run(command(version, [py, os.path.join(wheel, "pip"), "install", "--quiet", "--no-deps", wheel]), plog,
                cwd=CACHE)
        else:
            run([interpreter(version), "-m", "venv", venv], plog)
        req = os.path.join(venv, "test-requirements.txt")
        write(req, "".join(r + "\n" for r in corpus.PYTEST + pkg.get("test_deps", [])))
        run(command(version, [py, "-m", "pip", "install", "--quiet", "--no-deps", "--only-binary", ":all:",
                              "--require-hashes", "-r", req]), plog, cwd=CACHE)
        # The same sdist file, built by pip as a user would (build isolation, setup.py/pyproject).
        env = dict(os.environ)
        pins = list(pkg.get("pip_constraints", []))
        if pkg.get("cythonize"):
            pins.append(corpus.CYTHON.split()[0])
        if pins:
            constraint = os.path.join(venv, "constraints.txt")
            write(constraint, "".join(p + "\n" for p in pins))
            env["PIP_CONSTRAINT"] = constraint
        # The sdist file itself is always built; its build dependencies
        # (setuptools, Cython, ...) come as wheels, as for any user.
        run(command(version, [py, "-m", "pip", "install", "--quiet", "--no-deps", sdist]), plog, env=env, cwd=CACHE)
        write(stamp, "")
    # A copy of the workspace without the package's own source directories, so
    # the installed package is the one imported.
    scratch = os.path.join(CACHE, "pipcopy", version, pkg["name"])
    if os.path.exists(scratch):
        shutil.rmtree(scratch)
    shutil.copytree(ws, scratch, symlinks=True, ignore=shutil.ignore_patterns("bazel-*"))
    for p in ([] if pkg.get("public") else pkg["packages"]):
        shutil.rmtree(os.path.join(scratch, p))
    out = os.path.join(logs, "test-pip-%s.log" % version)
    # run() appends and parse() takes the first result line: without this, a
    # second run read the first run's counts.
    if os.path.exists(out):
        os.remove(out)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    rc = run(command(version, [py, "-I", os.path.join(scratch, "pystatic_suite", "run_test.py"), "pip"]), out,
             cwd=scratch, env=env, check=False, timeout=3600)
    result = parse(out) or {"mode": "pip", "error": "exit %d, no result; see %s" % (rc, out)}
    result["seconds"] = round(time.time() - t0, 1)
    return result


def counts(result):
    o = result.get("outcomes")
    if not o:
        return None
    return {k: len(v) for k, v in o.items()}


def normalize(nodeid):
    """The test's file name and name: --pyargs suites have different rootdirs
    in the two runs (runfiles vs site-packages), so paths differ.  Parameter
    ids made from an object's repr carry its address (optree:
    `tree(<object object at 0x7f...>)`), which differs from run to run: masked."""
    path, sep, rest = nodeid.partition("::")
    return os.path.basename(path) + sep + re.sub(r" at 0x[0-9a-fA-F]+", " at 0x?", rest)


def outcome_map(result):
    m = {}
    for k, ids in (result.get("outcomes") or {}).items():
        for i in ids:
            i = normalize(i)
            m.setdefault(i, k)
            if k in ("failed", "error"):
                m[i] = k
    return m


def save(pkg, version, mode, result):
    d = os.path.join(CACHE, "results")
    os.makedirs(d, exist_ok=True)
    result["package"] = pkg["name"]
    result["version"] = pkg["version"]
    result["date"] = datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")
    with open(os.path.join(d, "%s-%s-%s.json" % (pkg["name"], version, mode)), "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)


def load(name, version, mode):
    p = os.path.join(CACHE, "results", "%s-%s-%s.json" % (name, version, mode))
    if os.path.exists(p):
        with open(p) as f:
            return json.load(f)
    return None


def fmt_counts(result):
    if result is None:
        return "not run"
    if "error" in result:
        return "**error**: " + result["error"]
    c = counts(result)
    if c is None:
        return "no tests"
    s = "%d / %d / %d" % (c.get("passed", 0), c.get("failed", 0) + c.get("error", 0), c.get("skipped", 0))
    extra = []
    if c.get("xfailed"):
        extra.append("%d xfail" % c["xfailed"])
    if c.get("xpassed"):
        extra.append("%d xpass" % c["xpassed"])
    return s + (" (" + ", ".join(extra) + ")" if extra else "")


def ext_ok(result):
    if result is None or "error" in result:
        return "n/a"
    vals = list(result.get("extensions_before", {}).values()) + list(result.get("extensions_after", {}).values())
    return "yes" if vals and all(v == "ok" for v in vals) else "**NO**: " + "; ".join(v for v in vals if v != "ok")


def explain(pkg, static, pip):
    """Every test whose outcome differs, with the corpus' explanation (or none)."""
    if not static or not pip or "error" in static or "error" in pip:
        return []
    s, p = outcome_map(static), outcome_map(pip)
    rows = []
    for nodeid in sorted(set(s) | set(p)):
        if s.get(nodeid) == p.get(nodeid):
            continue
        why = None
        for prefix, text in pkg.get("differences", {}).items():
            if nodeid.startswith(prefix) or re.search(prefix, nodeid):
                why = text
                break
        rows.append((nodeid, s.get(nodeid, "absent"), p.get(nodeid, "absent"), why or "**not explained**"))
    return rows


def write_docs(versions_run):
    lines = []
    lines.append("# Real packages built statically")
    lines.append("")
    lines.append("<!-- Generated by tests/packages/harness.py from the results under "
                 "${PYSTATIC_CACHE:-~/.cache/rules_pystatic}/packages/results. Do not edit. -->")
    lines.append("")
    lines.append(open(os.path.join(HERE, "DOC_INTRO.md")).read().strip())
    lines.append("")
    versions = sorted({v for v in corpus.FULL_PYTHON + corpus.QUICK_PYTHON + corpus.EXTRA_PYTHON + corpus.DEBIAN_PYTHON}, reverse=True,
                      key=lambda v: tuple(int(x) for x in v.split(".")))
    lines.append("## Results")
    lines.append("")
    lines.append("passed / failed (incl. errors) / skipped, from pytest's own summary. "
                 "\"static is static\": every extension was loaded by `_pystatic`'s importer before and after the suite, "
                 "and no `.so` of it exists anywhere on `sys.path`; for the pip column, that every extension was "
                 "a real `.so` loaded by `ExtensionFileLoader` (so no pure-Python fallback ran instead).")
    lines.append("")
    lines.append("| package | version | extensions (kind) | Python | static binary | pip install | static is static | pip is .so | init seen by the runtime | run |")
    lines.append("|---|---|---|---|---|---|---|---|---|---|")
    diffs = []
    for pkg in corpus.PACKAGES:
        for v in versions:
            st, pp = load(pkg["name"], v, "static"), load(pkg["name"], v, "pip")
            if st is None and pp is None:
                continue
            exts = ", ".join("`%s`" % e for e in pkg["extensions"])
            init = (st or {}).get("init")
            lines.append("| %s | %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s |" % (
                pkg["name"], pkg["version"], exts, ", ".join(pkg["kinds"]), v,
                fmt_counts(st), fmt_counts(pp), ext_ok(st), ext_ok(pp),
                ", ".join("%s" % init[e] for e in pkg["extensions"] if e in init) if init else "not recorded",
                (st or pp).get("date", "")))
            for row in explain(pkg, st, pp):
                diffs.append((pkg["name"], v) + row)
    lines.append("")
    lines.append("## Differences between the static and the pip run")
    lines.append("")
    if diffs:
        lines.append("| package | Python | test | static | pip | why |")
        lines.append("|---|---|---|---|---|---|")
        for d in diffs:
            lines.append("| %s | %s | `%s` | %s | %s | %s |" % d)
    else:
        lines.append("None: every test has the same outcome in both runs.")
    lines.append("")
    lines.append("## Findings that apply to every package")
    lines.append("")
    for f in corpus.GENERAL_FINDINGS:
        lines.append("- " + f)
    lines.append("")
    lines.append("## Per package: what Gazelle needed, and findings")
    lines.append("")
    for pkg in corpus.PACKAGES:
        lines.append("### %s %s" % (pkg["name"], pkg["version"]))
        lines.append("")
        lines.append("- sdist sha256 `%s`; extensions: %s; suite: `pytest %s`" % (
            pkg["sha256"], ", ".join("`%s`" % e for e in pkg["extensions"]), " ".join(pkg["pytest_args"])))
        if pkg.get("root"):
            lines.append("- Python root `%s/`: `# gazelle:py_static_root` in `%s/BUILD.bazel`." % (pkg["root"], pkg["root"]))
        for d in pkg.get("directives", []):
            lines.append("- directive `# gazelle:%s`" % d)
        for path in sorted(pkg.get("overlays", {})):
            lines.append("- overlay file `%s`" % path)
        if pkg.get("public"):
            lines.append("- Through the public path: the sdist pinned by hash in the workspace's requirements.txt, "
                         "locked by `pypi/tools/lock.py` (our Gazelle at lock time), the test depending on "
                         "`@pystatic_pypi//%s`." % hub_name(pkg["name"]))
        for name, override in sorted(pkg.get("lock_overrides", {}).items()):
            for d in override.get("directives", []):
                lines.append("- lock override (`%s`): directive `# gazelle:%s`" % (name, d))
            for path in sorted(override.get("overlays", {})):
                lines.append("- lock override (`%s`): overlay file `%s`" % (name, path))
            for key in sorted(set(override) - {"directives", "overlays"}):
                lines.append("- lock override (`%s`): `%s = %s`" % (name, key, json.dumps(override[key])))
        for f in pkg.get("findings", []):
            lines.append("- " + f)
        g = gazelle_messages.get(pkg["name"])
        if g:
            lines.append("- Gazelle's messages on this sdist:")
            for m in g:
                lines.append("  - `%s`" % m.replace(CACHE, "$CACHE"))
        lines.append("")
    lines.append("## Known gaps")
    lines.append("")
    for g in corpus.KNOWN_GAPS:
        lines.append("- " + g)
    lines.append("")
    write(os.path.join(ROOT, "docs", "packages.md"), "\n".join(lines).rstrip() + "\n")


gazelle_messages = {}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--python")
    ap.add_argument("--no-pip", action="store_true")
    ap.add_argument("--docs-only", action="store_true")
    ap.add_argument("--gazelle", default=os.environ.get("PYSTATIC_GAZELLE") or os.path.join(ROOT, "gazelle", "bin", "gazelle"))
    args = ap.parse_args()
    names = corpus.QUICK if args.quick else [p["name"] for p in corpus.PACKAGES]
    if args.only:
        names = args.only.split(",")
    versions = (args.python.split(",") if args.python else
                corpus.QUICK_PYTHON if args.quick else corpus.FULL_PYTHON)
    gm = os.path.join(CACHE, "results", "gazelle-messages.json")
    if os.path.exists(gm):
        gazelle_messages.update(json.load(open(gm)))
    failures = []
    if not args.docs_only:
        for pkg in corpus.PACKAGES:
            if pkg["name"] not in names:
                continue
            t0 = time.time()
            log("%s %s: fetching the sdist" % (pkg["name"], pkg["version"]))
            sdist = fetch(pkg)
            ws, found, messages = generate_workspace(pkg, sdist, args.gazelle)
            gazelle_messages[pkg["name"]] = messages
            os.makedirs(os.path.dirname(gm), exist_ok=True)
            json.dump(gazelle_messages, open(gm, "w"), indent=1, sort_keys=True)
            if found != sorted(pkg["extensions"]):
                log("%s: Gazelle found extensions %s, expected %s" % (pkg["name"], found, pkg["extensions"]))
                failures.append(pkg["name"] + ": gazelle found " + str(found))
            for v in versions:
                log("%s: static py_static_test on Python %s" % (pkg["name"], v))
                st = bazel_test(pkg, ws, v)
                save(pkg, v, "static", st)
                log("%s: static %s, extensions static: %s (%.0fs)" % (pkg["name"], fmt_counts(st), ext_ok(st), st["seconds"]))
                if not args.no_pip:
                    log("%s: pip install + same suite on Python %s" % (pkg["name"], v))
                    try:
                        pp = pip_run(pkg, ws, sdist, v)
                    except Exception as e:  # noqa: BLE001 - reported in the table
                        pp = {"mode": "pip", "error": str(e), "seconds": 0}
                    save(pkg, v, "pip", pp)
                    log("%s: pip %s (%.0fs)" % (pkg["name"], fmt_counts(pp), pp["seconds"]))
                    unexplained = [r for r in explain(pkg, st, pp) if r[-1] == "**not explained**"]
                    if unexplained:
                        failures.append("%s %s: %d unexplained differences" % (pkg["name"], v, len(unexplained)))
                if "error" in st or ext_ok(st) != "yes":
                    failures.append("%s %s: static run: %s" % (pkg["name"], v, st.get("error") or ext_ok(st)))
            subprocess.run([os.path.join(ROOT, "tools", "bazel.sh"), "shutdown"], cwd=ws,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            log("%s: done in %.0fs" % (pkg["name"], time.time() - t0))
    if args.quick and not args.docs_only:
        # CI: the subset must not rewrite the committed table with fewer rows.
        log("--quick: docs/packages.md left as it is (run without --quick, or --docs-only, to write it)")
    else:
        write_docs(versions)
        log("wrote docs/packages.md (from every result under %s)" % os.path.join(CACHE, "results"))
    for f in failures:
        log("PROBLEM: " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
