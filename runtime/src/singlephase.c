/*
 * Single-phase init: what CPython's loader does once the init function has
 * returned a module (Python/import.c, _PyImport_FixupExtensionObject in
 * 3.10-3.12, fix_up_extension in 3.13):
 *
 *   - the module is refused in an interpreter that does not allow
 *     single-phase modules (3.12+);
 *   - __file__ is set to the spec's origin;
 *   - the module goes into sys.modules under its full name and into the
 *     interpreter's modules_by_index (so PyState_FindModule() finds it);
 *   - for a module with m_size == -1 (global state: it "cannot be
 *     re-initialized"), a copy of its dict is kept, and a later import of
 *     the same name, after `del sys.modules[name]`, builds a new module
 *     from that copy instead of running init again.  Modules with
 *     m_size >= 0 run their init again, as in CPython.
 *
 * CPython keeps these copies in its private extensions cache, keyed by
 * file name; ours are kept here, one slot per registry entry, and only for
 * modules first imported by the main interpreter (so no copy outlives the
 * interpreter that owns its objects).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <assert.h>

#include "pystatic_internal.h"

#if PY_VERSION_HEX < 0x030F0000

/* The copy is the dict's items, not a dict: a dict would be one more
 * object for the cyclic garbage collector to count and traverse, per
 * module and for the life of the process, and nothing but this cache ever
 * refers to it (so it could never be part of a cycle). */
typedef struct {
    PyModuleDef *def;
    Py_ssize_t size;    /* number of items */
    PyObject **items;   /* key, value, key, value...: owned by the main
                         * interpreter; NULL if no copy */
} cached_dict;

static cached_dict *cache;  /* pystatic_registry.count slots, or NULL */

static int
is_main_interpreter(void)
{
    return PyInterpreterState_Get() == PyInterpreterState_Main();
}

/* Puts `module` into the interpreter's modules_by_index, then into
 * sys.modules: the last step that can fail, so a failure leaves no entry. */
static int
register_module(PyObject *name, PyObject *module, PyModuleDef *def)
{
    /* An init function may have called PyState_AddModule() itself, and a
     * second call for the same module is a fatal error. */
    PyObject *known = PyState_FindModule(def);      /* borrowed */
    if (known == NULL && PyErr_Occurred()) {
        return -1;
    }
    if (known != module && PyState_AddModule(module, def) < 0) {
        return -1;
    }
    PyObject *modules = PyImport_GetModuleDict();   /* borrowed */
    return PyObject_SetItem(modules, name, module);
}

/* Allocates the slots once; 0, or -1 with MemoryError set. */
static int
ensure_cache(void)
{
    int ok;
    pystatic_lock();
    if (cache == NULL) {
        cache = PyMem_RawCalloc(pystatic_registry.count, sizeof(cached_dict));
    }
    ok = cache != NULL;
    pystatic_unlock();
    if (!ok) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void
free_items(PyObject **items, Py_ssize_t size)
{
    if (items == NULL) {
        return;
    }
    for (Py_ssize_t i = 0; i < 2 * size; i++) {
        Py_DECREF(items[i]);
    }
    PyMem_RawFree(items);
}

/* The items of `dict`, in order, as new references: a cached_dict's
 * items (*size of them), or NULL with MemoryError set. */
static PyObject **
copy_items(PyObject *dict, Py_ssize_t *size)
{
    Py_ssize_t n = PyDict_GET_SIZE(dict);
    PyObject **items = PyMem_RawMalloc(
        (size_t)(n > 0 ? 2 * n : 1) * sizeof(PyObject *));
    if (items == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    Py_ssize_t pos = 0, i = 0;
    PyObject *key, *value;
    while (i < n && PyDict_Next(dict, &pos, &key, &value)) {
        items[2 * i] = Py_NewRef(key);
        items[2 * i + 1] = Py_NewRef(value);
        i++;
    }
    *size = i;
    return items;
}

/* Stores the copy of a module's dict in the entry's slot (steals `items`);
 * ensure_cache() must have succeeded. */
static void
cache_copy(const PyStatic_Module *entry, PyModuleDef *def, PyObject **items,
           Py_ssize_t size)
{
    size_t i = pystatic_registry_index(entry);
    PyObject **old;
    Py_ssize_t old_size;

    pystatic_lock();
    assert(cache != NULL);
    old = cache[i].items;
    old_size = cache[i].size;
    cache[i].def = def;
    cache[i].items = items;
    cache[i].size = size;
    pystatic_unlock();
    free_items(old, old_size);
}

PyObject *
pystatic_singlephase_finish(const PyStatic_Module *entry, PyObject *name,
                            PyObject *module, PyObject *origin)
{
    PyModuleDef *def;
    PyObject **copy = NULL;
    Py_ssize_t copy_size = 0;
    const char *name_utf8 = PyUnicode_AsUTF8(name);

    if (name_utf8 == NULL
        || pystatic_check_singlephase_allowed(name_utf8) < 0) {
        goto error;
    }
    def = PyModule_GetDef(module);
    if (def == NULL) {
        PyErr_Format(PyExc_SystemError,
                     "initialization of %s did not return an extension "
                     "module", name_utf8);
        goto error;
    }
    if (origin != NULL && origin != Py_None) {
        /* PyModule_AddObjectRef(module, "__file__", origin) is this store
         * with the key made and interned for every call (about 700
         * instructions); the same interned key, made once (interned
         * strings are immortal or shared by every interpreter on the
         * versions supported). */
        static PyObject *str_file;
        if (str_file == NULL) {
            str_file = PyUnicode_InternFromString("__file__");
        }
        PyObject *dict = PyModule_GetDict(module);      /* borrowed */
        if (str_file == NULL || dict == NULL
            || PyDict_SetItem(dict, str_file, origin) < 0) {
            PyErr_Clear();  /* Not important enough to report, as CPython */
        }
    }
    if (entry != NULL && def->m_size == -1 && is_main_interpreter()) {
        if (ensure_cache() < 0) {
            goto error;
        }
        copy = copy_items(PyModule_GetDict(module), &copy_size);
        if (copy == NULL) {
            goto error;
        }
    }
    if (register_module(name, module, def) < 0) {
        goto error;
    }
    if (copy != NULL) {
        cache_copy(entry, def, copy, copy_size);
    }
    return module;

error:
    free_items(copy, copy_size);
    Py_DECREF(module);
    return NULL;
}

PyObject *
pystatic_singlephase_from_cache(const PyStatic_Module *entry, PyObject *name)
{
    PyModuleDef *def = NULL;
    PyObject **copy = NULL;
    Py_ssize_t size = 0;
    PyObject *module = NULL;
    size_t i = pystatic_registry_index(entry);

    /* The items are taken with new references under the lock: another
     * thread may replace the copy meanwhile. */
    pystatic_lock();
    if (cache != NULL && cache[i].items != NULL) {
        def = cache[i].def;
        size = cache[i].size;
        copy = PyMem_RawMalloc((size_t)(size > 0 ? 2 * size : 1)
                               * sizeof(PyObject *));
        for (Py_ssize_t k = 0; copy != NULL && k < 2 * size; k++) {
            copy[k] = Py_NewRef(cache[i].items[k]);
        }
        if (copy == NULL) {
            size = -1;
        }
    }
    pystatic_unlock();
    if (size < 0) {
        PyErr_NoMemory();
        return NULL;
    }
    if (copy == NULL) {
        return NULL;
    }
    /* A module imported before may still be refused here (3.12+): the
     * interpreter asking may be an isolated subinterpreter. */
    if (pystatic_check_singlephase_allowed(pystatic_entry_name(entry)) < 0) {
        goto error;
    }
    module = PyModule_NewObject(name);
    if (module == NULL) {
        goto error;
    }
    /* As PyDict_Update(module.__dict__, copy). */
    PyObject *dict = PyModule_GetDict(module);      /* borrowed */
    for (Py_ssize_t k = 0; k < size; k++) {
        if (PyDict_SetItem(dict, copy[2 * k], copy[2 * k + 1]) < 0) {
            goto error;
        }
    }
    if (register_module(name, module, def) < 0) {
        goto error;
    }
    free_items(copy, size);
    return module;

error:
    Py_XDECREF(module);
    free_items(copy, size);
    return NULL;
}

void
pystatic_singlephase_clear_cache(void)
{
    cached_dict *old;

    assert(is_main_interpreter());
    pystatic_lock();
    old = cache;
    cache = NULL;
    pystatic_unlock();
    if (old == NULL) {
        return;
    }
    for (size_t i = 0; i < pystatic_registry.count; i++) {
        free_items(old[i].items, old[i].size);
    }
    PyMem_RawFree(old);
}

#endif /* < 3.15 */
