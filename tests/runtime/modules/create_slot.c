/*
 * Multi-phase modules with a Py_mod_create slot:
 *
 *   -DINIT_NAME=custom -DNONMODULE=0   create makes a module object itself
 *       (PyModule_NewObject of spec.name) and records the spec it was given;
 *       the exec slot then runs on it.
 *   -DINIT_NAME=nonmodule -DNONMODULE=1  create returns an object that is
 *       not a module (a types.SimpleNamespace); CPython accepts that when the
 *       definition asks for no state and no methods, and runs no exec slot.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define CONCAT2(a, b) a##b
#define CONCAT(a, b) CONCAT2(a, b)
#define STR2(x) #x
#define STR(x) STR2(x)

int create_calls;

static PyObject *
create(PyObject *spec, PyModuleDef *def)
{
    (void)def;
    create_calls++;
    PyObject *name = PyObject_GetAttrString(spec, "name");
    if (name == NULL) {
        return NULL;
    }
    PyObject *origin = PyObject_GetAttrString(spec, "origin");
    if (origin == NULL) {
        Py_DECREF(name);
        return NULL;
    }
#if NONMODULE
    PyObject *types = PyImport_ImportModule("types");
    PyObject *result = NULL;
    if (types != NULL) {
        result = PyObject_CallMethod(types, "SimpleNamespace", NULL);
        Py_DECREF(types);
    }
#else
    PyObject *result = PyModule_NewObject(name);
#endif
    if (result != NULL
        && (PyObject_SetAttrString(result, "created_for", name) < 0
            || PyObject_SetAttrString(result, "origin_seen_by_create",
                                      origin) < 0)) {
        Py_CLEAR(result);
    }
    Py_DECREF(name);
    Py_DECREF(origin);
    return result;
}

#if !NONMODULE
static int
exec_module(PyObject *module)
{
    return PyModule_AddIntConstant(module, "create_calls_seen_by_exec",
                                   create_calls);
}
#endif

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_create, create},
#if !NONMODULE
    {Py_mod_exec, exec_module},
#endif
    {0, NULL},
};

static PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "slots." STR(INIT_NAME),
    .m_size = 0,
    .m_slots = module_slots,
};

PyMODINIT_FUNC
CONCAT(PyInit_, INIT_NAME)(void)
{
    return PyModuleDef_Init(&moduledef);
}
