#include <Python.h>
#include "part_a.cc"
#include "part_b.cc"
#include "shared.h"
PyMODINIT_FUNC PyInit__big(void) { return NULL; }
