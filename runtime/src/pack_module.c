/*
 * The built-in module `_pystatic_pack` of a single-file binary: its
 * definition and state, the process-wide pack, and the start-up hooks the
 * launcher calls (launcher.c):
 *
 *   pystatic_pack_init()              opens the pack linked into the
 *                                     executable, before Python starts
 *   pystatic_pack_freeze_encodings()  one-phase start-up (3.14+): serves
 *                                     `encodings` as frozen modules
 *   pystatic_pack_module_init()       the inittab entry; the exec slot
 *                                     creates PackedImporter
 *                                     (pack_importer.c) and puts it into
 *                                     sys.meta_path
 *   pystatic_pack_after_main_init()   bytecode magic check, excepthook
 *
 * The module's functions are in pack_functions.c.  The launcher imports
 * this module between the core and main phases of start-up, so every
 * stdlib module, `encodings` included, comes from the executable.  See
 * docs/single_file.md.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pystatic_pack.h"

static PyModuleDef pack_moduledef;
/* One pack per process, opened before Python starts and never closed: it
 * is part of the executable's mapping. */
static pystatic_pack the_pack;
static int the_pack_is_open;
static char *executable_path;

int
pystatic_pack_init(char *err, size_t errsize)
{
    size_t size;
    const unsigned char *data = pystatic_pack_linked(&size);
    if (pystatic_pack_open(&the_pack, data, size,
                           (PY_MAJOR_VERSION << 8) | PY_MINOR_VERSION,
                           err, errsize) < 0) {
        return -1;
    }
    the_pack_is_open = 1;
    return 0;
}

const pystatic_pack *
pystatic_pack_get(void)
{
    return the_pack_is_open ? &the_pack : NULL;
}

int
pystatic_pack_set_executable(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL) {
        return -1;
    }
    free(executable_path);
    executable_path = copy;
    return 0;
}

pystatic_pack_state *
pystatic_pack_state_from_class(PyTypeObject *cls)
{
    /* PyType_GetModuleByDef() is public from 3.11 and also finds the
     * module from a subclass; 3.10's PyType_GetModule() finds it from
     * PackedImporter itself only. */
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *module = PyType_GetModuleByDef(cls, &pack_moduledef);
#else
    PyObject *module = PyType_GetModule(cls);
#endif
    if (module == NULL) {
        return NULL;
    }
    return (pystatic_pack_state *)PyModule_GetState(module);
}

/* ---- installation ----------------------------------------------------- */

/* Into sys.meta_path before PathFinder, or at the end while there is none
 * (the core phase of start-up), unless it is already there. */
static int
install_finder(pystatic_pack_state *state)
{
    PyObject *meta_path = PySys_GetObject("meta_path");     /* borrowed */
    if (meta_path == NULL || !PyList_Check(meta_path)) {
        PyErr_SetString(PyExc_ImportError,
                        "_pystatic_pack: sys.meta_path is missing or not a "
                        "list");
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(meta_path);
    Py_ssize_t where = n;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(meta_path, i);
        if (!PyType_Check(item)) {
            continue;
        }
        const char *tp_name = ((PyTypeObject *)item)->tp_name;
        if (strcmp(tp_name, pystatic_pack_importer_spec.name) == 0) {
            return 0;
        }
        if (strcmp(tp_name, "PathFinder") == 0 && where == n) {
            where = i;
        }
    }
    return PyList_Insert(meta_path, where, state->importer_type);
}

static int
pack_exec(PyObject *module)
{
    pystatic_pack_state *state = PyModule_GetState(module);
    PyObject *bootstrap = NULL, *imp = NULL;

    if (!the_pack_is_open || executable_path == NULL) {
        PyErr_SetString(PyExc_ImportError,
                        "_pystatic_pack: this executable has no packed "
                        "program (build it with single_file = True)");
        goto error;
    }
    state->executable = PyUnicode_DecodeFSDefault(executable_path);
    if (state->executable == NULL) {
        goto error;
    }
    state->importer_type = PyType_FromModuleAndSpec(
        module, &pystatic_pack_importer_spec, NULL);
    if (state->importer_type == NULL) {
        goto error;
    }
    if (PyModule_AddObjectRef(module, "PackedImporter",
                              state->importer_type) < 0) {
        goto error;
    }
    bootstrap = PyImport_ImportModule("_frozen_importlib");
    if (bootstrap == NULL) {
        goto error;
    }
    state->module_spec = PyObject_GetAttrString(bootstrap, "ModuleSpec");
    if (state->module_spec == NULL) {
        goto error;
    }
    imp = PyImport_ImportModule("_imp");
    if (imp == NULL) {
        goto error;
    }
    state->fix_co_filename = PyObject_GetAttrString(imp,
                                                    "_fix_co_filename");
    if (state->fix_co_filename == NULL) {
        goto error;
    }
    if (install_finder(state) < 0) {
        goto error;
    }
    Py_DECREF(bootstrap);
    Py_DECREF(imp);
    return 0;

error:
    Py_XDECREF(bootstrap);
    Py_XDECREF(imp);
    return -1;
}

static int
pack_traverse(PyObject *module, visitproc visit, void *arg)
{
    pystatic_pack_state *state = PyModule_GetState(module);
    Py_VISIT(state->importer_type);
    Py_VISIT(state->module_spec);
    Py_VISIT(state->fix_co_filename);
    Py_VISIT(state->executable);
    return 0;
}

static int
pack_clear(PyObject *module)
{
    pystatic_pack_state *state = PyModule_GetState(module);
    Py_CLEAR(state->importer_type);
    Py_CLEAR(state->module_spec);
    Py_CLEAR(state->fix_co_filename);
    Py_CLEAR(state->executable);
    return 0;
}

static void
pack_free(void *module)
{
    pack_clear((PyObject *)module);
}

static PyModuleDef_Slot pack_slots[] = {
    {Py_mod_exec, pack_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL},
};

static PyModuleDef pack_moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = PYSTATIC_PACK_MODULE_NAME,
    .m_doc = PyDoc_STR("Imports the Python modules packed into this "
                       "executable (rules_pystatic single-file mode)."),
    .m_size = sizeof(pystatic_pack_state),
    .m_methods = pystatic_pack_functions,
    .m_slots = pack_slots,
    .m_traverse = pack_traverse,
    .m_clear = pack_clear,
    .m_free = pack_free,
};

PyObject *
pystatic_pack_module_init(void)
{
    return PyModuleDef_Init(&pack_moduledef);
}

int
pystatic_pack_after_main_init(void)
{
    long magic = PyImport_GetMagicNumber();
    if (magic == -1 && PyErr_Occurred()) {
        return -1;
    }
    if ((uint32_t)magic != the_pack.header->bytecode_magic) {
        PyErr_Format(PyExc_ImportError,
                     "the packed bytecode has magic number %lu, this "
                     "interpreter reads %ld; rebuild the binary with the "
                     "toolchain's own interpreter",
                     (unsigned long)the_pack.header->bytecode_magic, magic);
        return -1;
    }
#if PY_VERSION_HEX < 0x030D0000
    PyObject *module = PyImport_ImportModule(PYSTATIC_PACK_MODULE_NAME);
    if (module == NULL) {
        return -1;
    }
    PyObject *hook = PyObject_GetAttrString(module, "_excepthook");
    Py_DECREF(module);
    if (hook == NULL) {
        return -1;
    }
    int rc = PySys_SetObject("excepthook", hook);
    Py_DECREF(hook);
    if (rc < 0) {
        return -1;
    }
#endif
    return 0;
}

/* `encodings` or one of its submodules, with code that fits the frozen
 * table's int size. */
static int
is_frozen_encodings(const PyStatic_PackModule *m)
{
    const char *name = pystatic_pack_bytes(&the_pack, m->name_offset);
    return m->code_size > 0 && m->code_size <= INT_MAX
           && (m->name_size == 9 || (m->name_size > 9 && name[9] == '.'))
           && memcmp(name, "encodings", 9) == 0;
}

/* For a start-up in one phase (CPython 3.14+, which removed
 * _Py_InitializeMain(); or any version built with
 * -DPYSTATIC_SINGLE_FILE_FROZEN_STARTUP, which is how it is tested):
 * `encodings` and its submodules, which CPython imports before anything
 * could install the packed importer, are served from the pack as frozen
 * modules.  The table is CPython's current one plus ours; it lives as
 * long as the process. */
int
pystatic_pack_freeze_encodings(void)
{
    size_t existing = 0, ours = 0, n = 0;
    const struct _frozen *old = PyImport_FrozenModules;

    if (!the_pack_is_open) {
        return -1;
    }
    while (old != NULL && old[existing].name != NULL) {
        existing++;
    }
    for (uint32_t i = 0; i < the_pack.header->module_count; i++) {
        const PyStatic_PackModule *m = &the_pack.modules[i];
        if (is_frozen_encodings(m)) {
            ours++;
        }
    }
    struct _frozen *table = calloc(existing + ours + 1, sizeof *table);
    if (table == NULL) {
        return -1;
    }
    for (size_t i = 0; i < existing; i++) {
        table[n++] = old[i];
    }
    for (uint32_t i = 0; i < the_pack.header->module_count; i++) {
        const PyStatic_PackModule *m = &the_pack.modules[i];
        if (!is_frozen_encodings(m)) {
            continue;
        }
        const char *name = pystatic_pack_bytes(&the_pack, m->name_offset);
        char *copy = strndup(name, m->name_size);
        if (copy == NULL) {
            goto error;
        }
        table[n].name = copy;
        table[n].code = (const unsigned char *)pystatic_pack_bytes(
            &the_pack, m->code_offset);
#if PY_VERSION_HEX >= 0x030B0000
        table[n].size = (int)m->code_size;
        table[n].is_package = (m->flags & PYSTATIC_PACK_PACKAGE) != 0;
#else
        /* 3.10: a package is a negative size. */
        table[n].size = (m->flags & PYSTATIC_PACK_PACKAGE)
                        ? -(int)m->code_size : (int)m->code_size;
#endif
        n++;
    }
    PyImport_FrozenModules = table;
    return 0;

error:
    for (size_t i = existing; i < n; i++) {
        free((char *)table[i].name);
    }
    free(table);
    return -1;
}
