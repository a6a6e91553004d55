#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_fixture", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__fixture(void) { return PyModule_Create(&def); }
