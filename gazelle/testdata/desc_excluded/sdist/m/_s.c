#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_s", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__s(void) { return PyModule_Create(&def); }
