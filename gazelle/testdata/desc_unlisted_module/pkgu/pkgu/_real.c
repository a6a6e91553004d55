#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "pkgu._real", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__real(void) { return PyModule_Create(&def); }
