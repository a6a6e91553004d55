/* alpha._speedups: a single-phase extension whose PyModuleDef names only the
 * short name.  beta has a module with the same short name and a helper
 * global with the same name as this one; both link into one binary. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Deliberately not static: beta/_speedups.c defines one too. */
const char *speedups_flavour = "alpha";

static PyObject *
checksum(PyObject *self, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    unsigned long sum = 0;
    const unsigned char *bytes = view.buf;
    for (Py_ssize_t i = 0; i < view.len; i++) {
        sum = (sum * 31 + bytes[i]) & 0xffffffffUL;
    }
    PyBuffer_Release(&view);
    return PyLong_FromUnsignedLong(sum);
}

static PyObject *
flavour(PyObject *self, PyObject *unused)
{
    return PyUnicode_FromString(speedups_flavour);
}

static PyMethodDef methods[] = {
    {"checksum", checksum, METH_O, "31-based rolling checksum of a bytes-like object."},
    {"flavour", flavour, METH_NOARGS, "Which package's _speedups this is."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_speedups",
    .m_doc = "alpha's C speed-ups (single-phase init).",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModule_Create(&module);
}
