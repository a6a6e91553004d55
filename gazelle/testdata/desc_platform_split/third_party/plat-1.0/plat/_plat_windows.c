#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "plat._plat_windows", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__plat_windows(void) { return PyModule_Create(&def); }
