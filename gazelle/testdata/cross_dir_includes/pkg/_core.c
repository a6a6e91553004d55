#include <Python.h>
#include "lib/util.h"
#include <mylib/api.h>
#include "../other/_other.h"
#include "sibling.h"

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_core", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__core(void)
{
    return PyModuleDef_Init(&def);
}
