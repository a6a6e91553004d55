"""The README's bzlmod quick start, verbatim (examples/bzlmod), on Bazel 7.

A user's module that has only what the quick start shows must resolve with no
registry at all (Debian's Bazel provides platforms, rules_cc, rules_python,
... as module overrides; rules_pystatic must need nothing else) and build
and run a static binary.
"""

import pathlib
import re
import shutil

import bazel

QUICKSTART = bazel.ROOT / "examples" / "bzlmod"
README = bazel.ROOT / "README.md"


def readme_blocks(heading):
    """The ```starlark blocks of one README section, in order."""
    text = README.read_text()
    start = text.index("\n## " + heading)
    end = text.find("\n## ", start + 1)
    section = text[start : end if end != -1 else len(text)]
    return re.findall(r"```starlark\n(.*?)```", section, re.S)


def without_comment_lines(text):
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")).strip()


def test_readme_quickstart_is_the_example_verbatim():
    blocks = readme_blocks("Quick start: Bazel 7+ with bzlmod")
    assert len(blocks) == 2, blocks
    module_block, build_block = (without_comment_lines(b) for b in blocks)
    module = (QUICKSTART / "MODULE.bazel").read_text()
    # The example adds only the override that points at this checkout, and
    # its own module() line.
    module = module[: module.index("# This example uses the rules from this checkout")]
    module = without_comment_lines(module.replace('module(name = "quickstart")\n', ""))
    assert module_block == module
    assert build_block == without_comment_lines((QUICKSTART / "BUILD.bazel").read_text())


def test_quickstart_builds_and_runs_with_no_registry(tmp_path):
    work = tmp_path / "quickstart"
    shutil.copytree(QUICKSTART, work, ignore=shutil.ignore_patterns("bazel-*"))
    registry = tmp_path / "empty-registry"
    registry.mkdir()
    try:
        result = bazel.run(["run", "--registry=" + registry.as_uri(), "//:app"], cwd=work)
    finally:
        bazel.run(["shutdown"], cwd=work, check=False)
    assert "mypkg._speedups.add(2, 3) = 5" in result.stdout, result.stdout[-3000:]
    # The user's own label as Bazel prints it (rules/private/labels.bzl), not
    # str(Label)'s canonical spelling of the main repository.
    assert re.search(r"linked into this binary from //:_speedups\n", result.stdout), result.stdout[-3000:]
    assert "python 3.12" in result.stdout
