#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_d", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__d(void)
{
    return PyModuleDef_Init(&def);
}
