#include <Python.h>
PyMODINIT_FUNC PyInit__stream(void) { return NULL; }
