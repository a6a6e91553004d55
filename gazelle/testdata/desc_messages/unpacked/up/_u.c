#include <Python.h>
PyMODINIT_FUNC PyInit__u(void) { return NULL; }
