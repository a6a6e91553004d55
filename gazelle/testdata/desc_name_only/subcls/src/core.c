#include <Python.h>
PyMODINIT_FUNC PyInit__C(void) { return NULL; }
