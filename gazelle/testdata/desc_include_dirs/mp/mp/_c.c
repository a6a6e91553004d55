#include <Python.h>
#include "unpack.h"
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "mp._c", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__c(void) { return PyModule_Create(&def); }
