#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_base", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__base(void)
{
    return PyModuleDef_Init(&def);
}
