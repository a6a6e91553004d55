/* An extension built by tests/rules/custom_info/defs.bzl, a rule that is not
 * py_static_extension: its BUILD macro names the init function MODULE_INIT
 * with py_static_init_symbol(), the symbol the binary's registry calls. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
origin(PyObject *self, PyObject *unused)
{
    return PyUnicode_FromString("handmade rule");
}

static PyMethodDef methods[] = {
    {"origin", origin, METH_NOARGS, "Which rule built this module."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "tests.rules.custom_info._handmade", NULL, 0,
    methods,
};

PyMODINIT_FUNC
MODULE_INIT(void)
{
    return PyModuleDef_Init(&module);
}
