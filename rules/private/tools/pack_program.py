"""Writes the pack of a single-file py_static_binary (runtime/include/pystatic/pack.h).

Run by the PyStaticPack action under the toolchain's own interpreter, so the
bytecode has the magic number of the Python the binary embeds:

    PYTHONHASHSEED=0 python3.X -S -s -B pack_program.py @PARAMS

(a fixed hash seed: set and frozenset constants marshal in iteration order)

PARAMS, one argument a line:

    --label //app:app_single_file      named in every error
    --workspace NAME                   the main repository's runfiles name
    --python 3.12                      the Python the binary embeds
    --output PATH                      the pack
    --main SHORT_PATH                  the file run as __main__
    --root RUNFILES_PATH               a sys.path entry of the program (in order)
    --stdlib-root RUNFILES_PATH        the stdlib directory
    --dynload-root RUNFILES_PATH       lib-dynload, or absent
    --static-module NAME               a stdlib extension linked in (not packed)
    --helper PATH                      _pystatic_resources.py
    --strip PATH                       strip(1): packed .so files lose their debug
                                       sections (`strip --strip-debug`), or absent
    --stdlib-mode imported|all         pack_stdlib: only the stdlib modules the
                                       program's imports reach (module_graph.py),
                                       or all of it
    --keep PATTERN                     pack_keep: a stdlib module kept anyway
                                       ("pkg.*": the package and all under it)
    --sources none|program|all         pack_sources: whose .py sources are
                                       carried beside their bytecode
    --report PATH                      write why each stdlib module is packed
    --program SHORT_PATH<TAB>PATH      a program file (sources, data, runfiles)
    --package-dir SOURCE<TAB>TARGET    runfiles directories: SOURCE's program
                                       files are packed under TARGET too
    --stdlib SHORT_PATH<TAB>PATH       a stdlib file

The output depends only on the inputs' paths and bytes: no timestamps, files
and modules in sorted order, identical contents stored once.
"""

import ast
import hashlib
import keyword
import marshal
import os
import struct
import subprocess
import sys
import tempfile
import warnings

import importlib.util

import module_graph

MAGIC = b"PYSTPAK\n"
VERSION = 2
NONE = 0xFFFFFFFF
PACKAGE, NAMESPACE, EXTENSION, LEFT_OUT = 1, 2, 4, 8
HEADER = struct.Struct("<8s10I")
MODULE = struct.Struct("<6I")
FILE = struct.Struct("<4I")

# CPython's own test extensions in lib-dynload are not part of a program.
_DYNLOAD_SKIP_PREFIXES = ("_test", "xx", "_xxtestfuzz", "_ctypes_test")


class PackError(Exception):
    pass


def parse_args(argv):
    lines = []
    for arg in argv:
        if arg.startswith("@"):
            with open(arg[1:], encoding="utf-8") as f:
                lines.extend(line.rstrip("\n") for line in f if line.strip())
        else:
            lines.append(arg)
    opts = {"root": [], "static-module": [], "program": [], "stdlib": [], "keep": [],
            "package-dir": []}
    i = 0
    while i < len(lines):
        key = lines[i]
        if not key.startswith("--") or i + 1 >= len(lines):
            raise PackError("bad argument list near {!r}".format(key))
        name, value = key[2:], lines[i + 1]
        if name in opts and isinstance(opts[name], list):
            opts[name].append(value)
        else:
            opts[name] = value
        i += 2
    return opts


def runfiles_path(workspace, short_path):
    if short_path.startswith("../"):
        return short_path[3:]
    return workspace + "/" + short_path


def split_record(record):
    short, _, path = record.partition("\t")
    return short, path


def is_identifier(part):
    return part.isidentifier() and not keyword.iskeyword(part)


def is_name_part(part):
    """What FileFinder would import: any file name without a dot, so
    _sysconfigdata__linux_x86_64-linux-gnu too (sysconfig imports it by
    that name)."""
    return part != "" and "." not in part and " " not in part


def module_name(path):
    """Dotted module name of a tree path, or None if it is not importable."""
    if path.endswith(".py"):
        stem = path[:-3]
    else:
        return None
    parts = stem.split("/")
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
        if not parts:
            return None
    if not all(is_name_part(p) for p in parts):
        return None
    return ".".join(parts), is_package


class Tree:
    """The packed file tree: path -> (exec path, who put it there)."""

    def __init__(self, label):
        self.label = label
        self.files = {}

    def add(self, path, source, origin, replace=False):
        old = self.files.get(path)
        if old is not None and old[0] != source:
            if replace:
                return
            if read(old[0]) != read(source):
                raise PackError(
                    "{}: two different files would be packed at {!r}: {} ({}) and {} ({}). "
                    "single_file = True puts every sys.path entry of the program into one tree; "
                    "rename one of them, or drop the `imports` entry or `data` file that "
                    "makes them meet".format(self.label, path, old[0], old[1], source, origin))
            return
        self.files[path] = (source, origin)


_read_cache = {}


def read(path):
    data = _read_cache.get(path)
    if data is None:
        with open(path, "rb") as f:
            data = f.read()
        _read_cache[path] = data
    return data


def build_tree(opts):
    label = opts["label"]
    workspace = opts["workspace"]
    tree = Tree(label)
    roots = opts["root"]
    main_short = opts["main"]
    main_path = None
    # setuptools' package_dir (rules/private/package_dirs.bzl): a directory
    # whose files are also the package of another name.
    package_dirs = [split_record(r) for r in opts["package-dir"]]
    records = []
    for record in opts["program"]:
        short, path = split_record(record)
        rpath = runfiles_path(workspace, short)
        records.append((short, path, rpath))
        for source, target in package_dirs:
            if rpath.startswith(source + "/"):
                records.append((short, path, target + rpath[len(source):]))
    for short, path, rpath in records:
        placed = False
        for root in roots:
            if rpath.startswith(root + "/"):
                tree.add(rpath[len(root) + 1:], path, short)
                placed = True
                if short == main_short and main_path is None:
                    main_path = rpath[len(root) + 1:]
        if not placed:
            tree.add(rpath, path, short)
            if short == main_short and main_path is None:
                main_path = rpath
    if main_path is None:
        raise PackError("{}: the main file {} is not among the program's files".format(label, main_short))
    program_paths = set(tree.files)

    stdlib_root = opts["stdlib-root"]
    dynload_root = opts.get("dynload-root", "")
    static_modules = set(opts["static-module"])
    for record in opts["stdlib"]:
        short, path = split_record(record)
        rpath = runfiles_path(workspace, short)
        if dynload_root and rpath.startswith(dynload_root + "/"):
            base = rpath[len(dynload_root) + 1:]
            if "/" in base or not base.endswith(".so"):
                continue
            name = base.split(".", 1)[0]
            if name in static_modules or name.startswith(_DYNLOAD_SKIP_PREFIXES):
                continue
            tree.add("lib-dynload/" + base, path, short, replace=True)
            continue
        if not rpath.startswith(stdlib_root + "/"):
            continue
        rel = rpath[len(stdlib_root) + 1:]
        parts = rel.split("/")
        if "__pycache__" in parts or rel.endswith((".pyc", ".pyo")):
            continue
        # The program's own files shadow the stdlib's, as the program's
        # sys.path entries come before the stdlib in runfiles mode.
        tree.add(rel, path, short, replace=True)
    tree.add("_pystatic_resources.py", opts["helper"], "rules_pystatic", replace=True)
    return tree, program_paths, main_path


def compile_source(tree_path, data, label, origin, program):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            code = compile(data, tree_path, "exec", dont_inherit=True, optimize=0)
        except (SyntaxError, ValueError) as exc:
            if not program:
                return None     # stdlib files that are not Python (test data)
            where = ""
            if isinstance(exc, SyntaxError) and exc.lineno:
                where = " (line {})".format(exc.lineno)
            raise PackError("{}: {} does not compile{}: {}: {}. single_file = True compiles every "
                            "Python source at build time; fix the file or leave it out of srcs/deps/data"
                            .format(label, origin, where, type(exc).__name__,
                                    getattr(exc, "msg", None) or exc))
    return code


def index_modules(tree, program_paths, main_path):
    """Every importable name of the tree, not yet compiled: name -> dict(path, flags, program)."""
    modules = {}
    for path in sorted(tree.files):
        if path.startswith("lib-dynload/"):
            name = path[len("lib-dynload/"):].split(".", 1)[0]
            if is_identifier(name) and name not in modules:
                modules[name] = {"path": path, "flags": EXTENSION, "program": False}
            continue
        named = module_name(path)
        if named is None:
            continue
        name, is_package = named
        existing = modules.get(name)
        if existing is not None and (existing["flags"] & PACKAGE) and not is_package:
            continue    # pkg/__init__.py wins over pkg.py, as in FileFinder
        modules[name] = {"path": path, "flags": PACKAGE if is_package else 0,
                         "program": path in program_paths}
    # Directories of the program without __init__.py: packages with no code.
    dirs = set()
    for path in program_paths:
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add(tuple(parts[:i]))
    for parts in sorted(dirs):
        if not all(is_identifier(p) for p in parts):
            continue
        name = ".".join(parts)
        if name not in modules:
            modules[name] = {"path": None, "flags": PACKAGE | NAMESPACE, "program": True}
    main = module_name(main_path)
    main_name = main[0] if main is not None and not main[1] else None
    if main_name is None or main_name not in modules:
        main_name = "__main__"
        modules[main_name] = {"path": main_path, "flags": 0, "program": True}
    return modules, main_name


class Compiler:
    """Compiles modules on demand, once: the graph reads code objects, the
    pack stores them marshalled. A stdlib file that is not Python (test
    data named .py) is dropped; a program file that does not compile is
    an error."""

    def __init__(self, tree, modules, label):
        self.tree, self.modules, self.label = tree, modules, label
        self.code = {}

    def __call__(self, name):
        if name in self.code:
            return self.code[name]
        m = self.modules[name]
        code = None
        if m["path"] is not None and not (m["flags"] & (EXTENSION | NAMESPACE)):
            source, origin = self.tree.files[m["path"]]
            code = compile_source(m["path"], read(source), self.label, origin, m["program"])
        self.code[name] = code
        return code

    def syntax_tree(self, name):
        """The module's syntax tree for the module graph, or None."""
        if self(name) is None:
            return None
        m = self.modules[name]
        source, _ = self.tree.files[m["path"]]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(read(source), m["path"])

    def library(self, name):
        m = self.modules[name]
        if m["flags"] & EXTENSION:
            return read(self.tree.files[m["path"]][0])
        return None


def select_modules(tree, modules, main_name, compiler, opts):
    """The modules to pack and the stdlib names left out (pack_stdlib, pack_keep)."""
    mode = opts.get("stdlib-mode", "all")
    stdlib_names = {n for n, m in modules.items() if not m["program"]}
    if mode == "all":
        chosen = set(modules)
        write_report(opts.get("report"), {n: None for n in chosen}, modules)
    elif mode == "imported":
        keep = module_graph.expand_keep(list(module_graph.DEFAULT_KEEP) + opts["keep"], stdlib_names)
        roots = [n for n, m in modules.items() if m["program"]] + sorted(keep) + ["_pystatic_resources"]
        is_package = {n: bool(m["flags"] & PACKAGE) for n, m in modules.items()}
        program = {n for n, m in modules.items() if m["program"]}
        user_keep = module_graph.expand_keep(opts["keep"], stdlib_names)
        via = module_graph.reach(roots, is_package, compiler.syntax_tree, compiler.library,
                                 main_name, program | user_keep)
        chosen = set(via)
        chosen.add(main_name)
        write_report(opts.get("report"), via, modules)
    else:
        raise PackError("{}: unknown pack_stdlib {!r}".format(opts["label"], mode))
    unknown = [k for k in opts["keep"] if not module_graph.expand_keep([k], set(modules))]
    if unknown:
        raise PackError("{}: pack_keep names {} which neither the program nor the stdlib of "
                        "Python {} has; fix the name (a dotted module name, or \"pkg.*\" for a "
                        "package and everything under it)".format(
                            opts["label"], ", ".join(repr(k) for k in unknown), opts["python"]))
    packed = {}
    for name in sorted(chosen):
        m = modules[name]
        code = compiler(name)
        if code is None and not (m["flags"] & (EXTENSION | NAMESPACE)) and m["path"] is not None:
            continue    # stdlib non-Python .py file
        packed[name] = {"path": m["path"], "code": marshal.dumps(code) if code is not None else b"",
                        "flags": m["flags"], "program": m["program"]}
    left_out = sorted(stdlib_names - chosen)
    return packed, left_out


# The message of a left-out module's ModuleNotFoundError: runtime/src/
# pack_missing.c makes it at run time; the same text here, for 3.15's
# traceback printer (below).  tests/integration/test_single_file.py holds
# both to the same text.
LEFT_OUT_MESSAGE = ("No module named {0!r}: the stdlib has it, but this single-file binary left it "
                    "out because nothing its program imports reaches it. Keep it with pack_keep = "
                    "[{0!r}] on the py_static_binary, or pack the whole stdlib with pack_stdlib = "
                    "\"all\" (docs/single_file.md)")
MISSING_STDLIB_INFO = "_missing_stdlib_info"


def missing_stdlib_info(tree, modules, left_out, workdir, label):
    """3.15+: CPython's traceback printer shows an uncaught ModuleNotFoundError
    of a top-level stdlib module with the message that
    `_missing_stdlib_info._MISSING_STDLIB_MODULE_MESSAGES` has for it (a
    distributor's hook; "Standard library module 'x' was not found" if none),
    not the exception's own.  Packs that module with the left-out message for
    each left-out top-level name, after the distributor's own entries if the
    stdlib has the module.  Returns the path of its generated source."""
    names = [n for n in left_out if "." not in n]
    if sys.version_info < (3, 15) or not names:
        return None
    old = modules.get(MISSING_STDLIB_INFO)
    if old is not None and old["program"]:
        return None     # the program's own
    source = b"# Generated by rules_pystatic (rules/private/tools/pack_program.py).\n"
    if old is not None and old["path"] is not None:
        source += read(tree.files[old["path"]][0]) + b"\n"
    else:
        source += b"_MISSING_STDLIB_MODULE_MESSAGES = {}\n"
    source += b"# Stdlib modules this single-file binary left out (pack_stdlib).\n"
    source += b"_MISSING_STDLIB_MODULE_MESSAGES.update({\n"
    for name in names:
        source += "    {!r}: {!r},\n".format(name, LEFT_OUT_MESSAGE.format(name)).encode("utf-8")
    source += b"})\n"
    path = MISSING_STDLIB_INFO + ".py"
    generated = os.path.join(workdir, path)
    with open(generated, "wb") as f:
        f.write(source)
    tree.files[path] = (generated, "rules_pystatic")
    code = compile_source(path, source, label, "rules_pystatic", True)
    modules[MISSING_STDLIB_INFO] = {"path": path, "code": marshal.dumps(code), "flags": 0, "program": False}
    return path


def write_report(path, via, modules):
    """Why each stdlib module is in the pack: one line per module, the chain
    of imports from the program that reached it."""
    if not path:
        return
    lines = []
    for name in sorted(via):
        if modules[name]["program"]:
            continue
        chain, seen = [name], {name}
        while via.get(chain[-1]) is not None and via[chain[-1]] not in seen:
            seen.add(via[chain[-1]])
            chain.append(via[chain[-1]])
        lines.append("{}\t{}".format(name, " <- ".join(chain[1:]) or "(kept)"))
    with open(path, "w", encoding="utf-8") as f:
        f.write("# stdlib module\timported by (pack_stdlib = \"imported\")\n")
        f.write("\n".join(lines) + "\n")


def prune_tree(tree, program_paths, packed, mode, sources):
    """Drops the files of left-out stdlib modules and the data files of
    left-out stdlib packages (pack_stdlib = "imported"); returns the module
    sources whose content is not carried (pack_sources)."""
    packed_paths = {m["path"] for m in packed.values() if m["path"] is not None}
    if mode == "imported":
        kept_dirs = [m["path"].rpartition("/")[0] for m in packed.values()
                     if m["path"] is not None and m["flags"] & PACKAGE and not m["program"]]
        for path in list(tree.files):
            if path in program_paths or path in packed_paths:
                continue
            if path.startswith("lib-dynload/") or module_name(path) is not None:
                del tree.files[path]    # a left-out module
            elif not any(d and path.startswith(d + "/") for d in kept_dirs):
                del tree.files[path]    # data of a left-out package, or of the stdlib's root
    not_carried = set()
    for m in packed.values():
        path = m["path"]
        if path is None or (m["flags"] & EXTENSION) or not path.endswith(".py"):
            continue
        if sources == "all" or (sources == "program" and m["program"]):
            continue
        not_carried.add(path)
    return not_carried


class Writer:
    def __init__(self):
        self.blob = bytearray()
        self.where = {}

    def put(self, data):
        """Offset of `data` in the content area, stored once."""
        if not data:
            return 0
        key = hashlib.sha256(data).digest()
        offset = self.where.get(key)
        if offset is None:
            offset = len(self.blob)
            self.blob += data
            self.where[key] = offset
        return offset


def strip_libraries(tree, strip, workdir):
    """Points every packed .so at a copy without debug sections."""
    for path in sorted(tree.files):
        if not path.startswith("lib-dynload/"):
            continue
        source, origin = tree.files[path]
        out = os.path.join(workdir, os.path.basename(path))
        result = subprocess.run([strip, "--strip-debug", "-o", out, source],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if result.returncode != 0:
            raise PackError("{} --strip-debug {} failed: {}".format(
                strip, source, result.stdout.decode(errors="replace")))
        tree.files[path] = (out, origin)


def write_pack(tree, modules, main_name, output, not_carried=frozenset(), left_out=()):
    modules = dict(modules)
    for name in left_out:
        modules[name] = {"path": None, "code": b"", "flags": LEFT_OUT}
    paths = sorted(tree.files, key=lambda p: p.encode("utf-8"))
    names = sorted(modules, key=lambda n: n.encode("utf-8"))
    file_index = {p: i for i, p in enumerate(paths)}
    header_size = HEADER.size
    module_offset = header_size
    file_offset = module_offset + MODULE.size * len(names)
    content_base = file_offset + FILE.size * len(paths)
    content_base = (content_base + 15) & ~15

    w = Writer()
    file_records = []
    for p in paths:
        pb = p.encode("utf-8")
        if p in not_carried:
            file_records.append((w.put(pb), len(pb), None, 0))
            continue
        data = read(tree.files[p][0])
        file_records.append((w.put(pb), len(pb), w.put(data), len(data)))
    module_records = []
    for n in names:
        m = modules[n]
        nb = n.encode("utf-8")
        f = file_index[m["path"]] if m["path"] is not None else NONE
        module_records.append((w.put(nb), len(nb), w.put(m["code"]), len(m["code"]), f, m["flags"]))

    total = content_base + len(w.blob)
    if total >= NONE:
        raise PackError("the pack would be {} bytes; the format holds at most 4 GiB".format(total))

    def rebase(offset, size):
        return content_base + offset if size else 0

    out = bytearray()
    magic = struct.unpack("<I", importlib.util.MAGIC_NUMBER)[0]
    out += HEADER.pack(MAGIC, VERSION, (sys.version_info[0] << 8) | sys.version_info[1], magic,
                       header_size, len(names), module_offset, len(paths), file_offset,
                       names.index(main_name), total)
    for no, ns, co, cs, f, flags in module_records:
        out += MODULE.pack(rebase(no, ns), ns, rebase(co, cs), cs, f, flags)
    for po, ps, do, ds in file_records:
        out += FILE.pack(rebase(po, ps), ps, NONE if do is None else rebase(do, ds), ds)
    out += b"\0" * (content_base - len(out))
    out += w.blob
    assert len(out) == total
    with open(output, "wb") as f:
        f.write(out)


def main(argv):
    try:
        if sys.flags.hash_randomization and "PYTHONHASHSEED" not in __import__("os").environ:
            raise PackError("run the packer with PYTHONHASHSEED=0: the bytecode of set constants "
                            "depends on the hash seed")
        opts = parse_args(argv)
        want = opts["python"]
        have = "{}.{}".format(*sys.version_info[:2])
        if want != have:
            raise PackError("{}: the toolchain's interpreter is Python {}, but the binary embeds Python {}; "
                            "the bytecode must come from the same version (fix the toolchain's "
                            "`interpreter`)".format(opts["label"], have, want))
        tree, program_paths, main_path = build_tree(opts)
        index, main_name = index_modules(tree, program_paths, main_path)
        compiler = Compiler(tree, index, opts["label"])
        modules, left_out = select_modules(tree, index, main_name, compiler, opts)
        mode = opts.get("stdlib-mode", "all")
        sources = opts.get("sources", "all")
        if sources not in ("none", "program", "all"):
            raise PackError("{}: unknown pack_sources {!r}".format(opts["label"], sources))
        not_carried = prune_tree(tree, program_paths, modules, mode, sources)
        with tempfile.TemporaryDirectory() as workdir:
            info = missing_stdlib_info(tree, modules, left_out, workdir, opts["label"])
            if info is not None:
                left_out = [n for n in left_out if n != MISSING_STDLIB_INFO]
                not_carried.discard(info)
                if sources != "all":
                    not_carried.add(info)
            if opts.get("strip"):
                strip_libraries(tree, opts["strip"], workdir)
            write_pack(tree, modules, main_name, opts["output"], not_carried, left_out)
    except PackError as exc:
        sys.stderr.write("ERROR: {}\n".format(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
