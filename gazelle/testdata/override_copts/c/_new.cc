#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_new", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__new(void)
{
    return PyModuleDef_Init(&def);
}
