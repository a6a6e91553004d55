/*
 * Multi-phase init (PEP 489) through the public API, as CPython's
 * ExtensionFileLoader does: create_module() builds the module from the
 * definition and the spec (running Py_mod_create, allocating module state,
 * checking Py_mod_multiple_interpreters on 3.12+ and refusing unknown
 * slots); exec_module() runs the Py_mod_exec slots.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pystatic_internal.h"

PyObject *
pystatic_multiphase_create(const PyStatic_Module *entry, PyModuleDef *def,
                           PyObject *spec)
{
    (void)entry;
    /* Also refuses, with CPython's ImportError, a module whose
     * Py_mod_multiple_interpreters slot excludes this interpreter. */
    return PyModule_FromDefAndSpec(def, spec);
}

/* _imp.exec_dynamic(): modules that are not modules, have no definition,
 * or already have their state (a second exec, e.g. from importlib.reload())
 * are left alone.  PyModule_ExecDef() gives every multi-phase module a state
 * pointer, even with m_size == 0 (as a marker; multi-phase init refuses a
 * negative m_size), so reload never runs the exec slots again, as in
 * CPython (tests/runtime's checks/facts.py compares the two). */
int
pystatic_exec_module(PyObject *module)
{
    if (!PyModule_Check(module)) {
        return 0;
    }
#if PY_VERSION_HEX >= 0x030F0000
    /* As 3.15's _imp.exec_dynamic: PyModule_Exec(), the companion of
     * PyImport_CreateModuleFromInitfunc() (its errors name the module as
     * CPython's do; PyModule_ExecDef()'s give its repr there). */
    if (PyModule_GetState(module) != NULL) {
        return 0;
    }
    return PyModule_Exec(module);
#else
    PyModuleDef *def = PyModule_GetDef(module);
    if (def == NULL) {
        return PyErr_Occurred() ? -1 : 0;
    }
    if (PyModule_GetState(module) != NULL) {
        return 0;
    }
    return PyModule_ExecDef(module, def);
#endif
}
