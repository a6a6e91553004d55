/*
 * Attributes of plain module objects for the fast import path: the
 * parent package's __path__ and __spec__, and the child module set on it,
 * as dict operations on the module's __dict__ instead of getattr() and
 * setattr().
 *
 * Why that is exact: for an object whose type is exactly ModuleType,
 * getattr() and setattr() are object's generic ones (plus a module
 * __getattr__ when the name is missing), which use the instance dict
 * unless the type or a base has a data descriptor of that name.  Checked
 * once at installation (pystatic_fastpath_plain_modules()): ModuleType
 * and object have no attribute named __path__ or __spec__ and no
 * attribute that is not a dunder name, and module setattr is the generic
 * one.  Then a dict hit is what getattr() returns, and a non-dunder child
 * stored in the dict is what setattr() does.  Anything else (a subclass
 * of ModuleType, a missing attribute, a dunder child) goes through
 * getattr()/setattr() themselves.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pystatic_internal.h"
#include "fastpath.h"

static int
is_dunder(PyObject *name)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(name);
    return n >= 4 && PyUnicode_READ_CHAR(name, 0) == '_'
           && PyUnicode_READ_CHAR(name, 1) == '_'
           && PyUnicode_READ_CHAR(name, n - 2) == '_'
           && PyUnicode_READ_CHAR(name, n - 1) == '_';
}

int
pystatic_fastpath_plain_modules(void)
{
    PyObject *mro = PyModule_Type.tp_mro;
    if (PyModule_Type.tp_setattro != PyObject_GenericSetAttr || mro == NULL
        || !PyTuple_Check(mro)) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); i++) {
        PyTypeObject *type = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
#if PY_VERSION_HEX >= 0x030C0000
        /* A static built-in type's tp_dict is NULL from 3.12 on. */
        PyObject *dict = PyType_GetDict(type);
#else
        PyObject *dict = Py_XNewRef(type->tp_dict);
#endif
        PyObject *key, *value;
        Py_ssize_t pos = 0;
        int plain = dict != NULL;
        while (plain && PyDict_Next(dict, &pos, &key, &value)) {
            plain = PyUnicode_Check(key) && is_dunder(key)
                    && PyUnicode_Compare(key, FP_STR(path)) != 0
                    && PyUnicode_Compare(key, FP_STR(spec)) != 0;
        }
        Py_XDECREF(dict);
        if (!plain) {
            PyErr_Clear();
            return 0;
        }
    }
    return 1;
}

int
pystatic_fastpath_module_attr(PyObject *ctx, PyObject *module,
                              PyObject *name, int optional, PyObject **out)
{
    if (PyModule_CheckExact(module)
        && CTX(ctx, CTX_PLAIN_MODULES) == Py_True) {
        PyObject *dict = PyModule_GetDict(module);      /* borrowed */
        PyObject *value = dict != NULL
            ? PyDict_GetItemWithError(dict, name) : NULL;
        if (value != NULL) {
            *out = Py_NewRef(value);
            return 1;
        }
        if (PyErr_Occurred()) {
            *out = NULL;
            return -1;
        }
    }
    if (optional) {
        return get_optional_attr(module, name, out);
    }
    *out = PyObject_GetAttr(module, name);
    return *out != NULL ? 1 : -1;
}

int
pystatic_fastpath_set_child(PyObject *ctx, PyObject *parent_module,
                            PyObject **child, PyObject *value)
{
    /* setattr() interns the name it stores: so does this. */
    PyUnicode_InternInPlace(child);
    if (PyModule_CheckExact(parent_module)
        && CTX(ctx, CTX_PLAIN_MODULES) == Py_True && !is_dunder(*child)) {
        PyObject *dict = PyModule_GetDict(parent_module);   /* borrowed */
        if (dict != NULL) {
            return PyDict_SetItem(dict, *child, value);
        }
    }
    return PyObject_SetAttr(parent_module, *child, value);
}
