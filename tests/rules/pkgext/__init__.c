/* An extension that is itself a package (as Cython compiles pkg/__init__.py):
 * imported as tests.rules.pkgext, with a pure-Python submodule beside it. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "tests.rules.pkgext", "A package compiled to C.", -1, NULL,
};

PyMODINIT_FUNC
PyInit_pkgext(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m != NULL && PyModule_AddStringConstant(m, "KIND", "compiled package") < 0) {
        Py_CLEAR(m);
    }
    return m;
}
