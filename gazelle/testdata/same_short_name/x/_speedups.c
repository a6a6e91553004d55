#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_speedups", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&def);
}
