#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_ignored", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__ignored(void)
{
    return PyModuleDef_Init(&def);
}
