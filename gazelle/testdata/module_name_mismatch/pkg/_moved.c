#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "oldpkg._moved", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__moved(void)
{
    return PyModuleDef_Init(&def);
}
