"""cc_common for Bazel 4.2.3: the built-in, under rules_cc's newer load path."""

load(":builtins.bzl", "BUILTIN_CC_COMMON")

cc_common = BUILTIN_CC_COMMON
