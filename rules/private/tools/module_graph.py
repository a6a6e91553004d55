"""The module graph of a single-file binary: which stdlib modules its program can import.

pack_program.py packs the program's own modules always, and of the stdlib
only what this graph reaches (pack_stdlib = "imported", the default), so a
program that imports json and argparse does not carry tkinter, the test
suite and 2,000 other modules. docs/single_file.md says what it sees and
what it cannot.

Edges come from the sources' syntax trees, not from running anything:
- every `import` and `from ... import` statement, anywhere in the module
  (inside functions too: a lazy import is still an import), with relative
  imports resolved and `from pkg import sub` counted as a possible import
  of the submodule pkg.sub; except, in the stdlib, under
  `if __name__ == "__main__":` and in a command-line entry point (a
  top-level function named main, _main, test or _test: heapq's self-test
  imports doctest, which would pull in pdb, pydoc, unittest and asyncio;
  tokenize._main() imports argparse);
- for a packed extension (.so), the whole NUL-terminated strings in it
  that name a stdlib module CPython's C code imports by a literal name
  (`PyImport_ImportModule("copyreg")`): dotted names, names starting with
  an underscore, and the short list C_IMPORTED (a plain word such as
  "code" is more often a keyword argument's name than an import);
- the parents of every module reached (importing a.b.c runs a and a.b).

Dynamic imports (importlib.import_module(name), __import__(name) with a
computed name) are invisible: `pack_keep` names them, as PyInstaller's
hidden imports do.
"""

import ast
import re

# What a packed program may import without any import of its own naming it:
# codecs are looked up by name at run time (encodings.*); CPython's C code
# imports these Python modules (time.strptime: _strptime; uncaught
# exceptions and warnings: traceback, linecache, _colorize on 3.13+;
# the launcher's python_cli mode and -m: runpy; the launcher installs
# exit(), quit() and help() from _sitebuiltins, as site does).
DEFAULT_KEEP = (
    "encodings.*",
    "_sitebuiltins",
    "_strptime",
    "traceback",
    "linecache",
    "_colorize",
    "warnings",
    "runpy",
)

# Development tools the stdlib imports only from self-tests and debugging
# helpers (pickle's _test() imports doctest, which imports pdb, pydoc,
# unittest and through it asyncio and multiprocessing: a quarter of the
# stdlib). An import of one of these counts only from the program itself,
# or through pack_keep; once in, a tool's own imports all count.
DEV_TOOLS = frozenset((
    "doctest", "ensurepip", "idlelib", "lib2to3", "pdb", "pydoc", "pydoc_data",
    "test", "tkinter", "turtle", "turtledemo", "unittest", "venv",
))

# A stdlib module's command-line entry point, run only under its main
# guard (`python -m tokenize` calls tokenize._main(), which imports
# argparse; pickle._test() imports doctest): their imports are not
# followed in modules that are not the program's.
CLI_ENTRY_POINTS = frozenset(("main", "_main", "test", "_test"))

# Plain (undotted, no underscore) names that CPython's extension modules
# import from C: _pickle (copyreg), _decimal (numbers, collections),
# _datetime (time), _elementtree (copy), array (copyreg), _io (locale,
# warnings), _asyncio (traceback, inspect), and what many import for enums
# and warnings.
C_IMPORTED = frozenset((
    "codecs", "collections", "contextvars", "copy", "copyreg", "enum", "functools",
    "inspect", "io", "locale", "numbers", "operator", "os", "re", "sys", "time",
    "traceback", "types", "warnings", "weakref",
))

_C_STRING = re.compile(rb"(?<=\x00)[A-Za-z_][A-Za-z0-9_.]{0,80}(?=\x00)")


def parents(name):
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def _is_main_guard(test):
    """`__name__ == "__main__"` (either order)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1
            and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    names = [s for s in sides if isinstance(s, ast.Name) and s.id == "__name__"]
    consts = [s for s in sides if isinstance(s, ast.Constant) and s.value == "__main__"]
    return len(names) == 1 and len(consts) == 1


def imports_of_tree(tree, name, is_package, is_main=False, library=False):
    """(absolute name, fromlist) for every import statement in `tree`.

    library: the module is not the program's own: the imports of its
    command-line entry point (top-level functions named in CLI_ENTRY_POINTS)
    are not followed.
    """
    found = []
    stack = [tree]
    if library and isinstance(tree, ast.Module):
        stack = [ast.Module(body=[node for node in tree.body
                                  if not (isinstance(node, ast.FunctionDef)
                                          and node.name in CLI_ENTRY_POINTS)],
                            type_ignores=[])]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
            continue
        if isinstance(node, ast.ImportFrom):
            target = resolve(node.module or "", node.level, name, is_package)
            if target:
                found.append((target, tuple(alias.name for alias in node.names)))
            continue
        if isinstance(node, ast.If) and not is_main and _is_main_guard(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def resolve(imported, level, name, is_package):
    """The absolute name of `imported` at `level` inside module `name`."""
    if level == 0:
        return imported
    package = name if is_package else name.rpartition(".")[0]
    parts = package.split(".") if package else []
    if level - 1 > len(parts) or (level - 1 == len(parts) and not imported):
        return None     # beyond the top-level package: fails at run time too
    base = ".".join(parts[:len(parts) - (level - 1)])
    if not imported:
        return base
    return base + "." + imported if base else imported


def strings_of_library(data):
    """Candidate module names in an extension's bytes (see the module docstring)."""
    names = set()
    for match in _C_STRING.findall(data):
        text = match.decode("ascii")
        if "." in text or text.startswith("_") or text in C_IMPORTED:
            names.add(text.strip("."))
    return names


def expand_keep(patterns, names):
    """Module names matched by keep patterns: "pkg" alone, "pkg.*" the
    package and everything under it."""
    kept = set()
    for pattern in patterns:
        if pattern.endswith(".*"):
            base = pattern[:-2]
            kept.update(n for n in names if n == base or n.startswith(base + "."))
        elif pattern in names:
            kept.add(pattern)
    return kept


def reach(roots, modules, tree_of, library_of, main=None, program=frozenset()):
    """The names reached from `roots` through `modules`, each with the name
    that brought it in (None for a root): {name: via}.

    modules: name -> is_package, for every importable name (program and stdlib).
    tree_of(name): the module's syntax tree, or None (an extension, a directory).
    library_of(name): an extension's bytes, or None.
    main: the name of the module run as __main__ (its main guard counts).
    program: the program's own module names (their imports of DEV_TOOLS count).
    """
    via = {}
    queue = [(name, None) for name in reversed(list(roots))]
    while queue:
        name, parent = queue.pop()
        if name in via or name not in modules:
            continue
        via[name] = parent
        found = [(p, name) for p in parents(name)]
        tree = tree_of(name)
        if tree is not None:
            for target, fromlist in imports_of_tree(tree, name, modules[name], name == main,
                                                    library=name not in program):
                found.append((target, name))
                found.extend((p, name) for p in parents(target))
                found.extend((target + "." + item, name) for item in fromlist if item != "*")
        else:
            data = library_of(name)
            if data is not None:
                found.extend((s, name) for s in sorted(strings_of_library(data)) if s in modules)
        if name not in program and name.partition(".")[0] not in DEV_TOOLS:
            # Only the program (or a development tool it brought in, whose
            # own imports all count: unittest's of unittest.result) reaches
            # a development tool.
            found = [(n, p) for n, p in found if n.partition(".")[0] not in DEV_TOOLS]
        queue.extend(reversed(found))
    return via
