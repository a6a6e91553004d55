#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_native", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__native(void)
{
    return PyModuleDef_Init(&def);
}
