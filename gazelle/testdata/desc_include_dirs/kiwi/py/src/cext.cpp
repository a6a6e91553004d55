#include <Python.h>
#include <kiwi/kiwi.h>
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "kiwi._cext", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__cext(void) { return PyModule_Create(&def); }
