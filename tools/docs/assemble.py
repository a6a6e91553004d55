"""Joins Stardoc's pages (tools/docs/BUILD.bazel) into docs/reference.md.

    python3 tools/docs/assemble.py OUT PAGE_DIR

Each page documents one public .bzl file; it becomes a section headed by
the file's load label, its symbols one heading level down, after a table
of contents. Nothing else changes Stardoc's text.
"""

import re
import sys
from pathlib import Path

# (page, the file it documents): the order of docs/reference.md.
PAGES = [
    ("defs", "@rules_pystatic//rules:defs.bzl", "Rules, providers and helpers"),
    ("toolchain_extensions", "@rules_pystatic//toolchain:extensions.bzl", "Toolchains with bzlmod"),
    ("toolchain_repositories", "@rules_pystatic//toolchain:repositories.bzl", "Toolchains in WORKSPACE"),
    ("python_toolchain", "@rules_pystatic//toolchain:python_toolchain.bzl", "A toolchain by hand"),
    ("pypi_extensions", "@rules_pystatic//pypi:extensions.bzl", "PyPI packages with bzlmod"),
    ("pypi_repositories", "@rules_pystatic//pypi:repositories.bzl", "PyPI packages in WORKSPACE"),
]

HEADER = """\
# Reference

<!-- Generated from the .bzl docstrings by tools/docs/generate.sh (Stardoc 0.8.1). Do not
edit this page: edit the docstrings and run `bash tools/docs/generate.sh`.
`tools/test.sh rules` fails when it is not what the docstrings give. -->

Every public rule, macro, provider, function, module extension and repository rule of
rules_pystatic, with every attribute, generated from the docstrings in the `.bzl` files.
Guides and examples: [rules.md](rules.md), [toolchain.md](toolchain.md), [pypi.md](pypi.md);
error messages: [errors.md](errors.md).

"""


def main(out, page_dir):
    toc, sections = [], []
    for page, label, title in PAGES:
        text = (Path(page_dir) / (page + ".md")).read_text()
        # Symbols are level 2 in Stardoc's page, tag classes level 3.
        text = re.sub(r"^(#{2,3}) ", lambda m: "#" + m.group(1) + " ", text, flags=re.M)
        symbols = re.findall(r"^### (\S+)$", text, flags=re.M)
        anchor = page.replace("_", "-")
        toc.append("- [{}: `{}`](#{}): {}".format(
            title, label, anchor, ", ".join("[`{0}`](#{0})".format(s) for s in symbols)))
        sections.append('<a id="{}"></a>\n\n## {}: `{}`\n\n{}'.format(anchor, title, label, text.strip("\n") + "\n"))
    Path(out).write_text(HEADER + "\n".join(toc) + "\n\n" + "\n\n".join(sections))


if __name__ == "__main__":
    main(*sys.argv[1:])
