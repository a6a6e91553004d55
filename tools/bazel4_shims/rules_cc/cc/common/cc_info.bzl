"""CcInfo for Bazel 4.2.3: the built-in, under rules_cc's newer load path."""

load(":builtins.bzl", "BUILTIN_CC_INFO")

CcInfo = BUILTIN_CC_INFO
