#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_c", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__c(void)
{
    return PyModuleDef_Init(&def);
}
