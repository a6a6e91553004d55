#include <Python.h>
#include "shared.h"

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_a", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__a(void)
{
    return PyModuleDef_Init(&def);
}
