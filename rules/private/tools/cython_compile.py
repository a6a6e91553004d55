"""Compiles one .pyx (or a .py in pure Python mode) to C or C++ with a pinned Cython (the PyStaticCython action).

Run by rules/private/cython.bzl under the Python toolchain's interpreter,
from the execution root, with every path relative to it. Cython is not
installed: its unpacked pure-Python wheel (@pystatic_cython) goes first on
sys.path.

    cython_compile.py --cython-root DIR --label //pkg:_fast --module pkg._fast
        --language c|c++ --output OUT.c [--include DIR]... [--directive NAME=VALUE]...
        SOURCE.pyx

Cython reports its own errors as `path/to/file.pyx:LINE:COL: message`; this
script adds one line naming the target. It also checks the package's own
`# distutils: language = ...` header against the rule's `cython_language`,
since the output's name (.c or .cpp) is fixed before the action runs.
"""

import argparse
import os
import re
import sys

# `# distutils: language = c++` in the comment block at the top of the file.
_LANGUAGE_HEADER = re.compile(r"^#\s*distutils\s*:\s*language\s*=\s*(\S+)\s*$")


def _header_language(source):
    """The language the .pyx's leading comments ask for, or None."""
    with open(source, encoding="utf-8", errors="replace") as f:
        for line in f:
            stripped = line.strip()
            if not stripped:
                continue
            if not stripped.startswith("#"):
                return None
            match = _LANGUAGE_HEADER.match(stripped)
            if match:
                return match.group(1).lower()
    return None


def _parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cython-root", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--module", required=True)
    parser.add_argument("--language", choices=["c", "c++"], required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--include", action="append", default=[])
    parser.add_argument("--directive", action="append", default=[])
    parser.add_argument("source")
    return parser.parse_args(argv)


def main(argv):
    args = _parse_args(argv)
    wanted = _header_language(args.source)
    if wanted is not None and wanted != args.language:
        sys.stderr.write(
            "{label}: {source} says `# distutils: language = {wanted}`, but the target compiles it as "
            '{language}. Set cython_language = "{wanted}" on {label}\n'.format(
                label=args.label, source=args.source, wanted=wanted, language=args.language
            )
        )
        return 1

    sys.path.insert(0, args.cython_root)
    sys.dont_write_bytecode = True  # the wheel's directory is an input: leave it alone
    from Cython.Compiler import Main  # noqa: E402 (needs the path above)

    _directories_are_packages(Main.Context)

    cython_args = ["cython", "--module-name", args.module, "--output-file", args.output]
    if args.language == "c++":
        cython_args.append("--cplus")
    for include in args.include:
        cython_args += ["--include-dir", include]
    for directive in args.directive:
        cython_args += ["--directive", directive]
    cython_args.append(args.source)

    sys.argv = cython_args
    try:
        Main.main(command_line=1)
        status = 0
    except SystemExit as exit:
        status = exit.code if isinstance(exit.code, int) else 1
    if status:
        sys.stderr.write(
            "{}: Cython could not compile {} (its errors above name the file and line)\n".format(
                args.label, args.source
            )
        )
        return status
    return _make_relative(args.output)


def _directories_are_packages(context_class):
    """`from pkg cimport mod` needs Cython to see `pkg` as a package, which
    it decides by finding pkg/__init__.py. The action's inputs are the .pyx
    and the .pxd/.pxi files only, so no __init__.py is there: a directory
    under an include directory counts as a package, as Python 3 treats one
    (PEP 420). Only the ".py" look-up that makes that decision is widened."""
    search = getattr(context_class, "search_include_directories", None)
    if search is None:  # another Cython than the pinned one: leave it be
        return

    def search_include_directories(self, qualified_name, suffix=None, *args, **kwargs):
        found = search(self, qualified_name, suffix, *args, **kwargs)
        if found or suffix != ".py":
            return found
        relative = os.path.join(*qualified_name.split("."))
        for directory in self.include_directories:
            if os.path.isdir(os.path.join(directory, relative)):
                return os.path.join(directory, relative, "__init__.py")
        return None

    context_class.search_include_directories = search_include_directories


def _make_relative(output):
    """Builds must not depend on where the execution root is: Cython writes the
    paths it was given (all relative here), and this checks that no absolute
    path of the execution root got into the output anyway."""
    with open(output, "rb") as f:
        text = f.read()
    cwd = os.getcwd().encode() + b"/"
    if cwd in text:
        with open(output, "wb") as f:
            f.write(text.replace(cwd, b""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
