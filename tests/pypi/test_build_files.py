"""The lock tool's BUILD-text helpers: joining BUILD files keeps every load at the
top, once (Bazel refuses a load after a rule), and finds the rules Gazelle wrote."""

import pytest

from pystatic_lock import build_files

CASES = [
    (
        "two files loading the same symbol",
        ['load("@rules_python//python:defs.bzl", "py_library")\n\npy_library(name = "a")\n',
         'load("@rules_python//python:defs.bzl", "py_library")\n\npy_library(name = "b")\n'],
        'load("@rules_python//python:defs.bzl", "py_library")\n\npy_library(name = "a")\n\npy_library(name = "b")\n',
    ),
    (
        "loads from two files, sorted; comments before a load stay with the body",
        ['# gazelle:py_static_py_library true\nload("@rules_pystatic//rules:defs.bzl", "py_static_extension")\n\npy_static_extension(name = "e")\n',
         'load("@rules_cc//cc:defs.bzl", "cc_library")\ncc_library(name = "h")\n'],
        'load("@rules_cc//cc:defs.bzl", "cc_library")\nload("@rules_pystatic//rules:defs.bzl", "py_static_extension")\n\n'
        '# gazelle:py_static_py_library true\npy_static_extension(name = "e")\n\ncc_library(name = "h")\n',
    ),
    (
        "a multi-line load with two symbols",
        ['load(\n    "@rules_pystatic//rules:defs.bzl",\n    "py_static_extension",\n    "py_static_binary",\n)\n\nx = 1\n'],
        'load("@rules_pystatic//rules:defs.bzl", "py_static_binary", "py_static_extension")\n\nx = 1\n',
    ),
    ("no loads at all", ['exports_files(["a"])\n'], 'exports_files(["a"])\n'),
]


@pytest.mark.parametrize("name, texts, want", CASES, ids=[c[0] for c in CASES])
def test_merge(name, texts, want):
    assert build_files.merge(*texts) == want


def test_rules_and_extension_modules():
    text = ('load("@rules_pystatic//rules:defs.bzl", "py_static_extension")\n\n'
            'py_library(\n    name = "pkg_py",\n    srcs = ["__init__.py"],\n)\n\n'
            'py_static_extension(\n    name = "_a",\n    srcs = ["_a.c"],\n    module = "pkg._a",\n)\n\n'
            'py_static_extension(\n    name = "_b",\n    srcs = ["_b.c"],\n    module = "pkg._b",\n)\n')
    assert build_files.rules(text) == [("py_library", "pkg_py"), ("py_static_extension", "_a"), ("py_static_extension", "_b")]
    assert build_files.extension_modules(text) == ["pkg._a", "pkg._b"]


def test_repo_names_match_the_starlark_side():
    # pypi/private/lock_file.bzl's repo_name() spells them the same way.
    assert build_files.repo_name("pystatic_pypi", "typing-extensions") == "pystatic_pypi_typing_extensions"
    assert build_files.package_label("hub", "zope.interface") == "@hub_zope_interface//:pkg"
