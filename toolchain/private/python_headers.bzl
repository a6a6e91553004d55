"""The selected toolchain's C API headers as a CcInfo, for cc_library deps."""

load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load(":python_info.bzl", "PyStaticPythonInfo")

TOOLCHAIN_TYPE = "@rules_pystatic//toolchain:toolchain_type"

def _python_headers_impl(ctx):
    toolchain = ctx.toolchains[TOOLCHAIN_TYPE]
    if hasattr(toolchain, "pystatic_missing"):
        fail("{}: {}".format(ctx.label, toolchain.pystatic_missing))
    python = toolchain.pystatic
    return [python.headers, python]

python_headers = rule(
    implementation = _python_headers_impl,
    toolchains = [TOOLCHAIN_TYPE],
    provides = [CcInfo, PyStaticPythonInfo],
    doc = "Forwards the resolved toolchain's headers, so C code (like runtime/) can depend on Python.h.",
)
