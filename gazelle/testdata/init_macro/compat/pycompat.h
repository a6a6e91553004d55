#ifndef PYCOMPAT_H
#define PYCOMPAT_H
#include <Python.h>
#if PY_MAJOR_VERSION >= 3
#define MOD_INIT(name) PyMODINIT_FUNC PyInit_##name(void)
#else
#define MOD_INIT(name) PyMODINIT_FUNC init##name(void)
#endif
#endif
