"""Checks a static libpython for linking into a PIE; trims what cannot link.

Run by the pystatic_local_python repository rule with the interpreter it is
describing:  python libpython_archive.py ARCHIVE OUT_DIR
and prints JSON.  Only the stdlib, so it runs on every supported Python.

Two things a distribution's static libpython can get wrong for us, both seen
with Debian's libpython3.14/3.15-dev:

- objects compiled without -fPIC/-fPIE (absolute R_X86_64_32 relocations):
  a PIE cannot link them.  Reported as "not_pic" with one example member;
  the repository rule then fails with what to install instead.
- members that call CPython symbols no member defines.  Debian builds
  _md5, _sha1, _sha2, _sha3 and _blake2 into libpython, but the HACL*
  objects they call (_Py_LibHacl_*) go only into libpython3.X.so, not into
  the static archives.  Linked whole-archive, such a member is an undefined
  reference.  They are written out of a copy of the archive
  (OUT_DIR/libpython.a, the rest byte for byte and in the same order, with
  the symbol index rebuilt), and OUT_DIR/missing_builtins.c defines each
  init function those members held as one that raises ImportError: the
  interpreter's inittab (config.o) still names them, and hashlib then falls
  back to OpenSSL as with a CPython built without them.

"CPython symbols" are names starting with Py or _Py; libc, libm, zlib, ...
are the link's system libraries' business, not the archive's.
"""

import json
import os
import struct
import sys

_AR_MAGIC = b"!<arch>\n"
_ELF_MAGIC = b"\x7fELF"
_SHT_SYMTAB = 2
_SHT_RELA = 4
_SHF_ALLOC = 0x2
_SHN_UNDEF = 0
_STB_GLOBAL = 1
_STB_WEAK = 2
_EM_X86_64 = 62
# Absolute 32-bit relocations: only a non-PIC object has them.
_X86_64_ABSOLUTE_32 = (10, 11)  # R_X86_64_32, R_X86_64_32S


class ArchiveError(Exception):
    pass


def read_archive(data):
    """[(header bytes, name, offset of the header, member bytes)] of a GNU ar archive."""
    if not data.startswith(_AR_MAGIC):
        raise ArchiveError("not an ar archive")
    members, pos, long_names = [], len(_AR_MAGIC), b""
    while pos + 60 <= len(data):
        header = data[pos:pos + 60]
        if header[58:60] != b"`\n":
            raise ArchiveError("bad member header at offset {}".format(pos))
        raw_name = header[:16].rstrip(b" ")
        size = int(header[48:58].strip() or b"0")
        body = data[pos + 60:pos + 60 + size]
        if raw_name == b"//":
            long_names = body
            name = "//"
        elif raw_name == b"/":
            name = "/"
        elif raw_name.startswith(b"/") and raw_name[1:].isdigit():
            start = int(raw_name[1:])
            end = long_names.index(b"/\n", start)
            name = long_names[start:end].decode("utf-8", "replace")
        else:
            name = raw_name.rstrip(b"/").decode("utf-8", "replace")
        members.append((header, name, pos, body))
        pos += 60 + size + (size & 1)
    return members


def elf_facts(body):
    """(defined global names, undefined global names, an absolute-32 relocation?)."""
    if not body.startswith(_ELF_MAGIC) or body[4] != 2 or body[5] != 1:
        return set(), set(), False  # only little-endian ELF64 is read
    machine = struct.unpack_from("<H", body, 18)[0]
    shoff = struct.unpack_from("<Q", body, 40)[0]
    shentsize, shnum = struct.unpack_from("<HH", body, 58)
    sections = [struct.unpack_from("<IIQQQQIIQQ", body, shoff + i * shentsize) for i in range(shnum)]
    defined, undefined, absolute = set(), set(), False
    for _name, kind, _flags, _addr, offset, size, link, info, _align, entsize in sections:
        if kind == _SHT_SYMTAB:
            strtab = sections[link]
            str_off = strtab[4]
            for i in range(1, size // entsize):
                st_name, st_info, _other, st_shndx = struct.unpack_from("<IBBH", body, offset + i * entsize)
                if st_info >> 4 not in (_STB_GLOBAL, _STB_WEAK):
                    continue
                end = body.index(b"\0", str_off + st_name)
                symbol = body[str_off + st_name:end].decode("utf-8", "replace")
                if st_shndx != _SHN_UNDEF:
                    defined.add(symbol)
                elif st_info >> 4 == _STB_GLOBAL:
                    undefined.add(symbol)
        elif (kind == _SHT_RELA and machine == _EM_X86_64 and not absolute
              and sections[info][2] & _SHF_ALLOC):
            # Only code and data count: debug sections hold 32-bit
            # offsets in PIC objects too.
            for i in range(size // (entsize or 24)):
                r_info = struct.unpack_from("<Q", body, offset + i * 24 + 8)[0]
                if r_info & 0xFFFFFFFF in _X86_64_ABSOLUTE_32:
                    absolute = True
                    break
    return defined, undefined, absolute


def _is_cpython_symbol(name):
    return name.startswith("Py") or name.startswith("_Py")


def _armap(entries):
    """GNU ar's symbol index for [(symbol, member header offset)]."""
    body = struct.pack(">I", len(entries))
    body += b"".join(struct.pack(">I", offset) for _, offset in entries)
    body += b"".join(symbol + b"\0" for symbol, _ in entries)
    return body


def _armap_entries(body):
    count = struct.unpack_from(">I", body, 0)[0]
    offsets = struct.unpack_from(">{}I".format(count), body, 4)
    names = body[4 + 4 * count:].split(b"\0")[:count]
    return list(zip(names, offsets))


def write_without(members, removed, path):
    """Writes the archive minus `removed` (header offsets), its index rebuilt."""
    index = [m for m in members if m[1] == "/"]
    rest = [m for m in members if m[1] != "/" and m[2] not in removed]
    old_entries = _armap_entries(index[0][3]) if index else []
    # The index's size does not depend on the offsets it holds.
    kept_offsets = {m[2] for m in rest}
    entries = [(symbol, offset) for symbol, offset in old_entries if offset in kept_offsets]
    size = len(_armap(entries))
    pos = len(_AR_MAGIC) + (60 + size + (size & 1) if index else 0)
    moved = {}
    for header, _name, old, body in rest:
        moved[old] = pos
        pos += 60 + len(body) + (len(body) & 1)
    out = [_AR_MAGIC]
    if index:
        armap = _armap([(symbol, moved[offset]) for symbol, offset in entries])
        header = index[0][0]
        out += [header[:48], str(len(armap)).encode().ljust(10), b"`\n", armap, b"\n" * (len(armap) & 1)]
    for header, _name, _old, body in rest:
        out += [header, body, b"\n" * (len(body) & 1)]
    with open(path, "wb") as f:
        f.write(b"".join(out))


def _stub_source(archive_name, inits):
    lines = [
        "/* Generated by rules_pystatic (toolchain/private/libpython_archive.py).",
        " * " + archive_name + " holds these built-in modules without the objects",
        " * they call, so they were left out of the link; importing one raises",
        " * ImportError (hashlib falls back to OpenSSL). */",
        "#include <Python.h>",
        "",
    ]
    for init in inits:
        module = init[len("PyInit_"):]
        lines += [
            "PyMODINIT_FUNC {}(void);".format(init),
            "",
            "PyMODINIT_FUNC",
            "{}(void)".format(init),
            "{",
            "    PyErr_SetString(PyExc_ImportError, \"{} is not in this static binary: {} lacks "
            "the objects it needs (see rules_pystatic's docs/toolchain.md)\");".format(module, archive_name),
            "    return NULL;",
            "}",
            "",
        ]
    return "\n".join(lines)


def main(argv):
    archive, out_dir = argv[1], argv[2]
    try:
        with open(archive, "rb") as f:
            members = read_archive(f.read())
        facts = {}
        for _header, name, offset, body in members:
            if name not in ("/", "//"):
                facts[(name, offset)] = elf_facts(body)
    except (OSError, ArchiveError, struct.error, ValueError, IndexError) as exc:
        # The repository rule shows this line after "could not read <archive>:".
        sys.exit("not a readable ar archive of ELF objects ({}: {})".format(type(exc).__name__, exc))
    defined = set()
    for d, _u, _a in facts.values():
        defined |= d
    not_pic = sorted(name for (name, _), (_d, _u, a) in facts.items() if a)
    broken = {}
    for key, (_d, undefined, _a) in facts.items():
        missing = sorted(s for s in undefined if _is_cpython_symbol(s) and s not in defined)
        if missing:
            broken[key] = missing
    result = {
        "not_pic": not_pic[:1],
        "removed_members": sorted(name for name, _ in broken),
        "missing_symbols": sorted({s for v in broken.values() for s in v}),
        "stub_modules": [],
        "archive": "",
        "stubs": "",
    }
    if broken and not not_pic:
        inits = sorted({s for key, (d, _u, _a) in facts.items() if key in broken
                        for s in d if s.startswith("PyInit_")})
        os.makedirs(out_dir, exist_ok=True)
        result["archive"] = os.path.join(out_dir, "libpython.a")
        write_without(members, {offset for _, offset in broken}, result["archive"])
        result["stubs"] = os.path.join(out_dir, "missing_builtins.c")
        with open(result["stubs"], "w") as f:
            f.write(_stub_source(os.path.basename(archive), inits))
        result["stub_modules"] = [s[len("PyInit_"):] for s in inits]
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
