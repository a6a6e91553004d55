"""Test support: builds `deps` for another Python version than the rest.

A user reaches this state with any rule whose transition changes
--@rules_pystatic//toolchain:python_version for its deps; the binary must
refuse to link such an extension.
"""

# The setting's canonical label, however this repository is named (_main
# with bzlmod, the workspace name without).
_FLAG = str(Label("//toolchain:python_version"))

def _transition_impl(_settings, attr):
    return {_FLAG: attr.python_version}

_python_version_transition = transition(
    implementation = _transition_impl,
    inputs = [],
    outputs = [_FLAG],
)

def _with_python_version_impl(_ctx):
    return [DefaultInfo()]

with_python_version = rule(
    implementation = _with_python_version_impl,
    attrs = {
        "deps": attr.label_list(cfg = _python_version_transition),
        "python_version": attr.string(mandatory = True),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
)
