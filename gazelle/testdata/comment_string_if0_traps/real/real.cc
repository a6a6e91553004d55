#include <Python.h>
static const char *raw = R"py(PyMODINIT_FUNC PyInit_raw(void) { )py";
// PyMODINIT_FUNC PyInit_comment(void) { return NULL; }
#if 0
PyMODINIT_FUNC PyInit_dead(void) { return NULL; }
#elif defined(Py_LIMITED_API)
#endif
extern "C" PyMODINIT_FUNC PyInit_real(void) { return NULL; }
