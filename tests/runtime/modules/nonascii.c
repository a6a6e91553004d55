/*
 * uni.čaj: a module with a non-ASCII name.  As for a .so, its init function
 * is PyInitU_ followed by the punycode of the short name with '-' written
 * as '_' (here "aj_dma", from "aj-dma"), and its m_name is the UTF-8 short name, which
 * the package context turns into the full name.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "\xc4\x8d" "aj",
    .m_doc = PyDoc_STR("A module with a non-ASCII name."),
    .m_size = -1,
};

PyMODINIT_FUNC
PyInitU_aj_dma(void)
{
    PyObject *m = PyModule_Create(&moduledef);
    if (m != NULL && PyModule_AddStringConstant(m, "drink", "tea") < 0) {
        Py_CLEAR(m);
    }
    return m;
}
