"""Repository rules that turn a local CPython into rules_pystatic toolchains.

`pystatic_local_python` describes one interpreter (with
toolchain/private/describe_python.py, i.e. sysconfig) and links its headers,
static libpython and stdlib into a repository whose files are ordinary
declared inputs: actions see `external/<repo>/...`, never the interpreter's
absolute path, so their keys are the same on every machine with the same
Python.

`pystatic_toolchains_hub` writes one repository of `toolchain()` targets for
several versions, so a workspace registers them all with one
`register_toolchains("@<hub>//:all")` and picks one per build with
`--@rules_pystatic//toolchain:python_version=3.X`.
"""

load(":platforms.bzl", "platform_facts", "render_platform_bzl")

_DESCRIBE = Label("//toolchain/private:describe_python.py")
_CHECK_ARCHIVE = Label("//toolchain/private:libpython_archive.py")

# Libraries a static libpython needs on Linux whatever sysconfig says; LIBS
# from sysconfig is added to these (only its -l flags: its -L/-rpath flags
# name the build machine's directories).
_BASE_LIBS = ["-lm", "-ldl", "-lpthread", "-lutil"]

# Parts of the stdlib a program never imports; leaving them out keeps the
# runfiles tree (and its creation time) smaller.
_STDLIB_EXCLUDES = [
    "site-packages/**",
    "dist-packages/**",
    "test/**",
    "idlelib/**",
    "turtledemo/**",
    "tkinter/test/**",
    "lib2to3/tests/**",
    "ensurepip/_bundled/**",
    "config-*/**",
    "**/* *",
]

def repo_name(rctx):
    """The repository's name as the user wrote it, for messages.

    With bzlmod, rctx.name is the canonical name
    ("rules_pystatic++python+pystatic_python_3_12" or, Bazel 7's default,
    "rules_pystatic~~python~pystatic_python_3_12"); the part after the last
    "+" or "~" is the name the extension gave it.
    """
    return rctx.name.split("+")[-1].split("~")[-1]

def _env_var_for(version):
    return "PYSTATIC_PYTHON_" + version.replace(".", "_")

def _find_interpreter(rctx):
    """Returns the interpreter's path: env override, then attr, then PATH."""
    override = rctx.os.environ.get(_env_var_for(rctx.attr.version), "")
    candidate = override or rctx.attr.interpreter or ("python" + rctx.attr.version)
    if "/" in candidate:
        path = rctx.path(candidate)
        if not path.exists:
            fail("pystatic_local_python(name = \"{}\"): interpreter {} does not exist{}".format(
                repo_name(rctx),
                candidate,
                " (from ${})".format(_env_var_for(rctx.attr.version)) if override else "",
            ))
        return path
    found = rctx.which(candidate)
    if not found:
        fail(("pystatic_local_python(name = \"{name}\"): no `{c}` on PATH. Install CPython {v} " +
              "with a static libpython (pyenv does by default), then pass interpreter = " +
              "\"/path/to/python{v}\" or set ${env}=/path/to/python{v} (e.g. with " +
              "--repo_env).").format(name = repo_name(rctx), c = candidate, v = rctx.attr.version, env = _env_var_for(rctx.attr.version)))
    return found

def _describe(rctx, interpreter):
    result = rctx.execute(
        [interpreter, "-I", rctx.path(_DESCRIBE)],
        environment = {"PYTHONHOME": "", "PYTHONPATH": ""},
    )
    if result.return_code != 0:
        fail("pystatic_local_python(name = \"{}\"): {} could not describe itself:\n{}".format(
            repo_name(rctx),
            interpreter,
            result.stderr,
        ))
    return json.decode(result.stdout)

def _check(rctx, interpreter, facts):
    if facts["implementation"] != "cpython":
        fail("pystatic_local_python(name = \"{}\"): {} is {}, not CPython; rules_pystatic embeds CPython".format(
            repo_name(rctx),
            interpreter,
            facts["implementation"],
        ))
    if facts["version"] != rctx.attr.version:
        fail(("pystatic_local_python(name = \"{}\"): {} is Python {}, but version = \"{}\". " +
              "Point the interpreter at a python{} or change version.").format(
            repo_name(rctx),
            interpreter,
            facts["version"],
            rctx.attr.version,
            rctx.attr.version,
        ))
    if not facts["static_library"]:
        fail(("pystatic_local_python(name = \"{}\"): {} has no static libpython (looked for {}). " +
              "A static binary links libpython{}.a: use a CPython built with it (pyenv builds one " +
              "by default; Debian's libpython{}-dev ships one; python-build-standalone 'full' " +
              "archives have one), or rebuild this one without --enable-shared.").format(
            repo_name(rctx),
            interpreter,
            ", ".join(facts["static_library_candidates"]) or "LIBPL/LIBRARY (unset)",
            facts["version"],
            facts["version"],
        ))
    if facts["gil_disabled"]:
        fail(("pystatic_local_python(name = \"{}\"): {} is a free-threaded build; it is not supported yet " +
              "(its sysconfig has Py_GIL_DISABLED = 1, ABI flags \"{}\"). rules_pystatic links the default " +
              "build, which has the GIL: point the toolchain at python{} rather than python{}t. " +
              "See docs/toolchain.md#free-threaded-cpython").format(
            repo_name(rctx),
            interpreter,
            facts["abiflags"],
            facts["version"],
            facts["version"],
        ))

def _check_archive(rctx, interpreter, facts):
    """Runs libpython_archive.py on the static libpython.

    Fails if a PIE cannot link the archive; returns the script's report
    (members left out, stub init functions).
    """
    result = rctx.execute(
        [interpreter, "-I", rctx.path(_CHECK_ARCHIVE), facts["static_library"], rctx.path("pystatic")],
        environment = {"PYTHONHOME": "", "PYTHONPATH": ""},
    )
    if result.return_code != 0:
        fail("pystatic_local_python(name = \"{}\"): could not read {}:\n{}".format(
            repo_name(rctx),
            facts["static_library"],
            result.stderr,
        ))
    report = json.decode(result.stdout)
    if report["not_pic"]:
        fail(("pystatic_local_python(name = \"{}\"): {} is not position-independent ({} has absolute " +
              "32-bit relocations), so it cannot be linked into an executable (gcc builds PIEs by " +
              "default). Use a CPython whose static libpython is compiled with -fPIC: Debian ships one " +
              "as libpython{}-pic.a next to it (package libpython{}-dev), which rules_pystatic picks " +
              "when it is there; pyenv's is one.").format(
            repo_name(rctx),
            facts["static_library"],
            report["not_pic"][0],
            facts["version"],
            facts["version"],
        ))
    return report

# Flags from sysconfig's CFLAGS that change what C code means, which
# setuptools gives every extension and which extensions rely on (CPython's
# own code assumes wrapping signed overflow). Optimization, debug and warning
# flags are left to Bazel's --compilation_mode. -DNDEBUG is dropped under
# `dbg` by the rule.
_SEMANTIC_CFLAGS = ["-fwrapv", "-fno-strict-overflow", "-fno-strict-aliasing", "-DNDEBUG"]

def _extension_copts(facts):
    return [flag for flag in facts.get("cflags", []) if flag in _SEMANTIC_CFLAGS]

def _link_flags(facts):
    flags = list(_BASE_LIBS)
    for flag in facts["libs"]:
        if flag.startswith("-l") and flag not in flags:
            flags.append(flag)
    return flags

def _pystatic_local_python_impl(rctx):
    interpreter = _find_interpreter(rctx)
    facts = _describe(rctx, interpreter)
    _check(rctx, interpreter, facts)

    version = facts["version"]
    stdlib_dir = "lib/python" + version
    archive = "lib/libpython{}{}.a".format(version, facts["abiflags"])
    report = _check_archive(rctx, interpreter, facts)
    facts["archive_check"] = report
    rctx.symlink(facts["include"], "include")
    if report["archive"]:
        # A copy without the members that cannot link, and their stub init
        # functions, written into this repository by libpython_archive.py.
        archive = "pystatic/libpython.a"

        # A repository rule has no other way to tell the user; it runs once
        # per fetch, not per build.
        # buildifier: disable=print
        print(("pystatic_local_python(name = \"{}\"): {} holds the built-in modules {} without the " +
               "objects they call ({}...); they are left out of the static binary, and importing " +
               "one raises ImportError (hashlib uses OpenSSL instead). See " +
               "docs/toolchain.md#debians-static-libpython").format(
            repo_name(rctx),
            facts["static_library"],
            ", ".join(report["stub_modules"]),
            report["missing_symbols"][0],
        ))
    else:
        rctx.symlink(facts["static_library"], archive)
    rctx.symlink(facts["stdlib"], stdlib_dir)
    interpreter_link = "bin/python" + version
    rctx.symlink(facts["executable"], interpreter_link)
    has_dynload = facts["dynload"] and facts["dynload"] == facts["stdlib"] + "/lib-dynload"
    rctx.file("python.json", json.encode_indent(facts, indent = " ") + "\n")

    rctx.template("BUILD.bazel", Label("//toolchain/private:python.BUILD.tpl"), {
        "{archive}": archive,
        "{copts}": repr(_extension_copts(facts)),
        "{dynload}": (stdlib_dir + "/lib-dynload") if has_dynload else "",
        "{excludes}": repr([stdlib_dir + "/" + p for p in _STDLIB_EXCLUDES]),
        "{hexversion}": str(facts["hexversion"]),
        "{interpreter}": interpreter_link,
        "{linkopts}": repr(_link_flags(facts)),
        "{missing_builtins}": repr(["pystatic/missing_builtins.c"] if report["archive"] else []),
        "{stdlib_dir}": stdlib_dir,
        "{version}": version,
        "{ext_suffix}": facts["ext_suffix"],
    })
    rctx.file("platform.bzl", render_platform_bzl(
        platform_facts(facts.get("sys_platform", ""), facts.get("machine", "")),
        "{} (sys.platform {}, platform.machine() {})".format(interpreter, facts.get("sys_platform"), facts.get("machine")),
    ))
    if rctx.attr.python_runtime:
        rctx.file("runtime/BUILD.bazel", _PY_RUNTIME_BUILD.format(executable = facts["executable"]))
    rctx.file("WORKSPACE", "workspace(name = \"{}\")\n".format(rctx.name))

# Bazel's own Python toolchain for the same interpreter, so an extension's
# dynamic-mode .so (compiled against these headers) loads in py_binary and
# py_test built in the same configuration. A separate package: its load()
# exists only on Bazels that still ship the built-in Python rules.
_PY_RUNTIME_BUILD = """load("@bazel_tools//tools/python:toolchain.bzl", "py_runtime_pair")

py_runtime(
    name = "py3_runtime",
    interpreter_path = "{executable}",
    python_version = "PY3",
)

py_runtime_pair(
    name = "py_runtime_pair",
    py3_runtime = ":py3_runtime",
    visibility = ["//visibility:public"],
)
"""

pystatic_local_python = repository_rule(
    implementation = _pystatic_local_python_impl,
    doc = "A CPython found on this machine, as a rules_pystatic toolchain repository.",
    attrs = {
        "interpreter": attr.string(
            doc = "Path or PATH name of the interpreter; default `python<version>`. " +
                  "$PYSTATIC_PYTHON_<major>_<minor> overrides it.",
        ),
        "python_runtime": attr.bool(doc = "Also write runtime/BUILD.bazel: a py_runtime_pair of this interpreter for Bazel's Python toolchain."),
        "version": attr.string(mandatory = True, doc = "\"3.12\": the version the interpreter must have."),
    },
    environ = ["PATH"] + [_env_var_for("3." + str(minor)) for minor in range(8, 20)],
    local = False,
)

def _pystatic_toolchains_hub_impl(rctx):
    # versions.bzl: @rules_pystatic//toolchain:BUILD.bazel loads the default
    # version from here, so that the version flag's default *is* that version
    # and `select()` on @rules_pystatic//toolchain:python_3.X sees it.
    rctx.file("versions.bzl", """# Generated by rules_pystatic's pystatic_toolchains_hub; do not edit.
# The Python versions registered in this hub and the one a build uses when
# --@rules_pystatic//toolchain:python_version is unset ("" if none).
DEFAULT_PYTHON_VERSION = {default}
PYTHON_VERSIONS = {versions}
""".format(default = repr(rctx.attr.default), versions = repr(rctx.attr.versions)))

    # Each version's platform is either known already (`platforms`: a
    # standalone archive's target triple, from its tag or its file name) and
    # written here, or comes from its repository's platform.bzl (a local
    # interpreter's sys.platform and machine; an archive's PYTHON.json),
    # which loading this file fetches. So Bazel downloads an archive only
    # when a build selects its toolchain.
    lines = [
        "# Generated by rules_pystatic: one toolchain per registered Python, for the",
        "# platform its interpreter is built for. Each matches",
        "# @rules_pystatic//toolchain:python_3.X, whose flag defaults to",
        "# DEFAULT_PYTHON_VERSION in versions.bzl. The last, zz_no_matching_python,",
        "# matches any build no other one does and makes it fail with a message",
        "# that says what to register.",
        "",
        "load(\"@rules_pystatic//toolchain/private:no_python_toolchain.bzl\", \"pystatic_no_python_toolchain\")",
    ]
    known = []
    for i, repo in enumerate(rctx.attr.repos):
        if repo in rctx.attr.platforms:
            facts = json.decode(rctx.attr.platforms[repo])
            known.append("_platform{i} = {p}\n_constraints{i} = {c}".format(i = i, p = repr(facts["platform"]), c = repr(facts["constraints"])))
        else:
            lines.append("load(\"@{repo}//:platform.bzl\", _platform{i} = \"PLATFORM\", _constraints{i} = \"TARGET_COMPATIBLE_WITH\")".format(repo = repo, i = i))
    lines += [""] + known + ["", "exports_files([\"versions.bzl\"])", ""]
    kinds = [("python", "@{}//:python", "@rules_pystatic//toolchain:toolchain_type")]
    if rctx.attr.python_runtimes:
        kinds.append(("py_runtime", "@{}//runtime:py_runtime_pair", "@bazel_tools//tools/python:toolchain_type"))
    for prefix, target, toolchain_type in kinds:
        for i, (version, repo) in enumerate(zip(rctx.attr.versions, rctx.attr.repos)):
            lines.append(_toolchain(
                prefix + "_" + version.replace(".", "_"),
                target.format(repo),
                toolchain_type,
                ["@rules_pystatic//toolchain:python_" + version],
                "_constraints{}".format(i),
            ))

    # Registered last (the last in file and in name order, which is how
    # register_toolchains("@hub//:all") orders them): no settings, no
    # constraints.
    lines.append("""pystatic_no_python_toolchain(
    name = "no_matching_python",
    hub = "{hub}",
    platforms = {{{platforms}}},
    visibility = ["//visibility:public"],
)

toolchain(
    name = "zz_no_matching_python",
    toolchain = ":no_matching_python",
    toolchain_type = "@rules_pystatic//toolchain:toolchain_type",
)
""".format(
        hub = repo_name(rctx),
        platforms = ", ".join(["{}: _platform{}".format(repr(v), i) for i, v in enumerate(rctx.attr.versions)]),
    ))
    rctx.file("BUILD.bazel", "\n".join(lines))
    rctx.file("WORKSPACE", "workspace(name = \"{}\")\n".format(rctx.name))

def _toolchain(name, target, toolchain_type, settings, constraints):
    return """toolchain(
    name = "{name}",
    exec_compatible_with = {constraints},
    target_compatible_with = {constraints},
    target_settings = {settings},
    toolchain = "{target}",
    toolchain_type = "{toolchain_type}",
)
""".format(name = name, settings = repr(settings), target = target, toolchain_type = toolchain_type, constraints = constraints)

pystatic_toolchains_hub = repository_rule(
    implementation = _pystatic_toolchains_hub_impl,
    doc = "One repository of toolchain() targets for several pystatic_local_python/pystatic_standalone_python repositories, and versions.bzl with the default version (the version flag's default).",
    attrs = {
        "default": attr.string(doc = "The version used when --@rules_pystatic//toolchain:python_version is unset; written to versions.bzl as DEFAULT_PYTHON_VERSION, the flag's default. Empty: no version registered."),
        "platforms": attr.string_dict(doc = "{repo: JSON {\"platform\": \"<os> <cpu>\", \"constraints\": [...]}} for the repositories whose platform is known without fetching them (standalone archives); the others' comes from their platform.bzl."),
        "python_runtimes": attr.bool(doc = "Also declare Bazel Python toolchains (py_runtime_pair) for the same interpreters."),
        "repos": attr.string_list(doc = "The toolchain repositories, one per version."),
        "versions": attr.string_list(doc = "\"3.12\", ...: the version of each of `repos`."),
    },
)
