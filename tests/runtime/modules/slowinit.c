/*
 * Modules whose initialization is slow and releases the GIL halfway, so
 * that threads importing them at once really overlap:
 *
 *   -DINIT_NAME=slow_single -DMULTI=0   (init sleeps)
 *   -DINIT_NAME=slow_multi  -DMULTI=1   (exec slot sleeps)
 *
 * init_calls()/exec_calls() count how often each ran.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <time.h>

#define CONCAT2(a, b) a##b
#define CONCAT(a, b) CONCAT2(a, b)
#define STR2(x) #x
#define STR(x) STR2(x)

int init_calls;
int exec_calls;

static void
sleep_without_gil(void)
{
    struct timespec delay = {0, 200 * 1000 * 1000};
    Py_BEGIN_ALLOW_THREADS
    nanosleep(&delay, NULL);
    Py_END_ALLOW_THREADS
}

static PyObject *
get_counts(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    return Py_BuildValue("(ii)", init_calls, exec_calls);
}

static PyMethodDef module_methods[] = {
    {"counts", get_counts, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

#if MULTI

static int
module_exec(PyObject *module)
{
    (void)module;
    exec_calls++;
    sleep_without_gil();
    return 0;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = "threads." STR(INIT_NAME),
    .m_size = 0,
    .m_methods = module_methods,
    .m_slots = module_slots,
};

PyMODINIT_FUNC
CONCAT(PyInit_, INIT_NAME)(void)
{
    init_calls++;
    return PyModuleDef_Init(&moduledef);
}

#else

static struct PyModuleDef moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = STR(INIT_NAME),
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC
CONCAT(PyInit_, INIT_NAME)(void)
{
    init_calls++;
    sleep_without_gil();
    return PyModule_Create(&moduledef);
}

#endif
