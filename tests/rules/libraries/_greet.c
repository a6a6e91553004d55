/* An extension that calls into the py_static_cc_library it depends on. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "tests/rules/libraries/words.h"

static PyObject *
word(PyObject *self, PyObject *unused)
{
    return PyUnicode_FromString(libraries_greeting_word());
}

static PyMethodDef methods[] = {
    {"word", word, METH_NOARGS, "The word from the helper library."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_greet", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit__greet(void)
{
    return PyModule_Create(&module);
}
