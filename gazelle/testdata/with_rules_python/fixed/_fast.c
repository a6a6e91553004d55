#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_fast", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__fast(void)
{
    return PyModuleDef_Init(&def);
}
