#include <Python.h>
PyMODINIT_FUNC PyInit_bad(void) { return NULL; }
