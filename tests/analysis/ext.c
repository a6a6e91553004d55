/* A minimal extension the analysis tests point targets at; only its
 * analysis matters, so it is never compiled by them. */
#include <Python.h>

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "ext", NULL, -1, NULL};

PyMODINIT_FUNC
PyInit_ext(void)
{
    return PyModule_Create(&def);
}
