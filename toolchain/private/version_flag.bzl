"""The --@rules_pystatic//toolchain:python_version build setting."""

# Versions a toolchain may be registered for. Bazel builds are tested on
# 3.10-3.13; the runtime suite also on 3.14 and 3.15 (README, What is tested).
SUPPORTED_VERSIONS = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]

PythonVersionInfo = provider(
    doc = "The Python version a build asks for.",
    fields = {
        "default": "string: the registered default version (\"\" if none is registered).",
        "value": "string: the flag's value, \"3.12\"; the default version when the flag is unset.",
    },
)

def _python_version_flag_impl(ctx):
    value = ctx.build_setting_value
    if value and value not in SUPPORTED_VERSIONS:
        fail("--{}={}: not a supported Python version; use one of {} (or leave it unset for the default toolchain)".format(
            ctx.label,
            value,
            ", ".join(SUPPORTED_VERSIONS),
        ))
    if not value and ctx.attr.default_version:
        fail("--@rules_pystatic//toolchain:python_version= is empty; name a version ({}), or leave the flag unset for the default, {}".format(
            ", ".join(SUPPORTED_VERSIONS),
            ctx.attr.default_version,
        ))
    return [PythonVersionInfo(value = value, default = ctx.attr.default_version)]

python_version_flag = rule(
    implementation = _python_version_flag_impl,
    build_setting = config.string(flag = True),
    attrs = {
        "default_version": attr.string(doc = "The registered default version: build_setting_default, repeated for the messages."),
    },
    doc = "Which registered Python toolchain a build uses; its default is the registered default version.",
)
