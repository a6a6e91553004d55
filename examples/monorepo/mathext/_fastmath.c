/* mathext._fastmath: a plain C extension module with its helpers in a
 * second file (fib.c), as Gazelle groups them. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "fib.h"

static PyObject *
fib(PyObject *self, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    if (n < 0 || n > 92) {
        PyErr_Format(PyExc_ValueError, "fib(%ld): n must be in [0, 92]", n);
        return NULL;
    }
    return PyLong_FromLongLong(fastmath_fib(n));
}

static PyMethodDef methods[] = {
    {"fib", fib, METH_O, "The n-th Fibonacci number."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "mathext._fastmath", "Fast integer maths.", -1, methods,
};

PyMODINIT_FUNC
PyInit__fastmath(void)
{
    return PyModule_Create(&module);
}
