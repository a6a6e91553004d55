#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
add(PyObject *self, PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) {
        return NULL;
    }
    return PyLong_FromLong(a + b);
}

/* Whether NDEBUG was defined when this was compiled: the toolchain passes
 * sysconfig's -DNDEBUG, as setuptools does, except under -c dbg. */
static PyObject *
built_with_ndebug(PyObject *self, PyObject *unused)
{
#ifdef NDEBUG
    Py_RETURN_TRUE;
#else
    Py_RETURN_FALSE;
#endif
}

static PyMethodDef methods[] = {
    {"add", add, METH_VARARGS, "Add two integers."},
    {"built_with_ndebug", built_with_ndebug, METH_NOARGS, "Whether NDEBUG was defined."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_speedups", NULL, -1, methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModule_Create(&module);
}
