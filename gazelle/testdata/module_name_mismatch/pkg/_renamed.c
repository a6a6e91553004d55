#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_original", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__renamed(void)
{
    return PyModuleDef_Init(&def);
}
