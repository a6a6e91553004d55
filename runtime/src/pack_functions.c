/*
 * The functions of the `_pystatic_pack` module (pystatic_pack_functions,
 * the module definition's m_methods in pack_module.c):
 *
 *   _run_main()       the packed main module as __main__; the launcher
 *                     runs it from a one-line command so that
 *                     Py_RunMain() keeps CPython's exit-status handling
 *   _file_kind(path), _read(path), _listdir(path)
 *                     the packed tree, for `_pystatic_resources` (the
 *                     importlib.resources reader, written in Python)
 *   _excepthook()     sys.excepthook on 3.10-3.12, so that tracebacks
 *                     show packed source lines
 *
 * Underscored: they are the runtime's own plumbing, not an API.  Paths are
 * relative to the packed tree ("pkg/data.txt", "" for the root).  See
 * docs/single_file.md.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string.h>

#include "pystatic_pack.h"

/* Runs the main module as __main__, as `python FILE` would: __file__ is
 * "<executable>/<path>", __loader__ the packed importer (so linecache
 * finds the source), __spec__ None. */
static PyObject *
pack_run_main(PyObject *module, PyObject *unused)
{
    PyObject *origin = NULL, *code = NULL, *result = NULL;
    const pystatic_pack *pack = pystatic_pack_get();
    pystatic_pack_state *state = PyModule_GetState(module);
    (void)unused;

    if (pack == NULL || pack->header->main_module == PYSTATIC_PACK_NONE) {
        PyErr_SetString(PyExc_RuntimeError,
                        "this executable has no packed main module");
        return NULL;
    }
    const PyStatic_PackModule *m = &pack->modules[pack->header->main_module];
    origin = pystatic_pack_origin(pack, state, m);
    if (origin == NULL) {
        goto done;
    }
    code = pystatic_pack_load_code(pack, state, m, origin);
    if (code == NULL) {
        goto done;
    }
    PyObject *main_module = PyImport_AddModule("__main__");    /* borrowed */
    if (main_module == NULL) {
        goto done;
    }
    PyObject *globals = PyModule_GetDict(main_module);          /* borrowed */
    if (PyDict_SetItemString(globals, "__file__", origin) < 0
        || PyDict_SetItemString(globals, "__cached__", Py_None) < 0
        || PyDict_SetItemString(globals, "__loader__",
                                state->importer_type) < 0) {
        goto done;
    }
    if (pystatic_pack_run_code(code, globals) < 0) {
        goto done;
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(origin);
    Py_XDECREF(code);
    return result;
}

/* The pack and the UTF-8 bytes of the path argument `arg`; NULL with an
 * exception set if `arg` is not a str or there is no pack. */
static const pystatic_pack *
path_arg(PyObject *arg, const char **path, Py_ssize_t *len)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "expected a path (str), not %.100s",
                     Py_TYPE(arg)->tp_name);
        return NULL;
    }
    *path = PyUnicode_AsUTF8AndSize(arg, len);
    if (*path == NULL) {
        return NULL;
    }
    const pystatic_pack *pack = pystatic_pack_get();
    if (pack == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "this executable has no pack");
        return NULL;
    }
    return pack;
}

/* _file_kind(path): 1 for a packed file, 2 for a directory, 0 for neither. */
static PyObject *
pack_file_kind(PyObject *module, PyObject *arg)
{
    const char *path;
    Py_ssize_t len;
    (void)module;

    const pystatic_pack *pack = path_arg(arg, &path, &len);
    if (pack == NULL) {
        return NULL;
    }
    return PyLong_FromLong(pystatic_pack_path_kind(pack, path, (size_t)len));
}

/* _read(path): a read-only memoryview of the packed file, or None.  A view,
 * not bytes: the pack is mapped for the life of the process, and the
 * caller (read_bytes() in `_pystatic_resources`) makes the one copy. */
static PyObject *
pack_read(PyObject *module, PyObject *arg)
{
    const char *path;
    Py_ssize_t len;
    (void)module;

    const pystatic_pack *pack = path_arg(arg, &path, &len);
    if (pack == NULL) {
        return NULL;
    }
    const PyStatic_PackFile *f = pystatic_pack_find_file(pack, path,
                                                         (size_t)len);
    if (f == NULL || !pystatic_pack_file_carried(f)) {
        Py_RETURN_NONE;
    }
    return PyMemoryView_FromMemory(
        (char *)pystatic_pack_bytes(pack, f->data_offset),
        (Py_ssize_t)f->data_size, PyBUF_READ);
}

/* _listdir(path): names of the files and directories right under a packed
 * directory ("" is the root), in the file table's order.  The pack has no
 * directory entries: the files under "<path>/" are consecutive in the
 * sorted file table, and so are those of each child directory among them,
 * so one pass from the lower bound names each child once. */
static PyObject *
pack_listdir(PyObject *module, PyObject *arg)
{
    const char *path;
    Py_ssize_t len;
    char *prefix = NULL;
    PyObject *names = NULL;
    (void)module;

    const pystatic_pack *pack = path_arg(arg, &path, &len);
    if (pack == NULL) {
        return NULL;
    }
    size_t plen = len > 0 ? (size_t)len + 1 : 0;
    prefix = PyMem_Malloc(plen + 1);
    if (prefix == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(prefix, path, (size_t)len);
    if (len > 0) {
        prefix[len] = '/';
    }
    names = PyList_New(0);
    if (names == NULL) {
        goto error;
    }
    const char *last = NULL;
    size_t last_len = 0;
    for (size_t i = pystatic_pack_file_lower_bound(pack, prefix, plen);
         i < pack->header->file_count; i++) {
        const PyStatic_PackFile *f = &pack->files[i];
        const char *p = pystatic_pack_bytes(pack, f->path_offset);
        if (f->path_size <= plen || memcmp(p, prefix, plen) != 0) {
            break;
        }
        const char *child = p + plen;
        const char *slash = memchr(child, '/', f->path_size - plen);
        size_t clen = slash != NULL ? (size_t)(slash - child)
                                    : f->path_size - plen;
        if (last != NULL && last_len == clen
            && memcmp(last, child, clen) == 0) {
            continue;
        }
        PyObject *name = pystatic_pack_decode_path(child, clen);
        if (name == NULL || PyList_Append(names, name) < 0) {
            Py_XDECREF(name);
            goto error;
        }
        Py_DECREF(name);
        last = child;
        last_len = clen;
    }
    if (PyList_GET_SIZE(names) == 0
        && pystatic_pack_path_kind(pack, path, (size_t)len) != 2) {
        PyErr_Format(PyExc_NotADirectoryError,
                     "%s is not a packed directory", path);
        goto error;
    }
    PyMem_Free(prefix);
    return names;

error:
    PyMem_Free(prefix);
    Py_XDECREF(names);
    return NULL;
}

/* sys.excepthook on 3.10-3.12, whose default prints tracebacks in C and
 * reads source lines only from files on disk: the traceback module reads
 * them through linecache and the packed importer's get_source(). */
static PyObject *
pack_excepthook(PyObject *module, PyObject *args)
{
    PyObject *type, *value, *tb, *traceback = NULL, *result = NULL;
    (void)module;

    if (!PyArg_UnpackTuple(args, "_excepthook", 3, 3, &type, &value, &tb)) {
        return NULL;
    }
    traceback = PyImport_ImportModule("traceback");
    if (traceback != NULL) {
        result = PyObject_CallMethod(traceback, "print_exception", "OOO",
                                     type, value, tb);
        Py_DECREF(traceback);
    }
    if (result == NULL) {
        /* The traceback module itself failed: CPython's own printer. */
        PyErr_Clear();
        PyObject *hook = PySys_GetObject("__excepthook__");   /* borrowed */
        if (hook == NULL) {
            Py_RETURN_NONE;
        }
        result = PyObject_CallFunctionObjArgs(hook, type, value, tb, NULL);
    }
    return result;
}

PyMethodDef pystatic_pack_functions[] = {
    {"_run_main", pack_run_main, METH_NOARGS,
     PyDoc_STR("Run the packed main module as __main__.")},
    {"_file_kind", pack_file_kind, METH_O,
     PyDoc_STR("1: a packed file, 2: a packed directory, 0: neither.")},
    {"_read", pack_read, METH_O,
     PyDoc_STR("memoryview of a packed file's bytes, or None.")},
    {"_listdir", pack_listdir, METH_O,
     PyDoc_STR("Names right under a packed directory.")},
    {"_excepthook", pack_excepthook, METH_VARARGS,
     PyDoc_STR("sys.excepthook that shows packed source lines.")},
    {NULL, NULL, 0, NULL},
};
