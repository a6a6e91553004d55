#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_tool", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__tool(void)
{
    return PyModuleDef_Init(&def);
}
