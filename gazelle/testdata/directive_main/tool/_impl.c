#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_impl", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__impl(void)
{
    return PyModuleDef_Init(&def);
}
