#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "speedy._other", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__other(void) { return PyModule_Create(&def); }
