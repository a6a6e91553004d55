/* An extension using the shared counter library. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "tests/rules/shared_lib/counter.h"

static PyObject *
bump(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(shared_counter_bump());
}

static PyMethodDef methods[] = {
    {"bump", bump, METH_NOARGS, "Bumps the shared counter."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_right", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit__right(void)
{
    return PyModule_Create(&module);
}
