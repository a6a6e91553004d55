/*
 * Modules with non-ASCII names.  As for a .so, the init function is
 * PyInitU_ followed by the punycode of the short name with '-' written as
 * '_':
 *
 *   uni.čaj  (punycode "aj-dma") -DMULTI=1  multi-phase: imports
 *   uni.ďas  (punycode "as-jma") -DMULTI=0  single-phase: CPython refuses
 *            legacy init for non-ASCII names ("did not return PyModuleDef")
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#if MULTI

static int
module_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "drink", "tea");
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "uni.\xc4\x8d" "aj",
    .m_doc = PyDoc_STR("A module with a non-ASCII name."),
    .m_size = 0,
    .m_slots = module_slots,
};

PyMODINIT_FUNC
PyInitU_aj_dma(void)
{
    return PyModuleDef_Init(&moduledef);
}

#else

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "\xc4\x8f" "as",
    .m_size = -1,
};

PyMODINIT_FUNC
PyInitU_as_jma(void)
{
    return PyModule_Create(&moduledef);
}

#endif
