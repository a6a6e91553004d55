#include <Python.h>
PyMODINIT_FUNC PyInit_lib(void) { return NULL; }
