"""Analysis tests: select() on @rules_pystatic//toolchain:python_3.X sees the version a build uses.

The version flag's default is the registered default version (read from the
toolchains hub's versions.bzl), so a select() in a user's BUILD file takes
the branch of the Python the build really embeds, with or without the flag.
"""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts")

_BranchInfo = provider(doc = "Which select() branch a target took.", fields = {"branch": "string"})

def _version_branch_impl(ctx):
    return [_BranchInfo(branch = ctx.attr.branch)]

version_branch = rule(
    implementation = _version_branch_impl,
    attrs = {"branch": attr.string(doc = "Set by a select() on the version settings.")},
    doc = "Returns the branch its `branch` attribute's select() took.",
)

def _branch_test_impl(ctx):
    env = analysistest.begin(ctx)
    got = analysistest.target_under_test(env)[_BranchInfo].branch
    asserts.equals(env, ctx.attr.expected, got, "select() on python_3.X took the wrong branch")
    return analysistest.end(env)

_ATTRS = {"expected": attr.string(mandatory = True, doc = "The branch the select() must take.")}

# No flag: the registered default version (MODULE.bazel and WORKSPACE: 3.12).
branch_default_test = analysistest.make(_branch_test_impl, attrs = _ATTRS)

# --@rules_pystatic//toolchain:python_version=3.11.
branch_flag_3_11_test = analysistest.make(
    _branch_test_impl,
    attrs = _ATTRS,
    config_settings = {str(Label("//toolchain:python_version")): "3.11"},
)
