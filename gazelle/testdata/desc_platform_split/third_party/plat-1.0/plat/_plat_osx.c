#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "plat._plat_osx", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__plat_osx(void) { return PyModule_Create(&def); }
