#include <Python.h>
#define DEFINE_INIT(mod) PyMODINIT_FUNC PyInit_ ## mod(void)
DEFINE_INIT(_inline) { return NULL; }
