/*
 * Declarations shared by the runtime's translation units.  Not installed:
 * nothing outside runtime/src includes this header.  Every name here starts
 * with pystatic_ (internal, but visible to the linker) or is static inline.
 *
 * Include Python.h before this header.
 */
#ifndef PYSTATIC_INTERNAL_H
#define PYSTATIC_INTERNAL_H

#include <stdint.h>
#include <string.h>

#include "pystatic/runtime.h"

#if PY_VERSION_HEX < 0x030A0000
#  error "rules_pystatic's runtime needs the headers of CPython 3.10 or newer"
#endif

/* registry.c: lookups in pystatic_registry through its hash index (see
 * pystatic/registry.h). */
/* What start-up checks: layout, Python version and table size always;
 * order, duplicates and the index too where asserts are on or
 * PYSTATIC_DEBUG is set. */
int pystatic_check_registry_at_startup(char *err, size_t errsize);
/* The module named `name` (NUL-terminated), or NULL. */
const PyStatic_Module *pystatic_registry_find(const char *name);
/* 1 if `name` is not a registered module but some registered module's
 * name starts with `name` followed by '.' (so `name` is a parent package
 * the finder serves when nothing on disk does), else 0. */
int pystatic_registry_is_parent(const char *name, size_t len);
/* Both at once, with one probe: the module named by the `len` bytes at
 * `name`, or NULL with *is_parent set to whether `name` is a parent
 * package of registered names. */
const PyStatic_Module *pystatic_registry_lookup(const char *name, size_t len,
                                                int *is_parent);
/* The entry, module or parent package, named by `len` bytes at `key`. */
const PyStatic_Module *pystatic_registry_probe(
    const PyStatic_Registry *registry, const char *key, size_t len);

/* An entry's full dotted name and its label, NUL-terminated. */
static inline const char *
pystatic_entry_name(const PyStatic_Module *entry)
{
    return pystatic_registry.strings + entry->name;
}

static inline const char *
pystatic_entry_origin(const PyStatic_Module *entry)
{
    return pystatic_registry.strings + entry->origin;
}

size_t pystatic_registry_index(const PyStatic_Module *entry);

/* A module's init function (the registry's generated switch). */
static inline PyStatic_InitFunc
pystatic_entry_init(const PyStatic_Module *entry)
{
    return pystatic_registry.init_function(pystatic_registry_index(entry));
}

#if PY_VERSION_HEX < 0x030F0000
/* pkgcontext.c (3.10-3.14 only): sets CPython's package context (the full dotted name a
 * single-phase module created during init takes if its m_name is the short
 * name) and returns the previous one, on every supported version. */
const char *pystatic_swap_package_context(const char *context);
/* 0 if a single-phase module may be loaded in the current interpreter,
 * else -1 with ImportError set (3.12+; always 0 before, as in CPython). */
int pystatic_check_singlephase_allowed(const char *name);
#endif

/* initfunc.c: runs an init function (a linked module's, from the registry,
 * or a packed .so's, from dlsym) with the package context set to `name` and
 * classifies the result the way CPython's importdl.c does. */
typedef enum {
    PYSTATIC_INIT_ERROR = -1,      /* exception set, nothing returned */
    PYSTATIC_INIT_SINGLEPHASE = 1, /* *result is a new module object */
    PYSTATIC_INIT_MULTIPHASE = 2,  /* *result is a borrowed PyModuleDef */
} pystatic_init_kind;

pystatic_init_kind pystatic_run_init(PyStatic_InitFunc init, PyObject *name,
                                     PyObject **result);

#if PY_VERSION_HEX >= 0x030F0000
/* initfunc.c (3.15+): the module created from `init` and the spec, as
 * CPython's loader would (PyImport_CreateModuleFromInitfunc()); *how says
 * which kind of init it was, for PYSTATIC_DEBUG. */
PyObject *pystatic_create_from_initfunc(PyStatic_InitFunc init,
                                        PyObject *name, PyObject *spec,
                                        const char **how);
#else

/* singlephase.c (3.10-3.14; CPython does it on 3.15+): the bookkeeping CPython's loader does after a
 * single-phase init (sys.modules, PyState_AddModule, the copy of the
 * module's dict for modules with m_size == -1), and re-import from that
 * copy.  `entry` is NULL for a module that is not in the registry (a packed
 * .so): it gets the same bookkeeping but no dict copy, so a re-import runs
 * its init again. */
PyObject *pystatic_singlephase_finish(const PyStatic_Module *entry,
                                      PyObject *name, PyObject *module,
                                      PyObject *origin);
/* New reference to a module re-created from the cached copy of its dict,
 * NULL with no exception set if there is no copy, NULL with an exception
 * set on error. */
PyObject *pystatic_singlephase_from_cache(const PyStatic_Module *entry,
                                          PyObject *name);
void pystatic_singlephase_clear_cache(void);
#endif

/* multiphase.c: PEP 489 create and exec through the public API. */
PyObject *pystatic_multiphase_create(const PyStatic_Module *entry,
                                     PyModuleDef *def, PyObject *spec);
int pystatic_exec_module(PyObject *module);



/* finder.c: find_spec; `state` is the _pystatic module state. */
typedef struct {
    PyObject *importer_type;  /* StaticExtensionImporter */
    PyObject *module_spec;    /* importlib.machinery.ModuleSpec */
    PyObject *path_finder;    /* importlib.machinery.PathFinder */
    PyObject *ext_suffix;     /* importlib.machinery.EXTENSION_SUFFIXES[0] */
    PyObject *str_name;       /* "name" and "origin", interned */
    PyObject *str_origin;
    PyObject *spec_template;  /* (attribute, value) pairs to fill a spec
                               * with (finder.c), or NULL */
    int spec_kinds[32];       /* how to fill each of them */
    PyObject *shadowed;       /* set of registered names that built-in or
                               * frozen modules may serve first, or NULL */
} pystatic_state;

PyObject *pystatic_find_spec(pystatic_state *state, PyObject *fullname,
                             PyObject *path);
/* The same for a name already looked up: `entry` is its registry entry, or
 * NULL for a parent package of registered names. */
PyObject *pystatic_find_spec_of_entry(pystatic_state *state,
                                      const PyStatic_Module *entry,
                                      PyObject *fullname, PyObject *path);
/* At _pystatic's exec, after the fields above it are set: 0, or -1 with an
 * exception set. */
int pystatic_finder_make_template(pystatic_state *state);

/* loader.c: the loader's create_module for a registered module. */
PyObject *pystatic_create_module(pystatic_state *state, PyObject *spec);
/* The same for a spec whose name and registry entry the caller has (the
 * fast path, with the spec it has just made). */
PyObject *pystatic_create_module_of_entry(pystatic_state *state,
                                          const PyStatic_Module *entry,
                                          PyObject *name, PyObject *spec);
int pystatic_finder_find_shadowed(pystatic_state *state);

/* fastpath.c: replaces importlib._bootstrap._find_and_load by the fast
 * path for static modules (docs/runtime.md), unless it is switched off or
 * this Python's importlib is not one it knows: 0, or -1 with an exception
 * set. */
int pystatic_fastpath_install(PyObject *pystatic_module);

/* module.c */
const char *pystatic_module_root(void);

/* debug.c: PYSTATIC_DEBUG. */
int pystatic_debug_enabled(void);
/* Reads PYSTATIC_DEBUG and removes it from the environment (the launcher,
 * before Python starts): it is for this process, not its children. */
void pystatic_debug_take_from_environment(void);
void pystatic_debug_report_registry(void);
void pystatic_mark_imported(const PyStatic_Module *entry, const char *how);
/* create_module() made `module` for `entry`: it is marked imported when
 * exec_module() has run on it (at once if it is not a module object). */
void pystatic_mark_created(const PyStatic_Module *entry, PyObject *module,
                           const char *how);
/* After exec_module() on `module`: ok, or failed with an exception set
 * (which it keeps).  Marks or reports the module created for it, if any. */
void pystatic_exec_finished(PyObject *module, int ok);
/* The same when the caller knows the entry create_module() made `module`
 * for (the fast path): no lookup through module.__spec__. */
void pystatic_exec_finished_entry(const PyStatic_Module *entry,
                                  PyObject *module, int ok);
int pystatic_was_imported(const PyStatic_Module *entry);
/* With an exception set: reports that `entry` failed to import. */
void pystatic_debug_failed(const PyStatic_Module *entry);

/* Process-wide lock for the little C state the runtime keeps (caches,
 * import marks); never held while calling into Python. */
void pystatic_lock(void);
void pystatic_unlock(void);

/* site_builtins.c: exit, quit and help in builtins for a start-up without
 * site, made from _sitebuiltins on first use; 0, or -1 with an exception. */
int pystatic_install_site_builtins(void);

#endif /* PYSTATIC_INTERNAL_H */
