#include <Python.h>
PyMODINIT_FUNC PyInit__core(void) { return NULL; }
