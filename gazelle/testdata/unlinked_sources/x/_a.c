#include <Python.h>
#include "api/a.h"
PyMODINIT_FUNC PyInit__a(void) { a_impl(); return NULL; }
