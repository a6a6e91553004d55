#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "accelerate", NULL, -1, NULL};
PyMODINIT_FUNC PyInit__accel(void) { return PyModule_Create(&def); }
