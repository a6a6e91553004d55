// An inline function's static local: with -fgnu-unique GCC makes it an
// STB_GNU_UNIQUE symbol, which cannot be made private to one extension.
#include <Python.h>

inline int
counter()
{
    static int calls;
    return ++calls;
}

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "gnu_unique", NULL, -1, NULL};

PyMODINIT_FUNC
PyInit_gnu_unique(void)
{
    counter();
    return PyModule_Create(&def);
}
