"""The selected toolchain's C API headers as a CcInfo, for cc_library deps."""

load("@rules_cc//cc/common:cc_common.bzl", "cc_common")
load("@rules_cc//cc/common:cc_info.bzl", "CcInfo")
load("//rules/private:labels.bzl", "label_for_humans")  # buildifier: disable=bzl-visibility
load(":python_info.bzl", "PyStaticPythonInfo")

TOOLCHAIN_TYPE = "@rules_pystatic//toolchain:toolchain_type"

def _python(ctx):
    toolchain = ctx.toolchains[TOOLCHAIN_TYPE]
    if hasattr(toolchain, "pystatic_missing"):
        fail("{}: {}".format(label_for_humans(ctx.label), toolchain.pystatic_missing))
    return toolchain.pystatic

def _python_headers_impl(ctx):
    python = _python(ctx)
    return [python.headers, python]

python_headers = rule(
    implementation = _python_headers_impl,
    toolchains = [TOOLCHAIN_TYPE],
    provides = [CcInfo, PyStaticPythonInfo],
    doc = "Forwards the resolved toolchain's headers, so C code (like runtime/) can depend on Python.h.",
)

def _python_internal_headers_impl(ctx):
    python = _python(ctx)
    headers = python.headers.compilation_context
    internal = [
        d + "/internal"
        for d in headers.system_includes.to_list() + headers.includes.to_list()
    ]
    return [
        cc_common.merge_cc_infos(cc_infos = [
            python.headers,
            CcInfo(compilation_context = cc_common.create_compilation_context(
                system_includes = depset(internal),
            )),
        ]),
        python,
    ]

python_internal_headers = rule(
    implementation = _python_internal_headers_impl,
    toolchains = [TOOLCHAIN_TYPE],
    provides = [CcInfo, PyStaticPythonInfo],
    doc = """The resolved toolchain's headers with CPython's internal ones on the include path.

For an extension that includes `internal/pycore_*.h` (or `pycore_*.h`, as
CPython's own Modules/ do): depend on it and set
`local_defines = ["Py_BUILD_CORE_MODULE"]` on the extension (the pycore
headers refuse to compile without it). The define is not set here, because
it would reach everything that depends on the extension.""",
)
