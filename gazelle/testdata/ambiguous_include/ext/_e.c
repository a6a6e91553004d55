#include <common/x.h>
#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_e", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__e(void)
{
    return PyModuleDef_Init(&def);
}
