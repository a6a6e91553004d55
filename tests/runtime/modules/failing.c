/*
 * Modules whose initialization fails, one way per build:
 *
 *   -DINIT_NAME=raises -DKIND=KIND_RAISES
 *
 * Every kind but KIND_BAD_SLOT fails on the first attempt only, so a test
 * can show that the failure left nothing behind and that importing again
 * runs init again (attempts() == 2) and succeeds.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define CONCAT2(a, b) a##b
#define CONCAT(a, b) CONCAT2(a, b)
#define STR2(x) #x
#define STR(x) STR2(x)

#define KIND_RAISES 1          /* single-phase init raises */
#define KIND_NULL 2            /* single-phase init: NULL, no exception */
#define KIND_UNREPORTED 3      /* single-phase init: module + exception */
#define KIND_EXEC_RAISES 4     /* multi-phase exec slot raises */
#define KIND_EXEC_SILENT 5     /* multi-phase exec: -1, no exception */
#define KIND_BAD_SLOT 6        /* multi-phase def with an unknown slot */

int attempts;

static PyObject *
get_attempts(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyLong_FromLong(attempts);
}

static PyMethodDef module_methods[] = {
    {"attempts", get_attempts, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

#if KIND == KIND_RAISES || KIND == KIND_NULL || KIND == KIND_UNREPORTED

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "failing." STR(INIT_NAME),
    .m_size = 0,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
CONCAT(PyInit_, INIT_NAME)(void)
{
    attempts++;
    if (attempts > 1) {
        return PyModule_Create(&moduledef);
    }
#if KIND == KIND_RAISES
    PyErr_SetString(PyExc_RuntimeError, "init refuses on the first try");
    return NULL;
#elif KIND == KIND_NULL
    return NULL;
#else
    PyObject *m = PyModule_Create(&moduledef);
    PyErr_SetString(PyExc_KeyError, "left behind by init");
    return m;
#endif
}

#else

static int
module_exec(PyObject *module)
{
    (void)module;
    attempts++;
    if (attempts > 1) {
        return 0;
    }
#if KIND == KIND_EXEC_RAISES
    PyErr_SetString(PyExc_ValueError, "exec refuses on the first try");
#endif
    return -1;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
#if KIND == KIND_BAD_SLOT
    {1000, NULL},
#endif
    {0, NULL},
};

static PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "failing.multi",
    .m_size = 0,
    .m_methods = module_methods,
    .m_slots = module_slots,
};

PyMODINIT_FUNC
CONCAT(PyInit_, INIT_NAME)(void)
{
    return PyModuleDef_Init(&moduledef);
}

#endif
