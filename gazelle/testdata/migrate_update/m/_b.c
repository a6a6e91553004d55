#include <Python.h>
#include "shared.h"

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_b", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__b(void)
{
    return PyModuleDef_Init(&def);
}
