"""An interpreter's platform as @platforms constraints, for the hub's toolchain()s.

A local interpreter reports sys.platform and platform.machine()
(describe_python.py); a python-build-standalone archive its target triple
(PYTHON.json). Each toolchain repository writes platform.bzl with the
constraints, and the hub puts them on its toolchain() targets as
exec_compatible_with and target_compatible_with: the interpreter runs at build
time (single-file bytecode) and its libpython is linked into the target.
"""

# sys.platform (prefix) or the triple's OS part -> @platforms//os.
_OS = [
    ("linux", "linux"),
    ("darwin", "macos"),
    ("win32", "windows"),
    ("windows", "windows"),
    ("cygwin", "windows"),
    ("freebsd", "freebsd"),
    ("openbsd", "openbsd"),
    ("netbsd", "netbsd"),
]

# platform.machine() or the triple's CPU part -> @platforms//cpu.
_CPU = {
    "aarch64": "aarch64",
    "amd64": "x86_64",
    "arm64": "aarch64",
    "armv7": "armv7",
    "armv7l": "armv7",
    "i386": "x86_32",
    "i686": "x86_32",
    "ppc64le": "ppc64le",
    "riscv64": "riscv64",
    "s390x": "s390x",
    "x86": "x86_32",
    "x86_64": "x86_64",
    # python-build-standalone's microarchitecture levels.
    "x86_64_v2": "x86_64",
    "x86_64_v3": "x86_64",
    "x86_64_v4": "x86_64",
}

def _os(name):
    name = name.lower()
    for prefix, os in _OS:
        if name.startswith(prefix):
            return os
    return None

def platform_facts(os_name, machine):
    """The @platforms names of an interpreter's platform.

    Args:
      os_name: sys.platform ("linux", "darwin", ...) or a triple's OS part.
      machine: platform.machine() ("x86_64", "arm64", ...) or a triple's CPU part.

    Returns:
      struct(os, cpu (each a @platforms name or None), constraints (list of
      label strings), description ("linux x86_64")).
    """
    os = _os(os_name)
    cpu = _CPU.get(machine.lower())
    constraints = []
    if os:
        constraints.append("@platforms//os:" + os)
    if cpu:
        constraints.append("@platforms//cpu:" + cpu)
    return struct(
        os = os,
        cpu = cpu,
        constraints = constraints,
        description = "{} {}".format(os or "unknown OS ({})".format(os_name), cpu or "unknown CPU ({})".format(machine)),
    )

def triple_platform_facts(triple):
    """platform_facts of a target triple.

    Args:
      triple: a target triple such as "x86_64-unknown-linux-gnu" (PYTHON.json).

    Returns:
      What platform_facts returns.
    """
    parts = triple.split("-")
    os_name = ""
    for part in parts[1:]:
        if _os(part):
            os_name = part
            break
    return platform_facts(os_name or "-".join(parts[1:]), parts[0])

def archive_platform_facts(target_triple, url):
    """An archive's platform known before it is downloaded, or None.

    From `target_triple` if given, else from the URL's file name when it
    follows python-build-standalone's naming,
    `cpython-<version>+<release>-<triple>-<flavour>.<ext>` (a repack named
    `cpython-<version>-<triple>...` too), and a known OS and CPU come out. Known early, it
    goes on the hub's toolchain() directly, so Bazel fetches the archive only
    when a build selects that toolchain.

    Args:
      target_triple: the standalone tag's target_triple ("" if not given).
      url: the archive's first URL.

    Returns:
      What platform_facts returns, with both os and cpu known; or None.
    """
    if target_triple:
        facts = triple_platform_facts(target_triple)
    else:
        name = url.split("?")[0].split("#")[0].rsplit("/", 1)[-1]
        parts = name.split("-")
        if len(parts) < 4 or parts[0] != "cpython":
            return None
        facts = triple_platform_facts("-".join(parts[2:]))
    if not facts.os or not facts.cpu:
        return None
    return facts

def known_platform_json(target_triple, urls, where):
    """The hub's `platforms` entry for a standalone archive, or None.

    Args:
      target_triple: the tag's target_triple ("" if not given).
      urls: the archive's URLs.
      where: what to name in a message ("python.standalone(version = ...)").

    Returns:
      JSON {"platform": "<os> <cpu>", "constraints": [...]}, or None when the
      platform is known only from the archive's PYTHON.json.
    """
    facts = archive_platform_facts(target_triple, urls[0] if urls else "")
    if target_triple and not facts:
        fail("{}: target_triple = \"{}\" names no operating system and CPU that rules_pystatic knows; give the triple of the archive's PYTHON.json, e.g. \"x86_64-unknown-linux-gnu\"".format(where, target_triple))
    if not facts:
        return None
    return json.encode({"constraints": facts.constraints, "platform": facts.description})

def render_platform_bzl(facts, source):
    """platform.bzl of a toolchain repository (loaded by the hub).

    Args:
      facts: what platform_facts returned.
      source: where the facts come from, for the comment.

    Returns:
      The file's text.
    """
    return """# Generated by rules_pystatic from {source}; do not edit.
# The interpreter's platform, as the hub's toolchain() targets use it.
PLATFORM = {description}
TARGET_COMPATIBLE_WITH = {constraints}
""".format(source = source, description = repr(facts.description), constraints = repr(facts.constraints))
