#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_found", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__found(void)
{
    return PyModuleDef_Init(&def);
}
