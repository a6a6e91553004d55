/*
 * The loader's create_module() for a module in the registry: the
 * counterpart of _imp.create_dynamic().
 *
 *   1. a single-phase module with m_size == -1 imported before is rebuilt
 *      from the copy of its dict (singlephase.c);
 *   2. otherwise its init function runs with the package context set
 *      (initfunc.c), and the result is finished as a multi-phase
 *      (multiphase.c) or single-phase (singlephase.c) module.
 *
 * On 3.15+, CPython's PyImport_CreateModuleFromInitfunc() does steps 1-2
 * (package context, dict copies in its own extensions cache, the
 * subinterpreter checks) and the single-phase bookkeeping: the runtime
 * uses no private CPython symbol there (initfunc.c).
 *
 * A failure at any step leaves nothing in sys.modules (the module is
 * inserted only once it is complete), so importing again retries.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <assert.h>
#include <string.h>

#include "pystatic_internal.h"

static const PyStatic_Module *
entry_for_spec(pystatic_state *state, PyObject *spec, PyObject **name)
{
    *name = PyObject_GetAttr(spec, state->str_name);
    if (*name == NULL) {
        return NULL;
    }
    if (!PyUnicode_Check(*name)) {
        PyErr_Format(PyExc_TypeError, "spec.name must be a str, not %.100s",
                     Py_TYPE(*name)->tp_name);
        Py_CLEAR(*name);
        return NULL;
    }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(*name, &size);
    if (utf8 == NULL) {
        Py_CLEAR(*name);
        return NULL;
    }
    int is_parent;
    return pystatic_registry_lookup(utf8, (size_t)size, &is_parent);
}

#if PY_VERSION_HEX < 0x030F0000
/* Whether the last component of a dotted name is ASCII, i.e. CPython would
 * look for PyInit_<short> rather than PyInitU_<punycode>. */
static int
short_name_is_ascii(const char *name)
{
    const char *dot = strrchr(name, '.');
    for (const char *p = dot != NULL ? dot + 1 : name; *p != '\0'; p++) {
        if ((unsigned char)*p >= 0x80) {
            return 0;
        }
    }
    return 1;
}
#endif

#if PY_VERSION_HEX >= 0x030F0000

static PyObject *
create_registered(pystatic_state *state, const PyStatic_Module *entry,
                  PyObject *name, PyObject *spec)
{
    const char *how = NULL;

    (void)state;
    PyObject *module = pystatic_create_from_initfunc(
        pystatic_entry_init(entry), name, spec, &how);
    if (module == NULL) {
        return NULL;
    }
    /* A multi-phase module is imported only once its exec slots ran. */
    if (strncmp(how, "multi-phase", 11) == 0) {
        pystatic_mark_created(entry, module, how);
    }
    else {
        pystatic_mark_imported(entry, how);
    }
    return module;
}

#else

static PyObject *
create_registered(pystatic_state *state, const PyStatic_Module *entry,
                  PyObject *name, PyObject *spec)
{
    PyObject *module = NULL;
    PyObject *origin = NULL;
    PyObject *result;

    module = pystatic_singlephase_from_cache(entry, name);
    if (module != NULL) {
        pystatic_mark_imported(entry, "single-phase, from the dict copy");
        return module;
    }
    if (PyErr_Occurred()) {
        return NULL;
    }

    switch (pystatic_run_init(pystatic_entry_init(entry), name, &result)) {
    case PYSTATIC_INIT_MULTIPHASE:
        module = pystatic_multiphase_create(entry, (PyModuleDef *)result,
                                            spec);
        if (module != NULL) {
            /* Imported only once its exec slots ran (exec_module). */
            pystatic_mark_created(entry, module, "multi-phase");
        }
        return module;
    case PYSTATIC_INIT_SINGLEPHASE:
        if (!short_name_is_ascii(pystatic_entry_name(entry))) {
            /* As importdl.c: only multi-phase init for PyInitU_ names. */
            Py_DECREF(result);
            PyErr_Format(PyExc_SystemError,
                         "initialization of %s did not return PyModuleDef",
                         pystatic_entry_name(entry));
            return NULL;
        }
        origin = PyObject_GetAttr(spec, state->str_origin);
        if (origin == NULL) {
            Py_DECREF(result);
            return NULL;
        }
        module = pystatic_singlephase_finish(entry, name, result, origin);
        Py_DECREF(origin);
        if (module != NULL) {
            pystatic_mark_imported(entry, "single-phase");
        }
        return module;
    case PYSTATIC_INIT_ERROR:
        break;
    }
    assert(PyErr_Occurred());
    return NULL;
}

#endif

PyObject *
pystatic_create_module_of_entry(pystatic_state *state,
                                const PyStatic_Module *entry, PyObject *name,
                                PyObject *spec)
{
    PyObject *module = create_registered(state, entry, name, spec);
    if (module == NULL) {
        pystatic_debug_failed(entry);
    }
    return module;
}

PyObject *
pystatic_create_module(pystatic_state *state, PyObject *spec)
{
    PyObject *name = NULL;
    PyObject *module = NULL;

    const PyStatic_Module *entry = entry_for_spec(state, spec, &name);
    if (entry == NULL) {
        if (name == NULL) {
            return NULL;
        }
        const char *utf8 = PyUnicode_AsUTF8(name);
        if (utf8 != NULL && pystatic_registry_is_parent(utf8, strlen(utf8))) {
            /* A parent package we serve: the default module object. */
            Py_DECREF(name);
            Py_RETURN_NONE;
        }
        if (!PyErr_Occurred()) {
            PyObject *msg = PyUnicode_FromFormat(
                "%R is not a static extension module of this program", name);
            if (msg != NULL) {
                PyErr_SetImportError(msg, name, NULL);
                Py_DECREF(msg);
            }
        }
        Py_DECREF(name);
        return NULL;
    }
    module = pystatic_create_module_of_entry(state, entry, name, spec);
    Py_DECREF(name);
    return module;
}
