/*
 * The registry: every extension module linked into a static binary, by its
 * full dotted name, with a hash index for O(1) lookup.
 *
 * One translation unit per binary defines `pystatic_registry`.  It is
 * generated at build time (by rules/private/registry.bzl under Bazel, and by
 * tests/runtime/harness.py for the runtime tests and the benchmarks) so a
 * binary spends nothing at start-up registering or indexing modules.  The
 * generated file needs no Python headers: init functions are declared with
 * the opaque PyStatic_InitFunc type below.  Names and labels are offsets
 * into one string blob, and the init functions are returned by a generated
 * switch (compiled to a PC-relative jump table and `lea`s), so in a
 * position-independent executable the registry costs the dynamic loader
 * the same four relocations (its own pointers) however many modules it
 * lists: no relocation per module.  The init functions are declared with
 * hidden visibility, so the final link makes them local: they stay out of
 * the executable's dynamic symbol table, which --export-dynamic would
 * otherwise fill with one PyStatic_Init_* symbol per module.
 *
 * Format of the generated source (version PYSTATIC_REGISTRY_ABI), for
 * modules "a._speedups" and "b._speedups":
 *
 *     #include "pystatic/registry.h"
 *     PYSTATIC_DECLARE_INIT(PyStatic_Init_1a9_speedups);
 *     PYSTATIC_DECLARE_INIT(PyStatic_Init_1b9_speedups);
 *     static const char strings[] =
 *         "a._speedups\0"
 *         "//a:_speedups\0"
 *         "b._speedups\0"
 *         "//b:_speedups\0"
 *         "a\0"
 *         "b\0";
 *     static const PyStatic_Module modules[] = {
 *         {0, 11, 12, 0},       "a._speedups" (see the field list below;
 *         ...                   the generators write the name as a comment)
 *         {52, 1, 53, PYSTATIC_MODULE_PARENT},   "a", a parent package
 *     };
 *     static const PyStatic_Slot table[8] = {{hash, 1 + index}, ...};
 *     static PyStatic_InitFunc init_function(size_t index) {
 *         switch (index) {
 *         case 0: return PyStatic_Init_1a9_speedups;
 *         case 1: return PyStatic_Init_1b9_speedups;
 *         default: return NULL;      parents, and out of range
 *         }
 *     }
 *     const PyStatic_Registry pystatic_registry = {
 *         PYSTATIC_REGISTRY_ABI, 0x030C, 2, 2, modules, strings, 7, table,
 *         init_function,
 *     };
 *
 * `modules` holds `count` modules, sorted by strcmp() of their names
 * (bytewise UTF-8 order), no two with one name, then `parent_count` parent
 * packages: every proper dotted prefix of a module's name ("pkg" and
 * "pkg.sub" for "pkg.sub._mod") that is not itself a module, sorted the same
 * way, with flags PYSTATIC_MODULE_PARENT, no init function and the origin
 * of the empty string.  In `strings`, each module's name is followed by its
 * label, modules in order, then the parents' names; every string ends in a
 * NUL.
 * The count may be 0 (modules may then be NULL).
 *
 * The hash index (the same algorithm in registry.c, registry.bzl and
 * harness.py; tests/analysis/registry and tests/runtime check that the
 * generators write identical sources):
 *   - hash(name) mixes the name's UTF-8 bytes b[0..n) eight at a time
 *     (64-bit arithmetic, mod 2**64; word(i) and u32(i) are the
 *     little-endian integers of b[i..i+8) and b[i..i+4)):
 *         mix(h, w) = h' ^ (h' >> 32), where h' = (h ^ w) * HASH_MUL
 *         h = HASH_SEED ^ n
 *         n >= 8:     h = mix(h, word(i)) for i = 0, 8, 16, ... while
 *                     i + 8 < n; then h = mix(h, word(n - 8))
 *         4 <= n < 8: h = mix(h, u32(0) | u32(n - 4) << 32)
 *         1 <= n < 4: h = mix(h, b[0] | b[n >> 1] << 8 | b[n - 1] << 16)
 *         n == 0:     h = mix(h, 0)
 *         hash = h mod 2**32
 *     (the last word overlaps the one before it rather than padding, so
 *     no byte past the name is read; a name of 17 bytes costs 3 mixes);
 *   - the table has 2**k slots, the smallest power of two >= 2 * (count +
 *     parent_count) (1 slot when there are none), so it is at most half
 *     full and always has an empty slot; table_mask = 2**k - 1;
 *   - a name's first slot is (h ^ (h >> 16)) & table_mask; on a collision
 *     the next slot, (i + 1) & table_mask (linear probing);
 *   - entries are inserted in array order (modules, then parents), each
 *     into the first empty slot of its probe sequence; a slot holds the
 *     entry's full hash and 1 + its index in `modules` (0 = empty).
 * A lookup walks the probe sequence from the name's first slot until it
 * finds an entry with the same hash, length and bytes (a hit, or a parent
 * package), or an empty slot (a miss).  A miss, what every import of a
 * module that is not static pays, costs the hash of the name and, at most
 * half full, usually one or two slots; no string comparison unless two
 * full 32-bit hashes collide.
 *
 * The init symbol of a module is renamed at build time from PyInit_<short>
 * (or PyInitU_<punycode> for a non-ASCII short name) to the name produced by
 * init_symbol() in rules/private/naming.bzl: "PyStatic_Init_"
 * followed, for each dotted component, by its byte length in decimal and the
 * component itself; a component that is not plain ASCII [A-Za-z0-9_] is
 * written as "u", the length of its UTF-8 hex encoding, "_", and that hex.
 * So two modules with one short name in different packages never clash.
 */
#ifndef PYSTATIC_REGISTRY_H
#define PYSTATIC_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the layout below changes; the runtime refuses a registry
 * generated for another layout. */
#define PYSTATIC_REGISTRY_ABI 3

/* Opaque init function type: `PyObject *(void)` without needing Python.h. */
struct _object;
typedef struct _object *(*PyStatic_InitFunc)(void);

/* Hidden: the reference makes the linked definition hidden too (ELF takes
 * the most constraining visibility of all references), so the renamed init
 * functions are not exported by --export-dynamic.  Every one is defined in
 * an object linked into the same executable (py_static_extension's). */
#if defined(__GNUC__) && defined(__ELF__)
#define PYSTATIC_DECLARE_INIT(symbol) \
    extern __attribute__((visibility("hidden"))) struct _object *symbol(void)
#else
#define PYSTATIC_DECLARE_INIT(symbol) extern struct _object *symbol(void)
#endif

/* Entry flags. */
enum {
    /* The extension is itself a package: it was compiled from
     * pkg/__init__.c (e.g. by Cython) and is imported as `pkg`. */
    PYSTATIC_MODULE_IS_PACKAGE = 1u << 0,
    /* Not a module: a parent package of modules (after the modules). */
    PYSTATIC_MODULE_PARENT = 1u << 1,
};

/* The registry's hash of a name (see above). */
#define PYSTATIC_HASH_SEED 0x9E3779B97F4A7C15u
#define PYSTATIC_HASH_MUL 0xFF51AFD7ED558CCDu

typedef struct {
    uint32_t name;           /* offset in `strings` of the full dotted name,
                              * UTF-8, e.g. "pkg.sub._mod" */
    uint32_t name_len;       /* its length in bytes */
    uint32_t origin;         /* offset in `strings` of where it was built
                              * from, for diagnostics (PYSTATIC_DEBUG,
                              * _pystatic.module_info()), e.g.
                              * "//pkg/sub:_mod"; __spec__.origin is a path
                              * instead, see docs/runtime.md */
    uint32_t flags;          /* PYSTATIC_MODULE_* */
} PyStatic_Module;

typedef struct {
    uint32_t hash;           /* hash of the entry's name */
    uint32_t entry;          /* 1 + index in `modules`; 0: empty slot */
} PyStatic_Slot;

typedef struct {
    unsigned int abi;             /* PYSTATIC_REGISTRY_ABI */
    unsigned int python_version;  /* (major << 8) | minor the modules were
                                   * compiled for, e.g. 0x030C for 3.12 */
    size_t count;                 /* modules */
    size_t parent_count;          /* parent packages, after the modules */
    const PyStatic_Module *modules;
    const char *strings;
    uint32_t table_mask;          /* the table has table_mask + 1 slots */
    const PyStatic_Slot *table;
    /* The (renamed) init function of modules[index] for index < count;
     * NULL for a parent package (index >= count). */
    PyStatic_InitFunc (*init_function)(size_t index);
} PyStatic_Registry;

extern const PyStatic_Registry pystatic_registry;

#ifdef __cplusplus
}
#endif

#endif /* PYSTATIC_REGISTRY_H */
