/*
 * Running a module's init function, as Python/importdl.c does for a .so:
 * with the package context set to the full dotted name, then classifying
 * what came back.
 *
 * Differences from importdl.c (documented in docs/runtime.md): the init
 * function of a linked module comes from the registry, not dlsym(); error
 * messages name the full dotted name where CPython 3.10-3.12 print the
 * short one.
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

    /* `name_utf8` lives as long as `name`, which the caller holds. */
    const char *old = pystatic_swap_package_context(name_utf8);
    m = (PyObject *)init();
    pystatic_swap_package_context(old);

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
