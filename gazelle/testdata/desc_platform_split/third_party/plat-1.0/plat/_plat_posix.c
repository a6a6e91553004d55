#include <Python.h>
#include "_plat_common.h"
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "plat._plat_posix", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__plat_posix(void) { return PyModule_Create(&def); }
