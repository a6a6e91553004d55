/*
 * exit, quit and help for an isolated start-up that skips `site`.
 *
 * `site` adds them to builtins (site.setquit(), site.sethelper()) from
 * _sitebuiltins; an isolated binary does not import site, so that no
 * site-packages directory reaches sys.path, but programs and the REPL still
 * call exit().  Building the real objects means running _sitebuiltins'
 * module body: about 0.3 M instructions, 1% of a hello world's start-up, for
 * names most programs never touch.  So builtins get a small stand-in per
 * name instead, which builds the real object from _sitebuiltins the first
 * time it is used (called, printed, or any attribute read), puts it in
 * builtins in its own place, and forwards to it.  After that first use
 * builtins hold exactly what site would have put there; before it,
 * `exit.__class__` and isinstance() already answer as for the real object
 * (attribute reads forward), only type(exit) tells them apart.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pystatic_internal.h"

typedef struct {
    PyObject_HEAD
    PyObject *name;     /* "exit", "quit" or "help" */
} LazySiteBuiltin;

/* The real object, made as site makes it, and set in builtins if the
 * stand-in is still there. */
static PyObject *
resolve(LazySiteBuiltin *self)
{
    PyObject *sitebuiltins = NULL, *real = NULL;

    sitebuiltins = PyImport_ImportModule("_sitebuiltins");
    if (sitebuiltins == NULL) {
        return NULL;
    }
    if (PyUnicode_CompareWithASCIIString(self->name, "help") == 0) {
        real = PyObject_CallMethod(sitebuiltins, "_Helper", NULL);
    }
    else {
        real = PyObject_CallMethod(sitebuiltins, "Quitter", "Os", self->name,
                                   "Ctrl-D (i.e. EOF)");
    }
    Py_DECREF(sitebuiltins);
    if (real == NULL) {
        return NULL;
    }
    PyObject *builtins = PyEval_GetBuiltins();  /* borrowed */
    if (builtins != NULL) {
        PyObject *current = PyDict_GetItemWithError(builtins, self->name);
        if (current == (PyObject *)self
            && PyDict_SetItem(builtins, self->name, real) < 0) {
            Py_DECREF(real);
            return NULL;
        }
        if (current == NULL && PyErr_Occurred()) {
            Py_DECREF(real);
            return NULL;
        }
    }
    return real;
}

static PyObject *
lazy_call(PyObject *op, PyObject *args, PyObject *kwargs)
{
    PyObject *real = resolve((LazySiteBuiltin *)op);
    if (real == NULL) {
        return NULL;
    }
    PyObject *result = PyObject_Call(real, args, kwargs);
    Py_DECREF(real);
    return result;
}

static PyObject *
lazy_repr(PyObject *op)
{
    PyObject *real = resolve((LazySiteBuiltin *)op);
    if (real == NULL) {
        return NULL;
    }
    PyObject *result = PyObject_Repr(real);
    Py_DECREF(real);
    return result;
}

static PyObject *
lazy_getattro(PyObject *op, PyObject *name)
{
    PyObject *real = resolve((LazySiteBuiltin *)op);
    if (real == NULL) {
        return NULL;
    }
    PyObject *result = PyObject_GetAttr(real, name);
    Py_DECREF(real);
    return result;
}

static void
lazy_dealloc(PyObject *op)
{
    LazySiteBuiltin *self = (LazySiteBuiltin *)op;
    PyTypeObject *tp = Py_TYPE(op);
    Py_XDECREF(self->name);
    tp->tp_free(op);
    Py_DECREF(tp);
}

static PyType_Slot lazy_slots[] = {
    {Py_tp_call, lazy_call},
    {Py_tp_repr, lazy_repr},
    {Py_tp_getattro, lazy_getattro},
    {Py_tp_dealloc, lazy_dealloc},
    {Py_tp_doc, (void *)"exit, quit or help until first used (site_builtins.c)"},
    {0, NULL},
};

static PyType_Spec lazy_spec = {
    .name = "_pystatic.LazySiteBuiltin",
    .basicsize = sizeof(LazySiteBuiltin),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = lazy_slots,
};

int
pystatic_install_site_builtins(void)
{
    static const char *const names[] = {"exit", "quit", "help"};
    PyObject *builtins = PyEval_GetBuiltins();  /* borrowed */
    int result = -1;

    if (builtins == NULL) {
        return -1;
    }
    PyTypeObject *type = (PyTypeObject *)PyType_FromSpec(&lazy_spec);
    if (type == NULL) {
        return -1;
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        /* tp_alloc (PyType_GenericAlloc; not PyObject_New, a macro for
         * the private _PyObject_New on 3.14+) gives the instance its
         * reference to the heap type; lazy_dealloc() drops it. */
        LazySiteBuiltin *obj = (LazySiteBuiltin *)type->tp_alloc(type, 0);
        if (obj == NULL) {
            goto done;
        }
        obj->name = PyUnicode_FromString(names[i]);
        if (obj->name == NULL
            || PyDict_SetItem(builtins, obj->name, (PyObject *)obj) < 0) {
            Py_DECREF(obj);
            goto done;
        }
        Py_DECREF(obj);
    }
    result = 0;
done:
    Py_DECREF(type);
    return result;
}
