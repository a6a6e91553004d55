/*
 * One generated benchmark module, compiled once per module (bench/build.py):
 *
 *   -DBENCH_SHORT=mod17  -DBENCH_FULL='"pkg0.sub.mod17"'
 *   -DBENCH_INDEX=17     -DBENCH_MULTI=1   (PEP 489) or 0 (single-phase)
 *
 * Deliberately small: one METH_NOARGS function and one int constant, so the
 * measured import cost is the import machinery's, not the module's own
 * work.  The single-phase flavour is the common legacy shape: m_name is the
 * short name (the package context makes it the full one) and m_size is -1
 * (the loader keeps a copy of its dict).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define CONCAT2(a, b) a##b
#define CONCAT(a, b) CONCAT2(a, b)
#define STR2(x) #x
#define STR(x) STR2(x)

static PyObject *
bench_index(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyLong_FromLong(BENCH_INDEX);
}

static PyMethodDef bench_methods[] = {
    {"index", bench_index, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

#if BENCH_MULTI

static int
bench_exec(PyObject *module)
{
    return PyModule_AddIntConstant(module, "INDEX", BENCH_INDEX);
}

static PyModuleDef_Slot bench_slots[] = {
    {Py_mod_exec, bench_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL},
};

static PyModuleDef bench_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = BENCH_FULL,
    .m_size = 0,
    .m_methods = bench_methods,
    .m_slots = bench_slots,
};

PyMODINIT_FUNC
CONCAT(PyInit_, BENCH_SHORT)(void)
{
    return PyModuleDef_Init(&bench_def);
}

#else

static PyModuleDef bench_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = STR(BENCH_SHORT),
    .m_size = -1,
    .m_methods = bench_methods,
};

PyMODINIT_FUNC
CONCAT(PyInit_, BENCH_SHORT)(void)
{
    PyObject *module = PyModule_Create(&bench_def);
    if (module == NULL) {
        return NULL;
    }
    if (PyModule_AddIntConstant(module, "INDEX", BENCH_INDEX) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    return module;
}

#endif
