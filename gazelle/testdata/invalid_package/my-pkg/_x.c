#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_x", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__x(void)
{
    return PyModuleDef_Init(&def);
}
