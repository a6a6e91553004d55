/*
 * extpkg: an extension module that is itself a package (extpkg/__init__
 * compiled, as Cython does for __init__.py).  Its __path__ lets a
 * pure-Python submodule (extpkg/helper.py in the program) and a static one
 * (extpkg._inner, inner.c) be imported below it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static int
module_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "KIND", "extension package");
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "extpkg",
    .m_size = 0,
    .m_slots = module_slots,
};

PyMODINIT_FUNC
PyInit_extpkg(void)
{
    return PyModuleDef_Init(&moduledef);
}
