"""Analysis tests of rules_pystatic: the build-time errors and what the rules generate."""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts", "unittest")
load("@rules_python//python:defs.bzl", "PyInfo")
load("//rules:defs.bzl", "PyStaticExtensionInfo")
load("//rules/private:labels.bzl", "label_for_humans")  # buildifier: disable=bzl-visibility
load("//rules/private:naming.bzl", "init_symbol")  # buildifier: disable=bzl-visibility
load("//toolchain/private:platforms.bzl", "archive_platform_facts")  # buildifier: disable=bzl-visibility
load(":init_symbol_cases.bzl", "INIT_SYMBOL_CASES")

def _label_names(ctx):
    # str(Label) differs between Bazel versions and modes (@@//p:t with
    # bzlmod); the rules' messages name labels as label_for_humans() does,
    # //p:t in the main repository whatever the mode.
    return {name: label_for_humans(target.label) for target, name in ctx.attr.labels.items()}

def _expect_failure_impl(ctx):
    env = analysistest.begin(ctx)
    names = _label_names(ctx)
    target = analysistest.target_under_test(env)
    names["target"] = label_for_humans(target.label)
    for fragment in ctx.attr.messages:
        asserts.expect_failure(env, fragment.format(**names))

    # Fragments are found anywhere in the message: "//p:t: ..." would also
    # be in "@@//p:t: ...". A main-repository label is never spelled so.
    if AnalysisFailureInfo in target:
        errors = "\n".join([c.message for c in target[AnalysisFailureInfo].causes.to_list()])
        for label in sorted(names.values()):
            if label.startswith("//"):
                asserts.false(env, ("@" + label) in errors, "the message spells {} with a repository:\n{}".format(label, errors))
    return analysistest.end(env)

expect_failure_test = analysistest.make(
    _expect_failure_impl,
    expect_failure = True,
    attrs = {
        "labels": attr.label_keyed_string_dict(doc = "Targets whose label a message names, by the {placeholder} it uses."),
        "messages": attr.string_list(doc = "Fragments the failure message must contain; {name} stands for a label of `labels`, {target} for the target under test's."),
    },
)

def _file_write_content(env, suffix):
    for action in analysistest.target_actions(env):
        for output in action.outputs.to_list():
            if output.path.endswith(suffix) and action.mnemonic == "FileWrite":
                return action.content
    asserts.true(env, False, "no FileWrite action writes *" + suffix)
    return ""

def _registry_entries(registry):
    """"<module> <init symbol or PARENT>" per row of the generated table.

    The init symbols come from init_function()'s switch. The table's byte layout is render_registry()'s, checked against the
    runtime's own reader by tests/analysis/registry; here only what the
    binary rule put in it matters: which modules, in which order, with which
    init functions.
    """
    rows = []
    inits = {}
    case = None
    for line in registry.split("\n"):
        line = line.strip()
        if line.startswith("case ") and line.endswith(":"):
            # init_function()'s switch: "case <index>:" then "return <symbol>;"
            case = int(line[len("case "):-1])
        elif case != None and line.startswith("return ") and line.endswith(";"):
            inits[case] = line[len("return "):-1]
            case = None
        if not (line.startswith("{") and line.endswith("*/")):
            continue
        fields = line[1:line.index("}")].split(", ")
        module = line[line.rindex("/* ") + 3:-3]
        rows.append((module, fields[3] == "PYSTATIC_MODULE_PARENT"))
    return [
        module + " " + ("PARENT" if parent else inits.get(index, "(no init function)"))
        for index, (module, parent) in enumerate(rows)
    ]

def _generated_sources_impl(ctx):
    env = analysistest.begin(ctx)
    registry = _file_write_content(env, "/registry.c")
    asserts.equals(env, ctx.attr.expected_entries, _registry_entries(registry))
    for target in ctx.attr.extensions:
        quoted = "\"{}\\0\"".format(label_for_humans(target.label))
        asserts.true(env, quoted in registry, "registry.c must name {} (for error messages):\n{}".format(quoted, registry))
    program = _file_write_content(env, "/program.c")
    for fragment in ctx.attr.expected_program:
        # The main repository's runfiles directory is "_main" with bzlmod and
        # the workspace name without it.
        fragment = fragment.format(workspace = ctx.workspace_name)
        asserts.true(env, fragment in program, "program.c lacks {}:\n{}".format(fragment, program))
    return analysistest.end(env)

generated_sources_test = analysistest.make(
    _generated_sources_impl,
    attrs = {
        "expected_entries": attr.string_list(doc = "\"<module> <init symbol>\" or \"<package> PARENT\", in table order."),
        "expected_program": attr.string_list(doc = "Fragments of program.c; {workspace} is this repository's runfiles directory."),
        "extensions": attr.label_list(doc = "Extensions whose label the registry must carry."),
    },
)

def _extension_info_impl(ctx):
    env = analysistest.begin(ctx)
    info = analysistest.target_under_test(env)[PyStaticExtensionInfo]
    asserts.equals(env, ctx.attr.module, info.module)
    asserts.equals(env, ctx.attr.symbol, info.init_symbol)

    # What a plain py_binary imports: the .so, in the runfiles where Python
    # looks for tests.analysis.ext, named <short name><EXT_SUFFIX>.
    # (python_version reaches users through the mismatch error, which
    # python_version_mismatch_test checks; the init symbol through the
    # link of every py_static_test.)
    target = analysistest.target_under_test(env)
    paths = [
        link.path
        for link in target[DefaultInfo].default_runfiles.root_symlinks.to_list()
        if link.target_file == info.shared_library
    ]
    asserts.equals(env, 1, len(paths), "the .so must be in the runfiles once: " + str(paths))
    if paths:
        directory, _, name = paths[0].rpartition("/")
        asserts.true(env, directory.endswith("/tests/analysis"), paths[0])
        asserts.true(env, name.startswith("ext.") and name.endswith(".so"), paths[0])
    return analysistest.end(env)

extension_info_test = analysistest.make(
    _extension_info_impl,
    attrs = {"module": attr.string(), "symbol": attr.string()},
)

def _import_root_impl(ctx):
    env = analysistest.begin(ctx)
    target = analysistest.target_under_test(env)
    expected = [path.format(workspace = ctx.workspace_name) for path in ctx.attr.imports]
    asserts.equals(env, expected, target[PyInfo].imports.to_list())
    return analysistest.end(env)

# Where a plain py_binary finds the extension's .so: PyInfo.imports.
import_root_test = analysistest.make(
    _import_root_impl,
    attrs = {"imports": attr.string_list(doc = "Runfiles-relative roots; {workspace} is this repository's runfiles directory.")},
)

def _labels_test_impl(ctx):
    env = unittest.begin(ctx)

    # The main repository, as Bazel's own messages print it, in every mode.
    asserts.equals(env, "//tests/analysis:main", label_for_humans(Label("//tests/analysis:main")))
    asserts.equals(env, "//:BUILD.bazel", label_for_humans(Label("//:BUILD.bazel")))

    # Another repository: str(), which reads back to the same label.
    other = Label("@bazel_tools//tools/cpp:current_cc_toolchain")
    asserts.equals(env, str(other), label_for_humans(other))
    asserts.equals(env, other, Label(label_for_humans(other)))

    # A string (a hand-made PyStaticExtensionInfo may carry one) stays as it is.
    asserts.equals(env, "//pkg:t", label_for_humans("//pkg:t"))
    return unittest.end(env)

labels_test = unittest.make(_labels_test_impl)

def _naming_test_impl(ctx):
    env = unittest.begin(ctx)
    for module, expected in INIT_SYMBOL_CASES.items():
        asserts.equals(env, expected, init_symbol(module), "init_symbol(%r)" % module)
    return unittest.end(env)

naming_test = unittest.make(_naming_test_impl)

# (target_triple, url) -> what archive_platform_facts reads: "<os> <cpu>", or
# None where only the archive's PYTHON.json can tell.
_ARCHIVE_PLATFORMS = [
    ("", "https://x/20250115/cpython-3.13.1+20250115-x86_64-unknown-linux-gnu-pgo-full.tar.zst", "linux x86_64"),
    ("", "https://x/cpython-3.12.8+20250106-x86_64_v3-unknown-linux-gnu-pgo+lto-full.tar.zst", "linux x86_64"),
    ("", "https://x/cpython-3.12.8+20250106-aarch64-apple-darwin-pgo+lto-full.tar.zst?download=1", "macos aarch64"),
    ("", "file:///m/cpython-3.11.9+20240726-x86_64-pc-windows-msvc-shared-pgo-full.tar.zst", "windows x86_64"),
    ("", "file:///tmp/cpython-3.11.2-test-full.tar.zst", None),  # no triple
    ("", "file:///tmp/cpython-3.11-aarch64-unknown-linux-gnu.tar.gz", "linux aarch64"),  # a repack
    ("", "https://x/python-full.tar.zst", None),
    ("", "https://x/cpython-3.13.1+20250115-sparc64-unknown-plan9-full.tar.zst", None),
    ("aarch64-unknown-linux-gnu", "https://x/cpython-3.13.1+20250115-x86_64-unknown-linux-gnu-full.tar.zst", "linux aarch64"),
    ("x86_64-unknown-linux-gnu", "file:///tmp/anything.tar.gz", "linux x86_64"),
]

def _archive_platform_test_impl(ctx):
    env = unittest.begin(ctx)
    for triple, url, expected in _ARCHIVE_PLATFORMS:
        facts = archive_platform_facts(triple, url)
        asserts.equals(env, expected, facts.description if facts else None, "archive_platform_facts(%r, %r)" % (triple, url))
    return unittest.end(env)

archive_platform_test = unittest.make(_archive_platform_test_impl)
