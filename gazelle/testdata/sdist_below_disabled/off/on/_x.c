#include <Python.h>
PyMODINIT_FUNC PyInit__x(void) { return NULL; }
