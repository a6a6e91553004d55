#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "meson_pkg._m", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__m(void) { return PyModule_Create(&def); }
