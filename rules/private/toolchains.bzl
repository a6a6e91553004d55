"""Toolchain look-ups shared by the rules."""

load("@rules_cc//cc:find_cc_toolchain.bzl", "find_cc_toolchain")
load("@rules_cc//cc/common:cc_common.bzl", "cc_common")
load(":labels.bzl", "label_for_humans")

PYTHON_TOOLCHAIN_TYPE = "@rules_pystatic//toolchain:toolchain_type"
CPP_TOOLCHAIN_TYPE = "@bazel_tools//tools/cpp:toolchain_type"

TOOLCHAINS = [PYTHON_TOOLCHAIN_TYPE, CPP_TOOLCHAIN_TYPE]

# Attributes every rule that compiles or links needs (find_cc_toolchain
# reads _cc_toolchain where a build turns C++ toolchain resolution off).
CC_TOOLCHAIN_ATTRS = {
    "_cc_toolchain": attr.label(default = Label("@bazel_tools//tools/cpp:current_cc_toolchain")),
}

def python_toolchain(ctx):
    """The PyStaticPythonInfo of the resolved toolchain, or a clear failure.

    Args:
      ctx: the rule context.

    Returns:
      PyStaticPythonInfo.
    """
    toolchain = ctx.toolchains[PYTHON_TOOLCHAIN_TYPE]

    # The hub's last toolchain: no registered Python fits this build's
    # version and platform (toolchain/private/no_python_toolchain.bzl).
    if toolchain != None and hasattr(toolchain, "pystatic_missing"):
        fail("{}: {}".format(label_for_humans(ctx.label), toolchain.pystatic_missing))
    if toolchain == None or not hasattr(toolchain, "pystatic"):
        fail(("{}: the toolchain resolved for {} is not a pystatic_python_toolchain. " +
              "Register one: in WORKSPACE, pystatic_python_toolchains(versions = [\"3.12\"]) " +
              "from @rules_pystatic//toolchain:repositories.bzl; with bzlmod, " +
              "python.local(version = \"3.12\") from @rules_pystatic//toolchain:extensions.bzl " +
              "(see docs/toolchain.md)").format(label_for_humans(ctx.label), PYTHON_TOOLCHAIN_TYPE))
    return toolchain.pystatic

def cc_toolchain_and_features(ctx):
    """The C/C++ toolchain and the features the rule was asked for.

    Args:
      ctx: the rule context.

    Returns:
      (CcToolchainInfo, FeatureConfiguration).
    """
    cc_toolchain = find_cc_toolchain(ctx)
    feature_configuration = cc_common.configure_features(
        ctx = ctx,
        cc_toolchain = cc_toolchain,
        requested_features = ctx.features,
        unsupported_features = ctx.disabled_features,
    )
    return cc_toolchain, feature_configuration
