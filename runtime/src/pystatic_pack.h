/*
 * Single-file mode, shared between its files (not installed; see
 * include/pystatic/pack.h for the format and docs/single_file.md):
 *
 *   pack.c            reading the pack: validation and binary searches
 *   pack_module.c     the `_pystatic_pack` built-in module: definition,
 *                     state, installation, the launcher's start-up hooks
 *   pack_importer.c   its PackedImporter type (finder and loader)
 *   pack_functions.c  its functions (_run_main, the packed tree, excepthook)
 *   pack_missing.c    stdlib modules left out of the pack: no spec, and an
 *                     import error that says how to keep them
 *   memfd.c           packed .so files loaded from memory
 *
 * Include Python.h before this header.
 */
#ifndef PYSTATIC_PACK_INTERNAL_H
#define PYSTATIC_PACK_INTERNAL_H

#include <stddef.h>

#include "pystatic/pack.h"

#define PYSTATIC_PACK_MODULE_NAME "_pystatic_pack"
#define PYSTATIC_PACK_WIDE_NAME L"_pystatic_pack"

typedef struct {
    const unsigned char *base;
    size_t size;
    const PyStatic_PackHeader *header;
    const PyStatic_PackModule *modules;
    const PyStatic_PackFile *files;
} pystatic_pack;

/* pack.c: no Python API, so tests and the launcher can use it before
 * Python starts. */

/* Checks everything about the pack at `data` (`size` bytes) that reading it
 * relies on: magic, layout version, Python version (`python_version`,
 * (major << 8) | minor, or 0 for any), bounds of every table, string and
 * content, strict order of names and paths, indexes.  Returns 0 and fills
 * `pack`, or -1 with a message in `err`. */
int pystatic_pack_open(pystatic_pack *pack, const void *data, size_t size,
                       unsigned int python_version, char *err,
                       size_t errsize);
/* The module named `name` (`len` bytes), or NULL. */
const PyStatic_PackModule *pystatic_pack_find_module(
    const pystatic_pack *pack, const char *name, size_t len);
/* The file at `path` (`len` bytes), or NULL. */
const PyStatic_PackFile *pystatic_pack_find_file(
    const pystatic_pack *pack, const char *path, size_t len);
/* Index of the first file whose path is >= `path` bytewise. */
size_t pystatic_pack_file_lower_bound(const pystatic_pack *pack,
                                      const char *path, size_t len);
/* 1: a file, 2: a directory (some file lies under `path` + "/"; "" is the
 * root), 0: neither. */
int pystatic_pack_path_kind(const pystatic_pack *pack, const char *path,
                            size_t len);

static inline const char *
pystatic_pack_bytes(const pystatic_pack *pack, uint32_t offset)
{
    return (const char *)pack->base + offset;
}

/* 0 for a file whose content is not carried (a source left out by
 * pack_sources): only its path is packed. */
static inline int
pystatic_pack_file_carried(const PyStatic_PackFile *f)
{
    return f->data_offset != PYSTATIC_PACK_NONE;
}

/* The pack linked into this executable (the weak pystatic_pack_data and
 * pystatic_pack_end symbols), or NULL size 0 if there is none. */
const unsigned char *pystatic_pack_linked(size_t *size);

/* pack_module.c */

/* The module's state, which PackedImporter's class methods reach through
 * their class (pystatic_pack_state_from_class). */
typedef struct {
    PyObject *importer_type;    /* PackedImporter */
    PyObject *module_spec;      /* importlib.machinery.ModuleSpec */
    PyObject *fix_co_filename;  /* _imp._fix_co_filename */
    PyObject *executable;       /* str: the executable's path */
} pystatic_pack_state;

/* Opens the linked pack for the launcher; 0, or -1 with a message. */
int pystatic_pack_init(char *err, size_t errsize);
/* The process-wide pack opened by pystatic_pack_init(), or NULL. */
const pystatic_pack *pystatic_pack_get(void);
/* The executable's path, for __file__ ("<exe>/<path>"); copied. */
int pystatic_pack_set_executable(const char *path);
PyObject *pystatic_pack_module_init(void);
/* The state of the `_pystatic_pack` module that defined `cls`; NULL with
 * an exception set. */
pystatic_pack_state *pystatic_pack_state_from_class(PyTypeObject *cls);
/* After the main phase of start-up: checks the bytecode magic (needs
 * importlib's external part on 3.10), installs the excepthook that shows
 * packed source lines (3.10-3.12).  0, or -1 with an exception set. */
int pystatic_pack_after_main_init(void);
/* One-phase start-up (3.14+, or -DPYSTATIC_SINGLE_FILE_FROZEN_STARTUP):
 * puts `encodings` and its submodules from the pack into
 * PyImport_FrozenModules.  0, or -1 out of memory or without a pack. */
int pystatic_pack_freeze_encodings(void);

/* pack_importer.c */

/* PackedImporter, created by the module's exec slot. */
extern PyType_Spec pystatic_pack_importer_spec;
/* A path of the packed tree as str (undecodable bytes surrogate-escaped). */
PyObject *pystatic_pack_decode_path(const char *path, size_t size);
/* "<executable>/<path>" of the module's file, or None (a directory). */
PyObject *pystatic_pack_origin(const pystatic_pack *pack,
                               pystatic_pack_state *state,
                               const PyStatic_PackModule *m);
/* The module's code object, unmarshalled from the pack, with co_filename
 * set to `origin` as SourceLoader does for a .pyc (_imp._fix_co_filename);
 * None if the module has no code.  NULL with an exception set. */
PyObject *pystatic_pack_load_code(const pystatic_pack *pack,
                                  pystatic_pack_state *state,
                                  const PyStatic_PackModule *m,
                                  PyObject *origin);
/* Runs `code` in `globals`, giving them __builtins__ first as exec() does.
 * 0, or -1 with an exception set. */
int pystatic_pack_run_code(PyObject *code, PyObject *globals);

/* pack_missing.c */

/* 1 if `fullname` is a stdlib module left out of the pack (pack_stdlib),
 * 0 otherwise (and for anything that is not a str, or no pack). */
int pystatic_pack_left_out(const pystatic_pack *pack, PyObject *fullname);
/* "No module named 'x': the stdlib has it, but ..." for the left-out
 * module `name`; NULL with an exception set. */
PyObject *pystatic_pack_left_out_message(PyObject *name);
/* After `_pystatic` (and its fast import path) is installed: wraps
 * importlib's _find_and_load so that a failed import of a left-out module
 * says how to keep it.  Nothing if the pack left nothing out.  0, or -1
 * with an exception set. */
int pystatic_pack_install_missing_hint(void);

/* pack_functions.c: the module's m_methods. */
extern PyMethodDef pystatic_pack_functions[];

#if PY_VERSION_HEX >= 0x030E0000 || defined(PYSTATIC_SINGLE_FILE_FROZEN_STARTUP)
#  define PYSTATIC_FROZEN_STARTUP 1
#else
#  define PYSTATIC_FROZEN_STARTUP 0
#endif

/* memfd.c: the module object of the packed extension `entry`, created
 * from its .so through memfd_create() + dlopen(), run through the
 * runtime's single-/multi-phase init code; NULL with ImportError set if
 * the .so cannot be loaded. */
PyObject *pystatic_pack_create_extension(const pystatic_pack *pack,
                                         const PyStatic_PackModule *entry,
                                         PyObject *name, PyObject *spec);

#endif /* PYSTATIC_PACK_INTERNAL_H */
