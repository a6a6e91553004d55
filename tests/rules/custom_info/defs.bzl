"""A rule author's own extension rule, written as docs/rules.md tells them to.

It compiles the module with a plain cc_library, naming the init function with
the public py_static_init_symbol(), and returns the provider through
py_static_extension_info(): nothing from rules_pystatic's private files.
"""

load("@rules_cc//cc:defs.bzl", "cc_library")
load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load("//rules:defs.bzl", "py_static_extension_info", "py_static_init_symbol")

def _handmade_extension_impl(ctx):
    python = ctx.toolchains["//toolchain:toolchain_type"].pystatic
    return [py_static_extension_info(
        module = ctx.attr.module,
        label = ctx.label,
        python_version = python.version,
        cc_info = ctx.attr.library[CcInfo],
    )]

_handmade_extension = rule(
    implementation = _handmade_extension_impl,
    attrs = {
        "library": attr.label(providers = [CcInfo], mandatory = True),
        "module": attr.string(mandatory = True),
    },
    toolchains = ["//toolchain:toolchain_type"],
)

def handmade_extension(name, module, srcs):
    """A C extension module whose init function the sources call MODULE_INIT."""
    cc_library(
        name = name + "_objects",
        srcs = srcs,
        local_defines = ["MODULE_INIT=" + py_static_init_symbol(module)],
        alwayslink = True,
        deps = ["//toolchain:python_headers"],
    )
    _handmade_extension(
        name = name,
        library = name + "_objects",
        module = module,
    )
