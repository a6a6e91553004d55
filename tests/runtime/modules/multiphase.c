/*
 * A multi-phase (PEP 489) extension module with module state, an exec
 * slot, a heap type Point (pickles by reference to its module), and, on
 * 3.12+, a Py_mod_multiple_interpreters slot:
 *
 *   -DINIT_NAME=_deep_multi   -DM_NAME='"a.b.c._deep_multi"'
 *   -DINTERP_SUPPORT=Py_MOD_PER_INTERPRETER_GIL_SUPPORTED (or ..._NOT_...)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stddef.h>
#include <structmember.h>

#define CONCAT2(a, b) a##b
#define CONCAT(a, b) CONCAT2(a, b)

int init_calls;
int exec_calls;

typedef struct {
    PyObject *point_type;
    long creations;     /* module state: counts Point() calls */
} module_state;

typedef struct {
    PyObject_HEAD
    double x, y;
} PointObject;

static PyModuleDef moduledef;

static PyObject *
point_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"x", "y", NULL};
    double x, y;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "dd", kwlist, &x, &y)) {
        return NULL;
    }
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *module = PyType_GetModuleByDef(type, &moduledef);
#else
    PyObject *module = PyType_GetModule(type);
#endif
    if (module == NULL) {
        return NULL;
    }
    ((module_state *)PyModule_GetState(module))->creations++;
    PointObject *self = (PointObject *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->x = x;
        self->y = y;
    }
    return (PyObject *)self;
}

static void
point_dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    type->tp_free(self);
    Py_DECREF(type);
}

static PyObject *
point_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    PointObject *p = (PointObject *)self;
    return Py_BuildValue("(O(dd))", (PyObject *)Py_TYPE(self), p->x, p->y);
}

static PyObject *
point_richcompare(PyObject *a, PyObject *b, int op)
{
    if (Py_TYPE(a) != Py_TYPE(b) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    PointObject *p = (PointObject *)a, *q = (PointObject *)b;
    int eq = p->x == q->x && p->y == q->y;
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static PyMethodDef point_methods[] = {
    {"__reduce__", point_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef point_members[] = {
    {"x", T_DOUBLE, offsetof(PointObject, x), READONLY, NULL},
    {"y", T_DOUBLE, offsetof(PointObject, y), READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot point_slots[] = {
    {Py_tp_new, point_new},
    {Py_tp_dealloc, point_dealloc},
    {Py_tp_methods, point_methods},
    {Py_tp_members, point_members},
    {Py_tp_richcompare, point_richcompare},
    {Py_tp_doc, (void *)PyDoc_STR("A point that pickles.")},
    {0, NULL},
};

static PyType_Spec point_spec = {
    .name = M_NAME ".Point",
    .basicsize = sizeof(PointObject),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = point_slots,
};

static PyObject *
get_counts(PyObject *module, PyObject *unused)
{
    (void)unused;
    module_state *state = PyModule_GetState(module);
    return Py_BuildValue("{s:i,s:i,s:l}", "init", init_calls, "exec",
                         exec_calls, "points", state->creations);
}

static PyMethodDef module_methods[] = {
    {"counts", get_counts, METH_NOARGS,
     PyDoc_STR("init/exec calls (process-wide) and Points made (state).")},
    {NULL, NULL, 0, NULL},
};

static int
module_exec(PyObject *module)
{
    module_state *state = PyModule_GetState(module);
    exec_calls++;
    state->point_type = PyType_FromModuleAndSpec(module, &point_spec, NULL);
    if (state->point_type == NULL) {
        return -1;
    }
    if (PyModule_AddObjectRef(module, "Point", state->point_type) < 0) {
        return -1;
    }
    return PyModule_AddStringConstant(module, "spec_name_seen_by_exec",
                                      PyModule_GetName(module));
}

static int
module_traverse(PyObject *module, visitproc visit, void *arg)
{
    module_state *state = PyModule_GetState(module);
    Py_VISIT(state->point_type);
    return 0;
}

static int
module_clear(PyObject *module)
{
    module_state *state = PyModule_GetState(module);
    Py_CLEAR(state->point_type);
    return 0;
}

static void
module_free(void *module)
{
    module_clear((PyObject *)module);
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, INTERP_SUPPORT},
#endif
    {0, NULL},
};

static PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = M_NAME,
    .m_doc = PyDoc_STR("Multi-phase test module."),
    .m_size = sizeof(module_state),
    .m_methods = module_methods,
    .m_slots = module_slots,
    .m_traverse = module_traverse,
    .m_clear = module_clear,
    .m_free = module_free,
};

PyMODINIT_FUNC
CONCAT(PyInit_, INIT_NAME)(void)
{
    init_calls++;
    return PyModuleDef_Init(&moduledef);
}
