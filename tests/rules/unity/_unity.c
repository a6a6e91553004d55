/* A unity build: the extension includes another .c file. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "impl.c"

static PyObject *
answer(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(unity_answer());
}

static PyMethodDef methods[] = {
    {"answer", answer, METH_NOARGS, "The answer, from impl.c."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "tests.rules.unity._unity", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit__unity(void)
{
    return PyModule_Create(&module);
}
