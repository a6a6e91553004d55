"""BUILD file text: the rules found in Gazelle's output, and the package target.

Every package repository has one target the hub points at, `//:pkg`, a
py_library: for a wheel it holds the wheel's files; for an sdist it depends on
every py_static_py_library and py_static_extension Gazelle wrote (and every
py_library of an override's BUILD files). Its deps on other
locked packages are written here, at lock time, so the lock shows exactly the
BUILD files Bazel will read.
"""

import json
import os
import re

PKG = "pkg"
_LOAD = re.compile(r'load\(\s*"([^"]+)"\s*,(.*?)\)\s*\n', re.S)
_RULE = re.compile(r'^(\w+)\(\s*\n\s*name = "([^"]+)"', re.M)
# Gazelle's libraries and extensions, and py_library rules written by hand in
# an override's BUILD files.
_PY_LIBRARY_KINDS = ("py_static_py_library", "py_library")
_LIBRARY_KINDS = _PY_LIBRARY_KINDS + ("py_static_extension",)


def repo_name(hub, key):
    """The package repository's name: the hub's name, _, the normalized name with - as _."""
    return "%s_%s" % (hub, key.replace("-", "_").replace(".", "_"))


def package_label(hub, key):
    return "@%s//:%s" % (repo_name(hub, key), PKG)


def rules(text):
    """[(kind, name)] of the rules in a Gazelle-formatted BUILD file."""
    return _RULE.findall(text)


def extension_modules(text):
    """The `module` of every py_static_extension in a Gazelle-formatted BUILD file."""
    return re.findall(r'^py_static_extension\((?:(?!^\)).)*?^\s*module = "([^"]+)"', text, re.M | re.S)


def split_loads(text):
    """({file: [symbols]}, rest): a BUILD file's leading load statements and what follows them.

    Comment lines among the leading loads are kept, in order, at the start of the rest.
    """
    loads, comments = {}, []
    rest = text
    while True:
        stripped = rest.lstrip()
        if stripped.startswith("#"):
            line, _, rest = stripped.partition("\n")
            comments.append(line)
            continue
        m = _LOAD.match(stripped) if stripped.startswith("load(") else None
        if not m:
            break
        symbols = loads.setdefault(m.group(1), [])
        for s in re.findall(r'(?:\w+\s*=\s*)?"[^"]+"', m.group(2)):
            if s not in symbols:
                symbols.append(s)
        rest = stripped[m.end():]
    if comments:
        rest = "\n".join(comments) + "\n" + rest
    return loads, rest


def merge(*texts):
    """BUILD files joined into one: every load first (once), then each body in order."""
    loads, bodies = {}, []
    for text in texts:
        file_loads, body = split_loads(text)
        for f, symbols in file_loads.items():
            merged = loads.setdefault(f, [])
            merged += [s for s in symbols if s not in merged]
        if body.strip():
            bodies.append(body.strip("\n"))
    head = "".join('load("%s", %s)\n' % (f, ", ".join(sorted(loads[f]))) for f in sorted(loads))
    return (head + "\n" if head else "") + "\n\n".join(bodies) + "\n"


def _list(values):
    if not values:
        return "[]"
    return "[\n" + "".join("        %s,\n" % json.dumps(v) for v in values) + "    ]"


DATA = "pystatic_data"
# Files of a Python package directory that are not its data: sources (Python,
# C/C++, Cython) and build files.
_NOT_DATA = (".py", ".pyc", ".pyo", ".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx", ".inc", ".pyx",
             ".pxd", ".pxi", ".o", ".so", ".a")
_NOT_DATA_NAMES = ("BUILD", "BUILD.bazel")
_LABEL_SAFE = re.compile(r"^[A-Za-z0-9_./+=,@~-]+$")


def data_files(tree, package):
    """Files of a Python package's directory (and its subdirectories that are no Bazel package) that are
    data: what setuptools' package_data usually installs beside the code (py.typed, .pyi, templates)."""
    out = []
    root = os.path.join(tree, package)
    for dirpath, dirs, files in os.walk(root):
        # A subdirectory with a BUILD file is a package of its own, with its own filegroup.
        dirs[:] = sorted(d for d in dirs if d != "__pycache__" and
                         not any(os.path.exists(os.path.join(dirpath, d, b)) for b in _NOT_DATA_NAMES))
        for f in sorted(files):
            rel = os.path.relpath(os.path.join(dirpath, f), root).replace(os.sep, "/")
            if f.endswith(_NOT_DATA) or f in _NOT_DATA_NAMES or not _LABEL_SAFE.match(rel):
                continue
            out.append(rel)
    return out


def data_filegroup(files):
    return ("\n# Data files of this Python package, for the package's target (written by the lock tool).\n"
            "filegroup(\n    name = \"%s\",\n    srcs = %s,\n    visibility = [\"//visibility:public\"],\n)\n" % (
                DATA, _list(files)))


def pkg_target(comment, deps, srcs_glob=False, data=()):
    """The package's py_library, with deps (labels) and, for a wheel, every file of the repository."""
    lines = ["# %s" % comment, "py_library(", '    name = "%s",' % PKG]
    if data:
        lines.append("    data = %s," % _list(sorted(data)))
    if srcs_glob:
        lines += [
            '    srcs = glob(["**/*.py"], allow_empty = True),',
            "    # Data files (py.typed, templates, ...) and the wheel's metadata, which",
            "    # importlib.metadata reads; not the repository's own files.",
            '    data = glob(',
            '        ["**"],',
            '        allow_empty = True,',
            '        exclude = ["**/*.py", "**/*.pyc", "**/__pycache__/**", "BUILD.bazel", "REPO.bazel", "WORKSPACE"],',
            '    ),',
        ]
    lines += ['    imports = ["."],', '    visibility = ["//visibility:public"],', "    deps = %s," % _list(sorted(deps)), ")"]
    return 'load("@rules_python//python:defs.bzl", "py_library")\n\n' + "\n".join(lines) + "\n"


def wheel_build_files(name, version, deps, extra):
    text = pkg_target("%s %s, a pure-Python wheel: its files as one library." % (name, version), deps, srcs_glob=True)
    if extra:
        text = merge(text, extra)
    return {"BUILD.bazel": text}


def sdist_build_files(name, version, generated, deps, tree):
    """Gazelle's BUILD files, a filegroup of each Python package's data files, and the package target."""
    targets, data = [], []
    files = dict(generated)
    for path, text in sorted(generated.items()):
        package = path.rsplit("/", 1)[0] if "/" in path else ""
        found = rules(text)
        for kind, rule in found:
            if kind in _LIBRARY_KINDS:
                targets.append("//%s:%s" % (package, rule))
        if package and any(kind in _PY_LIBRARY_KINDS for kind, _ in found):
            extra = data_files(tree, package)
            if extra:
                files[path] = text.rstrip("\n") + "\n" + data_filegroup(extra)
                data.append("//%s:%s" % (package, DATA))
    root = files.get("BUILD.bazel", "")
    target = pkg_target("%s %s, built from its sdist: every library and extension Gazelle generated." % (name, version),
                        targets + list(deps), data=data)
    files["BUILD.bazel"] = merge(root, target) if root.strip() else target
    return files
