#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_m", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__m(void)
{
    return PyModuleDef_Init(&def);
}
