#include <Python.h>
PyMODINIT_FUNC PyInit__b(void) { return NULL; }
