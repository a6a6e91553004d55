#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "dyn._d", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__d(void) { return PyModule_Create(&def); }
