#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_p", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__p(void) { return PyModule_Create(&def); }
