#include "_other.h"
#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_other", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__other(void)
{
    return PyModuleDef_Init(&def);
}
