/* beta._speedups: a multi-phase (PEP 489) extension with per-module state,
 * sharing its short name and a helper global's name with alpha._speedups. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Deliberately not static: alpha/_speedups.c defines one too. */
const char *speedups_flavour = "beta";

typedef struct {
    long calls;
} module_state;

static PyObject *
count(PyObject *module, PyObject *unused)
{
    module_state *state = PyModule_GetState(module);
    return PyLong_FromLong(++state->calls);
}

static PyObject *
flavour(PyObject *module, PyObject *unused)
{
    return PyUnicode_FromString(speedups_flavour);
}

static int
exec_module(PyObject *module)
{
    return PyModule_AddIntConstant(module, "PHASES", 2);
}

static PyMethodDef methods[] = {
    {"count", count, METH_NOARGS, "Counts calls in this module's state."},
    {"flavour", flavour, METH_NOARGS, "Which package's _speedups this is."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_module},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "beta._speedups",
    .m_doc = "beta's C speed-ups (multi-phase init).",
    .m_size = sizeof(module_state),
    .m_methods = methods,
    .m_slots = slots,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModuleDef_Init(&module);
}
