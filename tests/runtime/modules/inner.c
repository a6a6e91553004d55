/* extpkg._inner: a single-phase module below an extension package; it
 * imports its parent's pure-Python helper while initializing. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_inner",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInit__inner(void)
{
    PyObject *helper = PyImport_ImportModule("extpkg.helper");
    if (helper == NULL) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&moduledef);
    if (m != NULL && PyModule_AddObjectRef(m, "helper", helper) < 0) {
        Py_CLEAR(m);
    }
    Py_DECREF(helper);
    return m;
}
