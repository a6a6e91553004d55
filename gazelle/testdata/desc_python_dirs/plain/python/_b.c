#include <Python.h>
#include "common/x.h"
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_b", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__b(void) { return PyModule_Create(&def); }
