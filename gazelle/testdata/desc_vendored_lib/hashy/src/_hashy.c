#include <Python.h>
#include <hash.h>
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_hashy", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__hashy(void) { return PyModule_Create(&def); }
