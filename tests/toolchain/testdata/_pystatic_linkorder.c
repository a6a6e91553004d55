/* A stand-in extension (not a stdlib module) whose static libraries PYTHON.json
 * lists in an order the linker cannot use as is. */
#include <Python.h>

long pystatic_lo_value(void);

static PyObject *
value(PyObject *self, PyObject *unused)
{
    return PyLong_FromLong(pystatic_lo_value());
}

static PyMethodDef methods[] = {
    {"value", value, METH_NOARGS, "42, from two static libraries."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT, "_pystatic_linkorder", NULL, 0, methods,
};

PyMODINIT_FUNC
PyInit__pystatic_linkorder(void)
{
    return PyModuleDef_Init(&moduledef);
}
