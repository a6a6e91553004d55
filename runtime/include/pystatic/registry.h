/*
 * The registry: every extension module linked into a static binary, by its
 * full dotted name.
 *
 * One translation unit per binary defines `pystatic_registry`.  It is
 * generated at build time (by rules/private/registry.bzl under Bazel, and by
 * tests/runtime/harness for the runtime tests) so a binary spends nothing at
 * start-up registering modules.  The generated file needs no Python headers:
 * init functions are declared with the opaque PyStatic_InitFunc type below.
 *
 * Format of the generated source (version PYSTATIC_REGISTRY_ABI):
 *
 *     #include "pystatic/registry.h"
 *     PYSTATIC_DECLARE_INIT(PyStatic_Init_1a9_speedups);
 *     PYSTATIC_DECLARE_INIT(PyStatic_Init_1b9_speedups);
 *     static const PyStatic_Module modules[] = {
 *         {"a._speedups", PyStatic_Init_1a9_speedups, "//a:_speedups", 0},
 *         {"b._speedups", PyStatic_Init_1b9_speedups, "//b:_speedups", 0},
 *     };
 *     const PyStatic_Registry pystatic_registry = {
 *         PYSTATIC_REGISTRY_ABI, 0x030C, 2, modules,
 *     };
 *
 * Invariants the generator guarantees (the runtime asserts them in debug
 * builds and relies on them for O(log n) lookup):
 *   - `modules` is sorted by strcmp() of `name` (bytewise UTF-8 order);
 *   - no two entries share a name;
 *   - `count` is the number of entries (0 is allowed; `modules` may then be
 *     NULL).
 *
 * The init symbol of a module is renamed at build time from PyInit_<short>
 * (or PyInitU_<punycode> for a non-ASCII short name) to the name produced by
 * pystatic_init_symbol() in tools/isolate_extension: "PyStatic_Init_"
 * followed, for each dotted component, by its byte length in decimal and the
 * component itself; a component that is not plain ASCII [A-Za-z0-9_] is
 * written as "u", the length of its UTF-8 hex encoding, "_", and that hex.
 * So two modules with one short name in different packages never clash.
 */
#ifndef PYSTATIC_REGISTRY_H
#define PYSTATIC_REGISTRY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever the layout below changes; the runtime refuses a registry
 * generated for another layout. */
#define PYSTATIC_REGISTRY_ABI 1

/* Opaque init function type: `PyObject *(void)` without needing Python.h. */
struct _object;
typedef struct _object *(*PyStatic_InitFunc)(void);

#define PYSTATIC_DECLARE_INIT(symbol) extern struct _object *symbol(void)

/* Entry flags. */
enum {
    /* The extension is itself a package: it was compiled from
     * pkg/__init__.c (e.g. by Cython) and is imported as `pkg`. */
    PYSTATIC_MODULE_IS_PACKAGE = 1u << 0,
};

typedef struct {
    const char *name;        /* full dotted name, UTF-8, e.g. "pkg.sub._mod" */
    PyStatic_InitFunc init;  /* the (renamed) init function */
    const char *origin;      /* where it was built from, for diagnostics
                              * (PYSTATIC_DEBUG, _pystatic.module_info()),
                              * e.g. "//pkg/sub:_mod"; __spec__.origin is a
                              * path instead, see docs/runtime.md */
    unsigned int flags;      /* PYSTATIC_MODULE_* */
} PyStatic_Module;

typedef struct {
    unsigned int abi;             /* PYSTATIC_REGISTRY_ABI */
    unsigned int python_version;  /* (major << 8) | minor the modules were
                                   * compiled for, e.g. 0x030C for 3.12 */
    size_t count;
    const PyStatic_Module *modules;
} PyStatic_Registry;

extern const PyStatic_Registry pystatic_registry;

#ifdef __cplusplus
}
#endif

#endif /* PYSTATIC_REGISTRY_H */
