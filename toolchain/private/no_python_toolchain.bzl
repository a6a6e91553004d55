"""The toolchain a hub registers last: no registered Python fits the build.

Bazel's own "No matching toolchains found" names neither the Pythons that are
registered nor what to add. This toolchain matches every build that no real
one does (another target platform, or a version that is not registered), and
the rules fail on it with a message that does (rules/private/toolchains.bzl
python_toolchain(), toolchain/private/python_headers.bzl).
"""

load(":version_flag.bzl", "PythonVersionInfo")

def _constraints(description):
    # platform.bzl's PLATFORM is "<os> <cpu>" in @platforms names.
    parts = description.split(" ")
    if len(parts) == 2:
        return " (@platforms//os:{}, @platforms//cpu:{})".format(parts[0], parts[1])
    return ""

def no_python_message(hub, platforms, version, default, target_platform):
    """The failure message, for a build that no registered Python fits.

    Args:
      hub: the hub repository's name, "pystatic_pythons".
      platforms: {version: "<os> <cpu>"} of the registered Pythons.
      version: the version the build asks for ("" if none is registered).
      default: the registered default version.
      target_platform: the build's target platform, a label string.

    Returns:
      The message.
    """
    registered = ", ".join([
        "{} for {}{}".format(v, p, _constraints(p))
        for v, p in platforms.items()
    ]) or "none"
    fix_tail = ("MODULE.bazel: python.local(version = \"{v}\") for a CPython on this machine, or " +
                "python.standalone(version = \"{v}\", urls = [...], sha256 = \"...\") for a " +
                "python-build-standalone *-full archive; WORKSPACE: pystatic_python_toolchains(...). " +
                "See docs/toolchain.md")
    if not platforms:
        return ("no Python is registered for rules_pystatic (@{hub} has none). Add one: " + fix_tail +
                ", then register_toolchains(\"@{hub}//:all\")").format(hub = hub, v = "3.12")
    if version not in platforms:
        return ("Python {v} is not registered for rules_pystatic (--@rules_pystatic//toolchain:python_version={v}); " +
                "registered in @{hub}: {registered}. Build with one of those versions, or register {v}: " +
                fix_tail).format(v = version, hub = hub, registered = registered)
    return ("no registered Python {v} matches the target platform {platform}; registered in @{hub}: {registered}. " +
            "A static binary links the libpython of its target platform: register a Python {v} built for " +
            "that platform (python.standalone(version = \"{v}\", urls = [...], sha256 = \"...\") with a " +
            "python-build-standalone <cpu>-unknown-linux-gnu *-full archive for its CPU, or " +
            "python.local(version = \"{v}\") on a machine of that platform), or build for a platform a " +
            "registered Python matches. See docs/toolchain.md#platforms").format(
        v = version or default,
        hub = hub,
        registered = registered,
        platform = target_platform,
    )

def _pystatic_no_python_toolchain_impl(ctx):
    flag = ctx.attr._python_version[PythonVersionInfo]
    message = no_python_message(
        hub = ctx.attr.hub,
        platforms = ctx.attr.platforms,
        version = flag.value,
        default = flag.default,
        target_platform = str(ctx.fragments.platform.platform),
    )
    return [platform_common.ToolchainInfo(pystatic_missing = message)]

pystatic_no_python_toolchain = rule(
    implementation = _pystatic_no_python_toolchain_impl,
    doc = "What the hub's last toolchain() points at: a ToolchainInfo whose `pystatic_missing` says why no registered Python fits the build.",
    attrs = {
        "hub": attr.string(doc = "The hub repository's name, for the message."),
        "platforms": attr.string_dict(doc = "{version: \"<os> <cpu>\"} of the registered Pythons."),
        "_python_version": attr.label(default = "//toolchain:python_version", providers = [PythonVersionInfo]),
    },
    fragments = ["platform"],
)
