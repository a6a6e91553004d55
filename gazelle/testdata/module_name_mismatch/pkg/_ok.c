#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "pkg._ok", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__ok(void)
{
    return PyModuleDef_Init(&def);
}
