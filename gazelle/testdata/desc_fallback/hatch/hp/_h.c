#include <Python.h>
PyMODINIT_FUNC PyInit__h(void) { return NULL; }
