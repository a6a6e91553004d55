"""The --@rules_pystatic//toolchain:python_version build setting."""

# Versions a toolchain may be registered for: the tested ones (3.10-3.13) and
# the ones the runtime is written for but CI cannot run (3.14, 3.15).
SUPPORTED_VERSIONS = ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15"]

def _python_version_flag_impl(ctx):
    value = ctx.build_setting_value
    if value and value not in SUPPORTED_VERSIONS:
        fail("--{}={}: not a supported Python version; use one of {} (or leave it unset for the default toolchain)".format(
            ctx.label,
            value,
            ", ".join(SUPPORTED_VERSIONS),
        ))
    return []

python_version_flag = rule(
    implementation = _python_version_flag_impl,
    build_setting = config.string(flag = True),
    doc = "Which registered Python toolchain a build uses; empty means the default one.",
)
