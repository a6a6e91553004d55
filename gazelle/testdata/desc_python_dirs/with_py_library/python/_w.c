#include <Python.h>
#include "common/x.h"
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_w", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__w(void) { return PyModule_Create(&def); }
