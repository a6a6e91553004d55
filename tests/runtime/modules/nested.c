/*
 * Single-phase modules whose init imports another static single-phase
 * module before creating its own:
 *
 *   -DINIT_NAME=outer -DIMPORTS='"nested.inner"'
 *   -DINIT_NAME=inner
 *
 * Each uses its short name as m_name, so each is named correctly only if
 * the package context is saved and restored around the nested import.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define CONCAT2(a, b) a##b
#define CONCAT(a, b) CONCAT2(a, b)
#define STR2(x) #x
#define STR(x) STR2(x)

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = STR(INIT_NAME),
    .m_size = -1,
};

PyMODINIT_FUNC
CONCAT(PyInit_, INIT_NAME)(void)
{
#ifdef IMPORTS
    PyObject *dep = PyImport_ImportModule(IMPORTS);
    if (dep == NULL) {
        return NULL;
    }
#endif
    PyObject *m = PyModule_Create(&moduledef);
#ifdef IMPORTS
    if (m != NULL && PyModule_AddObjectRef(m, "dep", dep) < 0) {
        Py_CLEAR(m);
    }
    Py_DECREF(dep);
#endif
    return m;
}
