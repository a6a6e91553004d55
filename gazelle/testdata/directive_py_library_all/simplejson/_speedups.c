#include <Python.h>
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "simplejson._speedups", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&def); }
