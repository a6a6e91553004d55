/* An extension that uses CPython's internal C API, as some real ones do
 * (greenlet, Cython's fast paths): Py_BUILD_CORE_MODULE (local_defines) and
 * the pycore headers from @rules_pystatic//toolchain:python_internal_headers,
 * included with both spellings. */
#ifndef Py_BUILD_CORE_MODULE
#  error "Py_BUILD_CORE_MODULE must be defined (local_defines)"
#endif
#include <Python.h>
#include "internal/pycore_pystate.h" /* _PyThreadState_GET, _PyInterpreterState_GET */
#include "pycore_interp.h"           /* struct _is: the interpreter's internals */

static PyObject *
internal_matches_public(PyObject *self, PyObject *unused)
{
    /* The internal accessors (static inline, reading _PyRuntime or the
     * thread-local state of the linked libpython) agree with the public API. */
    int same = _PyThreadState_GET() == PyThreadState_Get()
               && _PyInterpreterState_GET() == PyInterpreterState_Get()
               && _PyInterpreterState_GET()->id == PyInterpreterState_GetID(PyInterpreterState_Get());
    return PyBool_FromLong(same);
}

static PyMethodDef methods[] = {
    {"internal_matches_public", internal_matches_public, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_internal", NULL, -1, methods};

PyMODINIT_FUNC
PyInit__internal(void)
{
    return PyModule_Create(&def);
}
