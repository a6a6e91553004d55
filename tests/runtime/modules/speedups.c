/*
 * Compiled twice, as a._speedups (-DFLAVOR='"a"') and b._speedups
 * (-DFLAVOR='"b"'): same init function name, same global symbols.  Each
 * binary copy must keep its own.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int speedups_counter;

const char *
speedups_flavor(void)
{
    return FLAVOR;
}

static PyObject *
bump(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    speedups_counter++;
    return Py_BuildValue("(si)", speedups_flavor(), speedups_counter);
}

static PyMethodDef module_methods[] = {
    {"bump", bump, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static int
module_exec(PyObject *module)
{
    return PyModule_AddStringConstant(module, "FLAVOR", speedups_flavor());
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_speedups",
    .m_size = 0,
    .m_methods = module_methods,
    .m_slots = module_slots,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&moduledef);
}
