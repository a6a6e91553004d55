#include <Python.h>
// PyMODINIT_FUNC PyInit_linecomment(void) { return NULL; }
/* PyMODINIT_FUNC PyInit_blockcomment(void)
{ return NULL; } */
static const char *s = "PyMODINIT_FUNC PyInit_string(void) { return NULL; }";
static const char c = '"'; /* a quote char must not open a string */
#if 0
PyMODINIT_FUNC PyInit_ifzero(void) { return NULL; }
#endif
#if 1
#else
PYBIND11_MODULE(elsebranch, m) {}
#endif
#define NB_MODULE_IN_MACRO NB_MODULE(inmacro, m) {}
PyMODINIT_FUNC PyInit_declared_only(void);
