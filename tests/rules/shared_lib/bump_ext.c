/* An extension using the shared counter library, compiled twice: as
 * _left and as _right (EXT_NAME comes from local_defines). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "tests/rules/shared_lib/counter.h"

#define CONCAT_(a, b) a##b
#define CONCAT(a, b) CONCAT_(a, b)
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

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
    PyModuleDef_HEAD_INIT, STRINGIFY(EXT_NAME), NULL, -1, methods,
};

PyMODINIT_FUNC
CONCAT(PyInit_, EXT_NAME)(void)
{
    return PyModule_Create(&module);
}
