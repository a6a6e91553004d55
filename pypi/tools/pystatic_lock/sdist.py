"""An sdist's sources: unpacked, and checked for what our Gazelle cannot build from sources.

Three things are found before anything is generated, each an error naming the
package and the file:
- a build backend this project does not know (pyproject.toml [build-system]);
- cffi modules (setup.py/setup.cfg/pyproject.toml `cffi_modules`): their C
  source is written by cffi during the package's build, so no source holds it;
- a header the extension sources include that the sdist does not ship but
  generates (a `NAME.in`/`NAME.cmake` template, or a build script naming it).
"""

import os
import re
import shutil
import tarfile
import zipfile

from . import LockError

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None

# Backends whose packages keep their extension sources in the tree as they are
# built (setuptools' Extension, scikit-build-core and meson-python compile the
# sources in the sdist), or that build only pure Python.
KNOWN_BACKENDS = {
    "setuptools.build_meta": "setuptools",
    "setuptools.build_meta:__legacy__": "setuptools",
    "scikit_build_core.build": "scikit-build-core",
    "mesonpy": "meson-python",
    "flit_core.buildapi": "flit (pure Python)",
    "flit.buildapi": "flit (pure Python)",
    "hatchling.build": "hatchling",
    "poetry.core.masonry.api": "poetry-core",
    "pdm.backend": "pdm-backend",
    "pdm.pep517.api": "pdm-pep517",
}

C_SOURCES = (".c", ".cc", ".cpp", ".cxx", ".h", ".hh", ".hpp", ".hxx", ".inc")
GENERATED_TEMPLATES = (".in", ".cmake", ".tmpl", ".template")
BUILD_SCRIPTS = ("setup.py", "CMakeLists.txt", "meson.build", "configure", "configure.ac", "Makefile.in")


def unpack(archive, dest):
    """Unpacks into dest; returns the sdist's top directory name (its strip_prefix)."""
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    if archive.endswith(".zip"):
        with zipfile.ZipFile(archive) as z:
            z.extractall(dest)
    else:
        with tarfile.open(archive) as t:
            if hasattr(tarfile, "data_filter"):
                t.extractall(dest, filter="data")
            else:  # pragma: no cover - Python < 3.11.4
                t.extractall(dest)
    tops = os.listdir(dest)
    if len(tops) != 1 or not os.path.isdir(os.path.join(dest, tops[0])):
        raise LockError("%s: an sdist holds one top directory; this one holds %s" % (os.path.basename(archive), sorted(tops)))
    return tops[0]


def _read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def build_backend(tree):
    """(backend, backend-path list, file) from pyproject.toml; backend None when it names none
    (setuptools' legacy path)."""
    path = os.path.join(tree, "pyproject.toml")
    if not os.path.exists(path):
        return None, [], None
    text = _read(path)
    if tomllib is not None:
        try:
            system = tomllib.loads(text).get("build-system", {})
            return system.get("build-backend"), system.get("backend-path", []), "pyproject.toml"
        except tomllib.TOMLDecodeError:
            pass
    m = re.search(r'^\s*build-backend\s*=\s*["\']([^"\']+)["\']', text, re.M)
    return (m.group(1) if m else None), [], "pyproject.toml"


def in_tree_setuptools(tree, backend, backend_path):
    """True for an in-tree backend (PEP 517 backend-path) that wraps setuptools' (PyYAML's
    _pyyaml_pep517): it builds the same Extension()s."""
    module = backend.split(":")[0].replace(".", "/")
    for d in backend_path:
        for candidate in (module + ".py", module + "/__init__.py"):
            text = _read(os.path.join(tree, d, candidate))
            if re.search(r"\bsetuptools\.build_meta\b|from setuptools\b.*\bbuild_meta\b", text):
                return True
    return False


def check_backend(where, tree, allow):
    backend, backend_path, path = build_backend(tree)
    if backend is None or backend in KNOWN_BACKENDS or "unknown_backend" in allow:
        return backend
    if in_tree_setuptools(tree, backend, backend_path):
        return backend + " (in-tree, wraps setuptools.build_meta)"
    if backend.startswith("maturin"):
        what = "maturin builds Rust extensions, which rules_pystatic does not build"
    else:
        what = "rules_pystatic cannot tell how it builds the package's extensions"
    raise LockError("%s: %s: unknown build backend \"%s\" ([build-system] build-backend): %s. Fix: if the "
                    "package is pure Python, pin its py3-none-any wheel's --hash instead; otherwise add "
                    "\"allow\": [\"unknown_backend\"] for it in the overrides file, with the overlays or "
                    "directives that describe its extensions (docs/pypi.md#overrides)" % (where, path, backend, what))


def cffi_modules(tree):
    """[(file, "build.py:ffi")] declared by setup.py, setup.cfg or pyproject.toml (read, never run)."""
    found = []
    for name in ("setup.py", "setup.cfg", "pyproject.toml"):
        text = _read(os.path.join(tree, name))
        for m in re.finditer(r"cffi_modules\s*[=:]\s*\[([^\]]*)\]", text):
            found += [(name, s) for s in re.findall(r"[\"']([^\"']+)[\"']", m.group(1))]
        if name == "setup.cfg":
            m = re.search(r"^cffi_modules\s*=\s*\n((?:[ \t]+\S.*\n?)+)", text, re.M)
            if m:
                found += [(name, s.strip()) for s in m.group(1).splitlines() if s.strip()]
    return found


def cffi_module_names(tree, declared):
    """The module names the cffi builder scripts give to set_source()."""
    names = []
    for _, spec in declared:
        script = spec.split(":")[0]
        names += re.findall(r"set_source\(\s*[\"']([^\"']+)[\"']", _read(os.path.join(tree, script)))
    return sorted(set(names))


def check_cffi(where, tree, allow):
    declared = cffi_modules(tree)
    if not declared or "cffi" in allow:
        return
    names = cffi_module_names(tree, declared)
    raise LockError("%s: %s declares cffi_modules %s: cffi writes the C source of %s while the package builds, "
                    "so it cannot be found from the sdist's sources. Fix: if a pure-Python wheel of the package "
                    "exists pin it instead; otherwise generate the C source once (python %s), add it and a "
                    "py_static_extension for it as overlays, and \"allow\": [\"cffi\"] in the overrides file "
                    "(docs/pypi.md#overrides)" % (
                        where, declared[0][0], [s for _, s in declared],
                        "module " + ", ".join(names) if names else "its module", declared[0][1].split(":")[0]))


def _quoted_includes(path):
    return re.findall(r'^\s*#\s*include\s*"([^"]+)"', _read(path), re.M)


def check_generated_headers(where, tree, extension_dirs, allow):
    """A quoted #include, in a directory that holds an extension, of a header the sdist generates."""
    if "generated_header" in allow:
        return
    every = {}
    for dirpath, _, files in os.walk(tree):
        for f in files:
            every.setdefault(f, []).append(os.path.relpath(os.path.join(dirpath, f), tree))
    scripts = "\n".join(_read(os.path.join(tree, s)) for s in BUILD_SCRIPTS)
    for rel in sorted(extension_dirs):
        d = os.path.join(tree, rel)
        for f in sorted(os.listdir(d)):
            if not f.endswith(C_SOURCES):
                continue
            for inc in _quoted_includes(os.path.join(d, f)):
                base = os.path.basename(inc)
                if os.path.exists(os.path.join(d, inc)) or any(p.endswith(inc) for p in every.get(base, [])):
                    continue
                templates = [p for t in GENERATED_TEMPLATES for p in every.get(base + t, [])]
                if templates or re.search(r"\b" + re.escape(base) + r"\b", scripts):
                    source = os.path.normpath(os.path.join(rel, f))
                    how = ("from the template %s" % templates[0]) if templates else "by its build script"
                    raise LockError("%s: %s includes \"%s\", which the sdist does not ship: it is generated %s "
                                    "when the package builds. Fix: generate it once and add it as an overlay "
                                    "(\"overlays\": {\"%s\": ...} in the overrides file, docs/pypi.md#overrides)" % (
                                        where, source, inc, how, os.path.normpath(os.path.join(rel, inc))))
