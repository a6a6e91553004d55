/* Defines the init function of a module called `other`, not `wrong`. */
#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "other", NULL, -1, NULL};

PyMODINIT_FUNC
PyInit_other(void)
{
    return PyModule_Create(&def);
}
