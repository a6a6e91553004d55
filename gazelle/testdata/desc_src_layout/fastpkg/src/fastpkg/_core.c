#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "fastpkg._core", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__core(void) { return PyModule_Create(&def); }
