"""Public API of rules_pystatic: everything else under rules/ is private.

    load("@rules_pystatic//rules:defs.bzl", "py_static_binary", "py_static_extension", "py_static_test")
    load("@rules_pystatic//rules:defs.bzl", "py_static_pytest_test", "py_static_unittest_test")
    load("@rules_pystatic//rules:defs.bzl", "py_static_cc_library", "py_static_py_library")
    load("@rules_pystatic//rules:defs.bzl", "PyStaticExtensionInfo", "PyStaticCythonInfo")
    load("@rules_pystatic//rules:defs.bzl", "py_static_extension_info", "py_static_init_symbol")

docs/reference.md lists every attribute (generated from these docstrings);
docs/rules.md explains the rules, with examples.
"""

load("//rules/private:binary.bzl", _py_static_binary = "py_static_binary", _py_static_test = "py_static_test")
load("//rules/private:extension.bzl", _py_static_extension = "py_static_extension")
load(
    "//rules/private:extension_info.bzl",
    _py_static_extension_info = "py_static_extension_info",
    _py_static_init_symbol = "py_static_init_symbol",
)
load("//rules/private:libraries.bzl", _py_static_cc_library = "py_static_cc_library", _py_static_py_library = "py_static_py_library")
load("//rules/private:providers.bzl", _PyStaticCythonInfo = "PyStaticCythonInfo", _PyStaticExtensionInfo = "PyStaticExtensionInfo")
load("//rules/private:test_runners.bzl", _py_static_pytest_test = "py_static_pytest_test", _py_static_unittest_test = "py_static_unittest_test")

py_static_extension = _py_static_extension
py_static_binary = _py_static_binary
py_static_test = _py_static_test
py_static_pytest_test = _py_static_pytest_test
py_static_unittest_test = _py_static_unittest_test

# The libraries Gazelle generates, under kinds of their own (libraries.bzl).
py_static_cc_library = _py_static_cc_library
py_static_py_library = _py_static_py_library

PyStaticExtensionInfo = _PyStaticExtensionInfo
PyStaticCythonInfo = _PyStaticCythonInfo

# For rules that build an extension some other way and return
# PyStaticExtensionInfo (docs/rules.md).
py_static_extension_info = _py_static_extension_info
py_static_init_symbol = _py_static_init_symbol
