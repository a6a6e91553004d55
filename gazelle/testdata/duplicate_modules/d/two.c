#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_one", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__one(void)
{
    return PyModuleDef_Init(&def);
}

static struct PyModuleDef def2 = {PyModuleDef_HEAD_INIT, "_two", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__two(void)
{
    return PyModuleDef_Init(&def);
}
