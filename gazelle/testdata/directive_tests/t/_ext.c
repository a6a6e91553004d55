#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_ext", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__ext(void)
{
    return PyModuleDef_Init(&def);
}
