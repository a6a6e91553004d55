/*
 * PackedImporter, the meta path finder and loader of `_pystatic_pack`: it
 * imports the Python modules packed into a single-file binary
 * (include/pystatic/pack.h).  Like BuiltinImporter it is a class used
 * through class methods: the pack is one per process, so an instance
 * would hold nothing.
 *
 *   find_spec()       binary search of the module table; the spec's origin
 *                     is "<executable>/<path>"
 *   create_module()   None, or a packed lib-dynload .so (memfd.c)
 *   exec_module()     the module's code, unmarshalled straight from the
 *                     pack, run in its namespace
 *   get_code, get_source (tracebacks, linecache, inspect), is_package,
 *   get_filename, get_data (pkgutil.get_data), get_resource_reader
 *   (importlib.resources, through the packed Python helper
 *   `_pystatic_resources`)
 *
 * The type is created by the module's exec slot (pack_module.c), which is
 * also where the state these methods read comes from.  See
 * docs/single_file.md.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <marshal.h>

#include <errno.h>
#include <string.h>

#include "pystatic_internal.h"
#include "pystatic_pack.h"

PyObject *
pystatic_pack_decode_path(const char *path, size_t size)
{
    /* surrogateescape: a path that is not UTF-8 still round-trips, as
     * os.fsdecode() would give it for a file on disk. */
    return PyUnicode_DecodeUTF8(path, (Py_ssize_t)size, "surrogateescape");
}

/* "<executable>/<path>" for a path of the tree. */
static PyObject *
full_path(pystatic_pack_state *state, const char *path, size_t size)
{
    PyObject *rel = pystatic_pack_decode_path(path, size);
    if (rel == NULL) {
        return NULL;
    }
    PyObject *result = PyUnicode_FromFormat("%U/%U", state->executable, rel);
    Py_DECREF(rel);
    return result;
}

static const PyStatic_PackFile *
file_of(const pystatic_pack *pack, const PyStatic_PackModule *m)
{
    if (m->file == PYSTATIC_PACK_NONE) {
        return NULL;
    }
    return &pack->files[m->file];
}

/* The packed module named by `fullname` ("__main__" is the main module),
 * or NULL; with `required`, NULL comes with ImportError set.  `pack` may
 * be NULL (no pack): then nothing is packed. */
static const PyStatic_PackModule *
lookup(const pystatic_pack *pack, PyObject *fullname, int required)
{
    Py_ssize_t len;
    const PyStatic_PackModule *m = NULL;

    if (!PyUnicode_Check(fullname)) {
        PyErr_Format(PyExc_TypeError, "expected a module name (str), not "
                     "%.100s", Py_TYPE(fullname)->tp_name);
        return NULL;
    }
    const char *name = PyUnicode_AsUTF8AndSize(fullname, &len);
    if (name == NULL) {
        return NULL;
    }
    if (pack == NULL) {
        goto missing;
    }
    m = pystatic_pack_find_module(pack, name, (size_t)len);
    if (m == NULL && strcmp(name, "__main__") == 0
        && pack->header->main_module != PYSTATIC_PACK_NONE) {
        m = &pack->modules[pack->header->main_module];
    }
    if (m != NULL && !(m->flags & PYSTATIC_PACK_LEFT_OUT)) {
        return m;
    }
missing:
    if (required) {
        PyObject *msg = PyUnicode_FromFormat(
            "%R is not a packed module of this program", fullname);
        if (msg != NULL) {
            PyErr_SetImportError(msg, fullname, NULL);
            Py_DECREF(msg);
        }
    }
    return NULL;
}

/* The directory of a packed package, relative to the tree:
 * "pkg/sub" for pkg/sub/__init__.py, the dotted name with '/' for a
 * directory without __init__.py. */
static PyObject *
package_dir(const pystatic_pack *pack, const PyStatic_PackModule *m)
{
    PyObject *name = NULL, *dot = NULL, *slash = NULL, *dir = NULL;

    const PyStatic_PackFile *f = file_of(pack, m);
    if (f != NULL) {
        const char *path = pystatic_pack_bytes(pack, f->path_offset);
        size_t len = f->path_size;
        while (len > 0 && path[len - 1] != '/') {
            len--;
        }
        return pystatic_pack_decode_path(path, len > 0 ? len - 1 : 0);
    }
    name = pystatic_pack_decode_path(pystatic_pack_bytes(pack,
                                                         m->name_offset),
                                     m->name_size);
    if (name == NULL) {
        goto done;
    }
    dot = PyUnicode_FromString(".");
    slash = PyUnicode_FromString("/");
    if (dot == NULL || slash == NULL) {
        goto done;
    }
    dir = PyUnicode_Replace(name, dot, slash, -1);
done:
    Py_XDECREF(name);
    Py_XDECREF(dot);
    Py_XDECREF(slash);
    return dir;
}

PyObject *
pystatic_pack_origin(const pystatic_pack *pack, pystatic_pack_state *state,
                     const PyStatic_PackModule *m)
{
    const PyStatic_PackFile *f = file_of(pack, m);
    if (f == NULL) {
        Py_RETURN_NONE;
    }
    return full_path(state, pystatic_pack_bytes(pack, f->path_offset),
                     f->path_size);
}

PyObject *
pystatic_pack_load_code(const pystatic_pack *pack,
                        pystatic_pack_state *state,
                        const PyStatic_PackModule *m, PyObject *origin)
{
    PyObject *code = NULL, *fixed = NULL;

    if (m->code_size == 0) {
        Py_RETURN_NONE;
    }
    /* No pyc header to check: the pack's header carries the bytecode
     * magic, checked once at start-up (pystatic_pack_after_main_init). */
    code = PyMarshal_ReadObjectFromString(
        pystatic_pack_bytes(pack, m->code_offset), (Py_ssize_t)m->code_size);
    if (code == NULL) {
        goto error;
    }
    if (!PyCode_Check(code)) {
        PyErr_SetString(PyExc_ImportError,
                        "packed bytecode is not a code object");
        goto error;
    }
    if (origin != NULL && origin != Py_None) {
        fixed = PyObject_CallFunctionObjArgs(state->fix_co_filename, code,
                                             origin, NULL);
        if (fixed == NULL) {
            goto error;
        }
        Py_DECREF(fixed);
    }
    return code;

error:
    Py_XDECREF(code);
    return NULL;
}

int
pystatic_pack_run_code(PyObject *code, PyObject *globals)
{
    int has = PyDict_GetItemString(globals, "__builtins__") != NULL;
    if (!has && PyDict_SetItemString(globals, "__builtins__",
                                     PyEval_GetBuiltins()) < 0) {
        return -1;
    }
    PyObject *result = PyEval_EvalCode(code, globals, globals);
    if (result == NULL) {
        return -1;
    }
    Py_DECREF(result);
    return 0;
}

static PyObject *
importer_find_spec(PyObject *cls, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"fullname", "path", "target", NULL};
    PyObject *fullname, *path = Py_None, *target = Py_None;
    PyObject *origin = NULL, *kw = NULL, *spec = NULL, *dir = NULL;
    PyObject *locations = NULL, *spec_args = NULL;
    const pystatic_pack *pack = pystatic_pack_get();

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "U|OO:find_spec", kwlist,
                                     &fullname, &path, &target)) {
        return NULL;
    }
    Py_ssize_t len;
    const char *name = PyUnicode_AsUTF8AndSize(fullname, &len);
    if (name == NULL) {
        return NULL;
    }
    if (pack == NULL) {
        Py_RETURN_NONE;
    }
    /* Not lookup(): the main module runs through _run_main() with
     * __spec__ None, as for `python FILE`, so no spec answers to
     * "__main__"; only the loader methods do (get_source() through
     * __main__.__loader__, for tracebacks). */
    const PyStatic_PackModule *m = pystatic_pack_find_module(
        pack, name, (size_t)len);
    if (m == NULL || (m->flags & PYSTATIC_PACK_LEFT_OUT)) {
        /* A left-out stdlib module is not there, as for CPython: no spec
         * (importlib.util.find_spec() gives None).  Importing it still
         * says why it is missing: pack_missing.c. */
        Py_RETURN_NONE;
    }
    pystatic_pack_state *state = pystatic_pack_state_from_class(
        (PyTypeObject *)cls);
    if (state == NULL) {
        return NULL;
    }
    const int is_package = (m->flags & PYSTATIC_PACK_PACKAGE) != 0;
    origin = pystatic_pack_origin(pack, state, m);
    if (origin == NULL) {
        goto error;
    }
    kw = Py_BuildValue("{s:O,s:O}", "origin", origin, "is_package",
                       is_package ? Py_True : Py_False);
    spec_args = PyTuple_Pack(2, fullname, cls);
    if (kw == NULL || spec_args == NULL) {
        goto error;
    }
    spec = PyObject_Call(state->module_spec, spec_args, kw);
    if (spec == NULL) {
        goto error;
    }
    if (origin != Py_None
        && PyObject_SetAttrString(spec, "has_location", Py_True) < 0) {
        goto error;
    }
    if (is_package) {
        dir = package_dir(pack, m);
        if (dir == NULL) {
            goto error;
        }
        PyObject *full = PyUnicode_GET_LENGTH(dir) > 0
            ? PyUnicode_FromFormat("%U/%U", state->executable, dir)
            : Py_NewRef(state->executable);
        if (full == NULL) {
            goto error;
        }
        locations = PyList_New(1);
        if (locations == NULL) {
            Py_DECREF(full);
            goto error;
        }
        PyList_SET_ITEM(locations, 0, full);
        if (PyObject_SetAttrString(spec, "submodule_search_locations",
                                   locations) < 0) {
            goto error;
        }
    }
    Py_DECREF(origin);
    Py_DECREF(kw);
    Py_DECREF(spec_args);
    Py_XDECREF(dir);
    Py_XDECREF(locations);
    return spec;

error:
    Py_XDECREF(origin);
    Py_XDECREF(kw);
    Py_XDECREF(spec_args);
    Py_XDECREF(spec);
    Py_XDECREF(dir);
    Py_XDECREF(locations);
    return NULL;
}

static PyObject *
importer_create_module(PyObject *cls, PyObject *spec)
{
    const pystatic_pack *pack = pystatic_pack_get();
    PyObject *result = NULL;
    (void)cls;

    PyObject *name = PyObject_GetAttrString(spec, "name");
    if (name == NULL) {
        return NULL;
    }
    if (pystatic_pack_left_out(pack, name)) {
        /* Only a spec made by hand names a left-out module (find_spec()
         * gives none): the same message as its import. */
        PyObject *msg = pystatic_pack_left_out_message(name);
        if (msg != NULL) {
            PyErr_SetImportErrorSubclass(PyExc_ModuleNotFoundError, msg,
                                         name, NULL);
            Py_DECREF(msg);
        }
        goto done;
    }
    const PyStatic_PackModule *m = lookup(pack, name, 1);
    if (m == NULL) {
        goto done;
    }
    if (m->flags & PYSTATIC_PACK_EXTENSION) {
        result = pystatic_pack_create_extension(pack, m, name, spec);
        goto done;
    }
    result = Py_NewRef(Py_None);    /* the default module object */
done:
    Py_DECREF(name);
    return result;
}

static PyObject *
importer_exec_module(PyObject *cls, PyObject *module)
{
    PyObject *spec = NULL, *name = NULL, *origin = NULL, *code = NULL;
    PyObject *result = NULL;
    const pystatic_pack *pack = pystatic_pack_get();

    spec = PyObject_GetAttrString(module, "__spec__");
    if (spec == NULL) {
        goto done;
    }
    name = PyObject_GetAttrString(spec, "name");
    if (name == NULL) {
        goto done;
    }
    const PyStatic_PackModule *m = lookup(pack, name, 1);
    if (m == NULL) {
        goto done;
    }
    if (m->flags & PYSTATIC_PACK_EXTENSION) {
        /* Multi-phase .so: its exec slots, as for a linked module. */
        if (pystatic_exec_module(module) < 0) {
            goto done;
        }
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (m->code_size == 0) {
        result = Py_NewRef(Py_None);    /* a directory: nothing to run */
        goto done;
    }
    pystatic_pack_state *state = pystatic_pack_state_from_class(
        (PyTypeObject *)cls);
    if (state == NULL) {
        goto done;
    }
    origin = pystatic_pack_origin(pack, state, m);
    if (origin == NULL) {
        goto done;
    }
    code = pystatic_pack_load_code(pack, state, m, origin);
    if (code == NULL) {
        goto done;
    }
    PyObject *globals = PyModule_GetDict(module);     /* borrowed */
    if (globals == NULL || pystatic_pack_run_code(code, globals) < 0) {
        goto done;
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(spec);
    Py_XDECREF(name);
    Py_XDECREF(origin);
    Py_XDECREF(code);
    return result;
}

static PyObject *
importer_get_code(PyObject *cls, PyObject *fullname)
{
    const pystatic_pack *pack = pystatic_pack_get();
    const PyStatic_PackModule *m = lookup(pack, fullname, 1);
    if (m == NULL) {
        return NULL;
    }
    pystatic_pack_state *state = pystatic_pack_state_from_class(
        (PyTypeObject *)cls);
    if (state == NULL) {
        return NULL;
    }
    PyObject *origin = pystatic_pack_origin(pack, state, m);
    if (origin == NULL) {
        return NULL;
    }
    PyObject *code = (m->flags & PYSTATIC_PACK_EXTENSION)
        ? Py_NewRef(Py_None) : pystatic_pack_load_code(pack, state, m, origin);
    Py_DECREF(origin);
    return code;
}

/* Source text, decoded as importlib does (PEP 263 cookie, universal
 * newlines); None for directories and .so files. */
static PyObject *
importer_get_source(PyObject *cls, PyObject *fullname)
{
    PyObject *bytes = NULL, *external = NULL, *result = NULL;
    const pystatic_pack *pack = pystatic_pack_get();
    (void)cls;

    const PyStatic_PackModule *m = lookup(pack, fullname, 1);
    if (m == NULL) {
        return NULL;
    }
    const PyStatic_PackFile *f = file_of(pack, m);
    if (f == NULL || (m->flags & PYSTATIC_PACK_EXTENSION)
        || !pystatic_pack_file_carried(f)) {
        Py_RETURN_NONE;     /* no source packed: tracebacks show no line */
    }
    bytes = PyBytes_FromStringAndSize(
        pystatic_pack_bytes(pack, f->data_offset), (Py_ssize_t)f->data_size);
    if (bytes == NULL) {
        goto done;
    }
    /* importlib's own decoder, so a coding cookie means what it means for
     * a file on disk. */
    external = PyImport_ImportModule("_frozen_importlib_external");
    if (external == NULL) {
        goto done;
    }
    result = PyObject_CallMethod(external, "decode_source", "O", bytes);
done:
    Py_XDECREF(bytes);
    Py_XDECREF(external);
    return result;
}

static PyObject *
importer_is_package(PyObject *cls, PyObject *fullname)
{
    (void)cls;
    const PyStatic_PackModule *m = lookup(pystatic_pack_get(), fullname, 1);
    if (m == NULL) {
        return NULL;
    }
    return PyBool_FromLong((m->flags & PYSTATIC_PACK_PACKAGE) != 0);
}

static PyObject *
importer_get_filename(PyObject *cls, PyObject *fullname)
{
    const pystatic_pack *pack = pystatic_pack_get();
    const PyStatic_PackModule *m = lookup(pack, fullname, 1);
    if (m == NULL) {
        return NULL;
    }
    pystatic_pack_state *state = pystatic_pack_state_from_class(
        (PyTypeObject *)cls);
    if (state == NULL) {
        return NULL;
    }
    if (file_of(pack, m) == NULL) {
        PyObject *msg = PyUnicode_FromFormat("%R has no file: it is a "
                                             "directory", fullname);
        if (msg != NULL) {
            PyErr_SetImportError(msg, fullname, NULL);
            Py_DECREF(msg);
        }
        return NULL;
    }
    return pystatic_pack_origin(pack, state, m);
}

/* get_data(path), as zipimporter has it (pkgutil.get_data() uses it): the
 * bytes of the packed file "<executable>/<path in the pack>"; OSError for
 * anything else. */
static PyObject *
importer_get_data(PyObject *cls, PyObject *path)
{
    Py_ssize_t len, exe_len;
    const pystatic_pack *pack = pystatic_pack_get();
    pystatic_pack_state *state = pystatic_pack_state_from_class(
        (PyTypeObject *)cls);
    if (state == NULL) {
        return NULL;
    }
    if (!PyUnicode_Check(path)) {
        PyErr_Format(PyExc_TypeError, "expected a path (str), not %.100s",
                     Py_TYPE(path)->tp_name);
        return NULL;
    }
    const char *full = PyUnicode_AsUTF8AndSize(path, &len);
    const char *exe = PyUnicode_AsUTF8AndSize(state->executable, &exe_len);
    if (full == NULL || exe == NULL) {
        return NULL;
    }
    if (len > exe_len + 1 && memcmp(full, exe, (size_t)exe_len) == 0
        && full[exe_len] == '/') {
        const char *rel = full + exe_len + 1;
        const PyStatic_PackFile *f = pystatic_pack_find_file(
            pack, rel, (size_t)(len - exe_len - 1));
        if (f != NULL && pystatic_pack_file_carried(f)) {
            return PyBytes_FromStringAndSize(
                pystatic_pack_bytes(pack, f->data_offset),
                (Py_ssize_t)f->data_size);
        }
    }
    errno = ENOENT;
    return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
}

/* importlib.resources: a reader over the package's packed directory, made
 * by the packed Python helper `_pystatic_resources` (Python, because the
 * Traversable protocol is many small classes); None for modules that are
 * not packages. */
static PyObject *
importer_get_resource_reader(PyObject *cls, PyObject *fullname)
{
    PyObject *dir = NULL, *helper = NULL, *result = NULL;
    const pystatic_pack *pack = pystatic_pack_get();
    (void)cls;

    const PyStatic_PackModule *m = lookup(pack, fullname, 0);
    if (m == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    if (!(m->flags & PYSTATIC_PACK_PACKAGE)
        || (m->flags & PYSTATIC_PACK_EXTENSION)) {
        Py_RETURN_NONE;
    }
    dir = package_dir(pack, m);
    if (dir == NULL) {
        goto done;
    }
    helper = PyImport_ImportModule("_pystatic_resources");
    if (helper == NULL) {
        goto done;
    }
    result = PyObject_CallMethod(helper, "reader", "OO", fullname, dir);
done:
    Py_XDECREF(dir);
    Py_XDECREF(helper);
    return result;
}

static PyMethodDef importer_methods[] = {
    {"find_spec", (PyCFunction)(void (*)(void))importer_find_spec,
     METH_VARARGS | METH_KEYWORDS | METH_CLASS,
     PyDoc_STR("find_spec(fullname, path=None, target=None)\n--\n\n"
               "Spec for a module packed into this executable.")},
    {"create_module", importer_create_module, METH_O | METH_CLASS,
     PyDoc_STR("None (the default module), or a packed extension module "
               "loaded from memory.")},
    {"exec_module", importer_exec_module, METH_O | METH_CLASS,
     PyDoc_STR("Run the module's packed code in its namespace.")},
    {"get_code", importer_get_code, METH_O | METH_CLASS,
     PyDoc_STR("The module's code object (None for a directory).")},
    {"get_source", importer_get_source, METH_O | METH_CLASS,
     PyDoc_STR("The module's source text (None for a directory or .so).")},
    {"is_package", importer_is_package, METH_O | METH_CLASS,
     PyDoc_STR("Whether the packed module is a package.")},
    {"get_filename", importer_get_filename, METH_O | METH_CLASS,
     PyDoc_STR("\"<sys.executable>/<path in the pack>\".")},
    {"get_resource_reader", importer_get_resource_reader,
     METH_O | METH_CLASS,
     PyDoc_STR("importlib.resources reader of a packed package.")},
    {"get_data", importer_get_data, METH_O | METH_CLASS,
     PyDoc_STR("Bytes of the packed file \"<sys.executable>/<path>\".")},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot importer_slots[] = {
    {Py_tp_methods, importer_methods},
    {Py_tp_doc, (void *)PyDoc_STR(
        "Meta path finder and loader for the Python modules packed into "
        "this executable.")},
    {0, NULL},
};

PyType_Spec pystatic_pack_importer_spec = {
    .name = "_pystatic_pack.PackedImporter",
    .basicsize = 0,
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = importer_slots,
};
