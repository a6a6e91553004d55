/*
 * The pack: a single-file binary's Python code, data and stdlib, carried
 * inside the executable (py_static_binary(single_file = True), see
 * docs/single_file.md).
 *
 * Written at build time by rules/private/tools/pack_program.py, which runs
 * under the toolchain's own interpreter so the bytecode has the magic
 * number of the Python the binary embeds.  A generated assembler file
 * includes it (`.incbin`) between the symbols
 *
 *     pystatic_pack_data   first byte (16-byte aligned)
 *     pystatic_pack_end    one past the last byte
 *
 * which the runtime declares weak: a binary without them has no pack.
 *
 * Layout (version PYSTATIC_PACK_VERSION; every integer little-endian,
 * every offset from the start of the pack):
 *
 *     PyStatic_PackHeader
 *     PyStatic_PackModule[module_count]   sorted by name (bytewise)
 *     PyStatic_PackFile[file_count]       sorted by path (bytewise)
 *     strings and contents                referenced by offset and size
 *
 * Modules: every importable name, with the marshalled code object of its
 * source (no pyc header: the table knows what it holds, and the header's
 * magic says which bytecode it is).  A package's name is the package
 * ("pkg", not "pkg.__init__").  A directory of the program that holds
 * files but no __init__.py is listed as a package without code
 * (PYSTATIC_PACK_NAMESPACE), unless a module of that name exists.  A stdlib
 * extension module carried as a .so (lib-dynload) is listed with
 * PYSTATIC_PACK_EXTENSION, its `file` being the .so.
 *
 * Files: the packed tree, as paths relative to its root ("pkg/data.txt",
 * "json/__init__.py", "lib-dynload/_json.cpython-312-x86_64-linux-gnu.so"):
 * every module's source, every data file, every .so.  importlib.resources
 * reads it; `__file__` of a packed module is "<sys.executable>/<path>".
 * A source left out (pack_sources) keeps its path with no content.
 *
 * What is packed (version 2): the program's own modules always; of the
 * stdlib, by default only what the program's imports reach (a module graph
 * computed at build time, plus a keep-list), the rest listed by name as
 * PYSTATIC_PACK_LEFT_OUT so that importing one says why it is missing.
 *
 * The packer and the reader (runtime/src/pack.c) check each other: the
 * runtime refuses a pack whose magic, version or Python version differ, or
 * whose tables point outside it or are out of order
 * (tests/single_file checks both directions).
 */
#ifndef PYSTATIC_PACK_H
#define PYSTATIC_PACK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PYSTATIC_PACK_MAGIC "PYSTPAK\n"     /* 8 bytes, no NUL */
#define PYSTATIC_PACK_VERSION 2
#define PYSTATIC_PACK_NONE 0xFFFFFFFFu      /* "no file", "no main",
                                             * "content not carried" */

/* PyStatic_PackModule.flags */
enum {
    PYSTATIC_PACK_PACKAGE = 1u << 0,    /* a package: has __path__ */
    PYSTATIC_PACK_NAMESPACE = 1u << 1,  /* a directory without __init__.py:
                                         * a package with no code */
    PYSTATIC_PACK_EXTENSION = 1u << 2,  /* a .so loaded from memory */
    PYSTATIC_PACK_LEFT_OUT = 1u << 3,   /* a stdlib module the program does
                                         * not import, left out of the pack
                                         * (pack_stdlib): the name only, no
                                         * code, no file; importing it raises
                                         * ModuleNotFoundError naming the
                                         * switch that would keep it */
};

typedef struct {
    char magic[8];              /* PYSTATIC_PACK_MAGIC */
    uint32_t version;           /* PYSTATIC_PACK_VERSION */
    uint32_t python_version;    /* (major << 8) | minor */
    uint32_t bytecode_magic;    /* importlib.util.MAGIC_NUMBER, as the
                                 * little-endian integer of its 4 bytes */
    uint32_t header_size;       /* sizeof(PyStatic_PackHeader) */
    uint32_t module_count;
    uint32_t module_offset;     /* PyStatic_PackModule[module_count] */
    uint32_t file_count;
    uint32_t file_offset;       /* PyStatic_PackFile[file_count] */
    uint32_t main_module;       /* index of the module run as __main__,
                                 * or PYSTATIC_PACK_NONE */
    uint32_t total_size;        /* bytes in the whole pack */
} PyStatic_PackHeader;

typedef struct {
    uint32_t name_offset;       /* UTF-8 dotted name, not NUL-terminated */
    uint32_t name_size;
    uint32_t code_offset;       /* marshal.dumps(code object) */
    uint32_t code_size;         /* 0: no code (namespace, extension) */
    uint32_t file;              /* index of its source (.py) or .so in the
                                 * file table, or PYSTATIC_PACK_NONE */
    uint32_t flags;             /* PYSTATIC_PACK_* */
} PyStatic_PackModule;

typedef struct {
    uint32_t path_offset;       /* UTF-8, '/'-separated, relative */
    uint32_t path_size;
    uint32_t data_offset;       /* PYSTATIC_PACK_NONE (with data_size 0): the
                                 * content is not carried, only the path (a
                                 * module's source left out by pack_sources:
                                 * its bytecode is in the module table, and
                                 * the path still gives its __file__) */
    uint32_t data_size;
} PyStatic_PackFile;

#ifdef __cplusplus
}
#endif

#endif /* PYSTATIC_PACK_H */
