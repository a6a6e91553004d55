"""The single-file packer's module graph (rules/private/tools/module_graph.py), on small inputs.

The end-to-end behaviour (what a packed binary can import, the message for a
left-out module) is in test_single_file.py; this pins each rule of the graph.
"""

import ast
import sys

import pytest

import bazel

sys.path.insert(0, str(bazel.ROOT / "rules" / "private" / "tools"))
import module_graph  # noqa: E402


def reach(sources, roots, program=(), main=None, libraries=None):
    """Names reached among `sources` (name -> source text; a name ending in
    "/" is a package) from `roots`."""
    modules = {n.rstrip("/"): n.endswith("/") for n in sources}
    texts = {n.rstrip("/"): t for n, t in sources.items()}
    libraries = libraries or {}
    for name in libraries:
        modules[name] = False

    def tree_of(name):
        return ast.parse(texts[name]) if name in texts else None

    return set(module_graph.reach(roots, modules, tree_of, libraries.get, main, set(program)))


@pytest.mark.parametrize(
    "imported, level, name, is_package, expected",
    [
        ("json", 0, "app", False, "json"),
        ("sub", 1, "pkg.mod", False, "pkg.sub"),
        ("sub", 1, "pkg", True, "pkg.sub"),
        ("", 1, "pkg.mod", False, "pkg"),
        ("x", 2, "pkg.inner.mod", False, "pkg.x"),
        ("x", 3, "pkg.mod", False, None),  # beyond the top: fails at run time too
    ],
)
def test_resolve(imported, level, name, is_package, expected):
    assert module_graph.resolve(imported, level, name, is_package) == expected


def test_imports_anywhere_count_with_parents_and_from_submodules():
    sources = {
        "app": "import a.b\ndef f():\n    from c import d, e\n",
        "a/": "", "a.b": "", "c/": "", "c.d": "", "c.e_not_a_module": "", "unused": "",
    }
    assert reach(sources, ["app"]) == {"app", "a", "a.b", "c", "c.d"}


def test_main_guard_counts_only_in_the_main_module():
    sources = {
        "lib": 'if __name__ == "__main__":\n    import selftest\nelse:\n    import real\n',
        "app": 'import lib\nif "__main__" == __name__:\n    import cli\n',
        "selftest": "", "real": "", "cli": "",
    }
    assert reach(sources, ["app"], program={"app"}, main="app") == {"app", "lib", "real", "cli"}


def test_library_cli_entry_points_are_not_followed_but_the_programs_are():
    sources = {
        "tok": "def _main():\n    import argparse\ndef tokenize():\n    import re\n",
        "app": "import tok\ndef main():\n    import json\n",
        "argparse": "", "re": "", "json": "",
    }
    assert reach(sources, ["app"], program={"app"}) == {"app", "tok", "re", "json"}


def test_dev_tools_only_from_the_program():
    sources = {"pickle": "import doctest\n", "app": "import pickle\n", "doctest": ""}
    assert reach(sources, ["app"], program={"app"}) == {"app", "pickle"}
    sources["app"] = "import pickle, doctest\n"
    assert reach(sources, ["app"], program={"app"}) == {"app", "pickle", "doctest"}


def test_a_dev_tool_the_program_imports_brings_its_own_imports():
    sources = {
        "app": "import unittest\n",
        "unittest/": "from .result import TestResult\nimport difflib\nimport pdb\n",
        "unittest.result": "import traceback\n",
        "difflib": "", "traceback": "", "pdb/": "",
    }
    assert reach(sources, ["app"], program={"app"}) == {
        "app", "unittest", "unittest.result", "difflib", "traceback", "pdb"}


def test_extension_strings_name_what_c_code_imports():
    data = (b"\x00copyreg\x00_strptime\x00xml.etree.ElementPath\x00code\x00"
            b"%s.copy\x00lastcode\x00")
    assert module_graph.strings_of_library(data) == {"copyreg", "_strptime", "xml.etree.ElementPath"}
    sources = {"copyreg": "", "_strptime": "", "code": "", "xml/": "", "xml.etree/": "",
               "xml.etree.ElementPath": ""}
    assert reach(sources, ["_pickle"], libraries={"_pickle": data}) == {
        "_pickle", "copyreg", "_strptime", "xml", "xml.etree", "xml.etree.ElementPath"}


def test_expand_keep():
    names = {"json", "json.decoder", "jsonx", "xml", "xml.dom"}
    assert module_graph.expand_keep(["json.*", "xml"], names) == {"json", "json.decoder", "xml"}
    assert module_graph.expand_keep(["nope", "nope.*"], names) == set()


def test_via_names_the_importer():
    sources = {"app": "import a\n", "a": "import b\n", "b": ""}
    modules = {n: False for n in sources}
    via = module_graph.reach(["app"], modules, lambda n: ast.parse(sources[n]), lambda n: None)
    assert via == {"app": None, "a": "app", "b": "a"}
