#include <Python.h>
#include "_plat_common.h"
#include "arch/linux/proc.h"
#ifdef PLAT_WINDOWS
#include "arch/windows/proc.h"
#endif
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "plat._plat_linux", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__plat_linux(void) { return PyModule_Create(&def); }
