/* The init function is static, so neither CPython nor the registry can call it. */
#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "hidden", NULL, -1, NULL};

static PyObject *
PyInit_hidden(void)
{
    return PyModule_Create(&def);
}

PyObject *
errors_use_hidden(void)
{
    return PyInit_hidden();
}
