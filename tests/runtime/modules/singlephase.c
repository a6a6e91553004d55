/*
 * A single-phase (legacy) extension module, compiled once per test module:
 *
 *   -DINIT_NAME=_deep_single          the short name in PyInit_<short>
 *   -DM_NAME='"_deep_single"'         PyModuleDef.m_name: short or full
 *   -DFULL_NAME='"a.b.c._deep_single"' for the type's tp_name
 *   -DM_SIZE=-1                        PyModuleDef.m_size
 *
 * It counts its init calls in a C global (one per compiled copy, so two
 * modules built from this file share nothing) and defines a static type
 * Token that pickles by reference to its module.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define CONCAT2(a, b) a##b
#define CONCAT(a, b) CONCAT2(a, b)

/* Deliberately global and equally named in every copy: the isolation tool
 * must make them private to each module. */
int init_calls;
const char *module_flavor = M_NAME;

typedef struct {
    PyObject_HEAD
    long value;
} TokenObject;

static PyObject *
token_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"value", NULL};
    long value;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l", kwlist, &value)) {
        return NULL;
    }
    TokenObject *self = (TokenObject *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->value = value;
    }
    return (PyObject *)self;
}

static PyObject *
token_reduce(PyObject *self, PyObject *unused)
{
    (void)unused;
    return Py_BuildValue("(O(l))", (PyObject *)Py_TYPE(self),
                         ((TokenObject *)self)->value);
}

static PyObject *
token_richcompare(PyObject *a, PyObject *b, int op)
{
    if (Py_TYPE(a) != Py_TYPE(b) || (op != Py_EQ && op != Py_NE)) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    int eq = ((TokenObject *)a)->value == ((TokenObject *)b)->value;
    return PyBool_FromLong(op == Py_EQ ? eq : !eq);
}

static PyMethodDef token_methods[] = {
    {"__reduce__", token_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject TokenType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = FULL_NAME ".Token",
    .tp_basicsize = sizeof(TokenObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = PyDoc_STR("A value that pickles by reference to its module."),
    .tp_new = token_new,
    .tp_richcompare = token_richcompare,
    .tp_methods = token_methods,
};

static PyObject *
get_init_calls(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyLong_FromLong(init_calls);
}

static PyObject *
get_flavor(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return PyUnicode_FromString(module_flavor);
}

static PyMethodDef module_methods[] = {
    {"init_calls", get_init_calls, METH_NOARGS,
     PyDoc_STR("How many times this module's init function ran.")},
    {"flavor", get_flavor, METH_NOARGS,
     PyDoc_STR("The m_name this copy was compiled with.")},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = M_NAME,
    .m_doc = PyDoc_STR("Single-phase test module."),
    .m_size = M_SIZE,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
CONCAT(PyInit_, INIT_NAME)(void)
{
    init_calls++;
    if (PyType_Ready(&TokenType) < 0) {
        return NULL;
    }
    PyObject *m = PyModule_Create(&moduledef);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "Token", (PyObject *)&TokenType) < 0
        || PyModule_AddIntConstant(m, "m_size", M_SIZE) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
