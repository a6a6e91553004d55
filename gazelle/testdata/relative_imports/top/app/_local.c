#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_local", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__local(void)
{
    return PyModuleDef_Init(&def);
}
