/*
 * `_benchctl`: the benchmark driver's measuring hooks (bench/driver.py).
 *
 *   start()              begin a measured region: zero callgrind's counters
 *                        and switch collection on (run under
 *                        --collect-atstart=no), then read the clock
 *   stop(label) -> ns    read the clock, switch collection off and dump the
 *                        counters as a file tagged `label`; returns the
 *                        region's wall time in nanoseconds
 *
 * Outside valgrind the client requests are a few no-op instructions.
 *
 * Built into the static binaries (with -DBENCH_WITH_RUNTIME, which adds the
 * functions below that reach into the rules_pystatic runtime) and as a .so
 * for the stock interpreter:
 *
 *   c_loop(spec_type) -> n     the lower bound: for every registry entry,
 *                              call its init function and make the module
 *                              directly (PEP 489: PyModule_FromDefAndSpec
 *                              with spec_type(name=...), PyModule_ExecDef),
 *                              store it in sys.modules; no import system
 *   lookup(names, repeat, how, label) -> (hits, ns)
 *                              registry lookups of each name, repeated,
 *                              inside one measured region; how is "find"
 *                              (pystatic_registry_find: a NUL-terminated
 *                              name), "miss_path" (pystatic_registry_lookup
 *                              with the length the str already knows: the
 *                              entry and the parent-package test in one
 *                              probe, what the finder does for a name that
 *                              is not static) or
 *                              "empty" (the loop and an opaque call only)
 *   call_each(func, names, repeat, label) -> ns
 *                              func(name) for each name, in one region
 *                              (the finder's find_spec called as importlib
 *                              calls it)
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string.h>
#include <time.h>
#include <valgrind/callgrind.h>

#ifdef BENCH_WITH_RUNTIME
#include "pystatic_internal.h"
#endif

static long long
now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static long long region_start;

static void
begin_region(void)
{
    CALLGRIND_ZERO_STATS;
    CALLGRIND_TOGGLE_COLLECT;
    region_start = now_ns();
}

static long long
end_region(const char *label)
{
    long long elapsed = now_ns() - region_start;
    CALLGRIND_TOGGLE_COLLECT;
    CALLGRIND_DUMP_STATS_AT(label);
    return elapsed;
}

static PyObject *
bench_start(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    begin_region();
    Py_RETURN_NONE;
}

static PyObject *
bench_stop(PyObject *module, PyObject *label)
{
    (void)module;
    const char *text = PyUnicode_AsUTF8(label);
    if (text == NULL) {
        return NULL;
    }
    return PyLong_FromLongLong(end_region(text));
}

static PyObject *
bench_call_each(PyObject *module, PyObject *args)
{
    PyObject *func, *names, *result = NULL;
    Py_ssize_t repeat;
    const char *label;
    (void)module;
    if (!PyArg_ParseTuple(args, "OO!ns", &func, &PyList_Type, &names,
                          &repeat, &label)) {
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(names);
    begin_region();
    for (Py_ssize_t r = 0; r < repeat; r++) {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *res = PyObject_CallOneArg(func,
                                                PyList_GET_ITEM(names, i));
            if (res == NULL) {
                end_region(label);
                return NULL;
            }
            Py_DECREF(res);
        }
    }
    result = PyLong_FromLongLong(end_region(label));
    return result;
}

#ifdef BENCH_WITH_RUNTIME

static PyObject *
bench_c_loop(PyObject *module, PyObject *spec_type)
{
    PyObject *modules = PyImport_GetModuleDict();   /* borrowed */
    PyObject *name = NULL, *res = NULL, *spec = NULL, *kwargs = NULL;
    PyObject *empty = PyTuple_New(0);
    (void)module;
    if (empty == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < pystatic_registry.count; i++) {
        const PyStatic_Module *entry = &pystatic_registry.modules[i];
        name = PyUnicode_FromString(pystatic_entry_name(entry));
        if (name == NULL) {
            goto error;
        }
        res = pystatic_registry.init_function(i)();
        if (res == NULL) {
            goto error;
        }
        if (PyObject_TypeCheck(res, &PyModuleDef_Type)) {
            PyModuleDef *def = (PyModuleDef *)res;    /* not a reference */
            res = NULL;
            kwargs = Py_BuildValue("{s:O}", "name", name);
            if (kwargs == NULL) {
                goto error;
            }
            spec = PyObject_Call(spec_type, empty, kwargs);
            if (spec == NULL) {
                goto error;
            }
            res = PyModule_FromDefAndSpec(def, spec);
            if (res == NULL || PyModule_ExecDef(res, def) < 0) {
                goto error;
            }
            Py_CLEAR(kwargs);
            Py_CLEAR(spec);
        }
        if (PyDict_SetItem(modules, name, res) < 0) {
            goto error;
        }
        Py_CLEAR(res);
        Py_CLEAR(name);
    }
    Py_DECREF(empty);
    return PyLong_FromSize_t(pystatic_registry.count);
error:
    Py_XDECREF(name);
    Py_XDECREF(res);
    Py_XDECREF(spec);
    Py_XDECREF(kwargs);
    Py_DECREF(empty);
    return NULL;
}

/* An opaque call with the lookup's signature, for the loop's own cost. */
__attribute__((noinline)) static const PyStatic_Module *
empty_find(const char *name)
{
    __asm__ volatile("" : : "r"(name) : "memory");
    return NULL;
}

static PyObject *
bench_lookup(PyObject *module, PyObject *args)
{
    PyObject *names;
    Py_ssize_t repeat;
    const char *how, *label;
    (void)module;
    if (!PyArg_ParseTuple(args, "O!nss", &PyList_Type, &names, &repeat,
                          &how, &label)) {
        return NULL;
    }
    int mode = strcmp(how, "find") == 0 ? 0
               : strcmp(how, "miss_path") == 0 ? 1
               : strcmp(how, "empty") == 0 ? 2 : -1;
    if (mode < 0) {
        PyErr_Format(PyExc_ValueError, "unknown lookup kind %s", how);
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(names);
    const char **keys = PyMem_Calloc((size_t)n + 1, sizeof(char *));
    Py_ssize_t *lens = PyMem_Calloc((size_t)n + 1, sizeof(Py_ssize_t));
    if (keys == NULL || lens == NULL) {
        PyMem_Free(keys);
        PyMem_Free(lens);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        keys[i] = PyUnicode_AsUTF8AndSize(PyList_GET_ITEM(names, i),
                                          &lens[i]);
        if (keys[i] == NULL) {
            PyMem_Free(keys);
            PyMem_Free(lens);
            return NULL;
        }
    }
    size_t hits = 0;
    begin_region();
    for (Py_ssize_t r = 0; r < repeat; r++) {
        for (Py_ssize_t i = 0; i < n; i++) {
            const char *key = keys[i];
            if (mode == 0) {
                hits += pystatic_registry_find(key) != NULL;
            }
            else if (mode == 1) {
                int is_parent;
                hits += pystatic_registry_lookup(key, (size_t)lens[i],
                                                 &is_parent) != NULL
                        || is_parent;
            }
            else {
                hits += empty_find(key) != NULL;
            }
        }
    }
    long long ns = end_region(label);
    PyMem_Free(keys);
    PyMem_Free(lens);
    return Py_BuildValue("(nL)", (Py_ssize_t)hits, ns);
}

#endif  /* BENCH_WITH_RUNTIME */

static PyMethodDef bench_methods[] = {
    {"start", bench_start, METH_NOARGS, NULL},
    {"stop", bench_stop, METH_O, NULL},
    {"call_each", bench_call_each, METH_VARARGS, NULL},
#ifdef BENCH_WITH_RUNTIME
    {"c_loop", bench_c_loop, METH_O, NULL},
    {"lookup", bench_lookup, METH_VARARGS, NULL},
#endif
    {NULL, NULL, 0, NULL},
};

static PyModuleDef bench_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_benchctl",
    .m_size = -1,
    .m_methods = bench_methods,
};

PyMODINIT_FUNC
PyInit__benchctl(void)
{
    return PyModule_Create(&bench_def);
}
