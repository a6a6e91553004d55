#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_kept", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__kept(void)
{
    return PyModuleDef_Init(&def);
}
