/*
 * Running a module's init function, as Python/importdl.c does for a .so:
 * with the package context set to the full dotted name, then classifying
 * what came back.
 *
 * Differences from importdl.c (documented in docs/runtime.md): the init
 * function of a linked module comes from the registry, not dlsym(); error
 * messages name the full dotted name where CPython 3.10-3.12 print the
 * short one.
 *
 * 3.15+: pystatic_create_from_initfunc() hands the init function to
 * CPython's PyImport_CreateModuleFromInitfunc(), which does all of the
 * above and the single-phase bookkeeping with CPython's own code.  Only
 * names that function refuses (not ASCII) take pystatic_run_init(), which
 * there sets no package context (that needs a private symbol): enough for
 * multi-phase init, the only kind CPython allows for a non-ASCII short
 * name.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <assert.h>

#include "pystatic_internal.h"

/* Replaces the current exception by `exc_type(format % name)`: on 3.12+
 * with the old one as __cause__, like CPython's private
 * _PyErr_FormatFromCause; on 3.10 and 3.11 the old one is dropped, as
 * importdl.c did then. */
static void
format_from_cause(PyObject *exc_type, const char *format, const char *name)
{
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *cause = PyErr_GetRaisedException();
    PyErr_Format(exc_type, format, name);
    PyObject *exc = PyErr_GetRaisedException();
    Py_INCREF(cause);
    PyException_SetCause(exc, cause);       /* steals */
    PyException_SetContext(exc, cause);     /* steals */
    PyErr_SetRaisedException(exc);
#else
    PyErr_Clear();
    PyErr_Format(exc_type, format, name);
#endif
}

pystatic_init_kind
pystatic_run_init(PyStatic_InitFunc init, PyObject *name, PyObject **result)
{
    const char *name_utf8 = PyUnicode_AsUTF8(name);
    PyObject *m = NULL;

    assert(!PyErr_Occurred());
    *result = NULL;
    if (name_utf8 == NULL) {
        goto error;
    }

#if PY_VERSION_HEX >= 0x030F0000
    m = (PyObject *)init();
#else
    /* `name_utf8` lives as long as `name`, which the caller holds. */
    const char *old = pystatic_swap_package_context(name_utf8);
    m = (PyObject *)init();
    pystatic_swap_package_context(old);
#endif

    if (m == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_Format(PyExc_SystemError,
                         "initialization of %s failed without raising an "
                         "exception", name_utf8);
        }
        goto error;
    }
    if (PyErr_Occurred()) {
        /* 3.12+ chain the stray exception as the cause; 3.10 and 3.11
         * drop it. */
        format_from_cause(PyExc_SystemError,
                          "initialization of %s raised unreported exception",
                          name_utf8);
        /* Not decref'd, as importdl.c does: m may be anything. */
        m = NULL;
        goto error;
    }
    if (Py_TYPE(m) == NULL) {
        /* A PyModuleDef returned without PyModuleDef_Init(). */
        PyErr_Format(PyExc_SystemError,
                     "init function of %s returned uninitialized object",
                     name_utf8);
        m = NULL;
        goto error;
    }
    if (PyObject_TypeCheck(m, &PyModuleDef_Type)) {
        /* PEP 489: a borrowed, statically allocated definition. */
        *result = m;
        return PYSTATIC_INIT_MULTIPHASE;
    }
    *result = m;
    return PYSTATIC_INIT_SINGLEPHASE;

error:
    Py_XDECREF(m);
    return PYSTATIC_INIT_ERROR;
}

#if PY_VERSION_HEX >= 0x030F0000

/* What kind of init made `module`, for PYSTATIC_DEBUG. */
static const char *
created_kind(PyObject *module)
{
    if (PyModule_Check(module)) {
        PyModuleDef *def = PyModule_GetDef(module);
        if (def == NULL) {
            PyErr_Clear();      /* made from slots (PyModExport) */
        }
        else if (def->m_slots == NULL) {
            return "single-phase, through PyImport_CreateModuleFromInitfunc";
        }
    }
    return "multi-phase, through PyImport_CreateModuleFromInitfunc";
}

/* The short name (after the last dot) is ASCII. */
static int
short_name_is_ascii(PyObject *name)
{
    Py_ssize_t len = PyUnicode_GET_LENGTH(name);
    Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0, len, -1);
    for (Py_ssize_t i = dot < 0 ? 0 : dot + 1; i < len; i++) {
        if (PyUnicode_READ_CHAR(name, i) >= 0x80) {
            return 0;
        }
    }
    return 1;
}

PyObject *
pystatic_create_from_initfunc(PyStatic_InitFunc init, PyObject *name,
                              PyObject *spec, const char **how)
{
    PyObject *result = NULL;

    if (PyUnicode_IS_ASCII(name)) {
        PyObject *module = PyImport_CreateModuleFromInitfunc(spec, init);
        if (module != NULL) {
            *how = created_kind(module);
        }
        return module;
    }
    /* PyImport_CreateModuleFromInitfunc() encodes the name as ASCII (it
     * was made for built-in modules): run init here, with the public API
     * only. */
    switch (pystatic_run_init(init, name, &result)) {
    case PYSTATIC_INIT_MULTIPHASE:
        *how = "multi-phase";
        return PyModule_FromDefAndSpec((PyModuleDef *)result, spec);
    case PYSTATIC_INIT_SINGLEPHASE:
        Py_DECREF(result);
        if (!short_name_is_ascii(name)) {
            /* As importdl.c: only multi-phase init for PyInitU_ names. */
            PyErr_Format(PyExc_SystemError,
                         "initialization of %U did not return PyModuleDef",
                         name);
        }
        else {
            /* CPython would load it with the package context set, which
             * only a private symbol can do here (docs/runtime.md). */
            PyObject *msg = PyUnicode_FromFormat(
                "single-phase module %U: on Python 3.15+ a static "
                "extension module whose dotted name is not ASCII must use "
                "multi-phase init", name);
            if (msg != NULL) {
                PyErr_SetImportError(msg, name, NULL);
                Py_DECREF(msg);
            }
        }
        return NULL;
    case PYSTATIC_INIT_ERROR:
        break;
    }
    assert(PyErr_Occurred());
    return NULL;
}

#endif
