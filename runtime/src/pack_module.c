/*
 * The built-in module `_pystatic_pack` of a single-file binary: the packed
 * importer, a meta path finder and loader (like BuiltinImporter, a class
 * used through class methods) that imports the Python modules packed into
 * the executable (include/pystatic/pack.h), and the helpers the launcher
 * and `_pystatic_resources` use.
 *
 *   PackedImporter.find_spec()    binary search of the module table; the
 *                                 spec's origin is "<executable>/<path>"
 *   PackedImporter.exec_module()  the module's code, unmarshalled straight
 *                                 from the pack, run in its namespace
 *   get_code, get_source (tracebacks, linecache, inspect), is_package,
 *   get_filename, get_resource_reader (importlib.resources, through the
 *   packed Python helper `_pystatic_resources`)
 *   create_module()               packed lib-dynload .so files (memfd.c)
 *
 * The launcher imports this module between the core and main phases of
 * start-up, so every stdlib module, `encodings` included, comes from the
 * executable.  See docs/single_file.md.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <marshal.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "pystatic_internal.h"
#include "pystatic_pack.h"

typedef struct {
    PyObject *importer_type;    /* PackedImporter */
    PyObject *module_spec;      /* importlib.machinery.ModuleSpec */
    PyObject *fix_co_filename;  /* _imp._fix_co_filename */
    PyObject *executable;       /* str: the executable's path */
} pack_state;

static PyModuleDef pack_moduledef;
static pystatic_pack the_pack;
static int the_pack_is_open;
static char *executable_path;

int
pystatic_pack_init(char *err, size_t errsize)
{
    size_t size;
    const unsigned char *data = pystatic_pack_linked(&size);
    if (pystatic_pack_open(&the_pack, data, size,
                           (PY_MAJOR_VERSION << 8) | PY_MINOR_VERSION,
                           err, errsize) < 0) {
        return -1;
    }
    the_pack_is_open = 1;
    return 0;
}

const pystatic_pack *
pystatic_pack_get(void)
{
    return the_pack_is_open ? &the_pack : NULL;
}

int
pystatic_pack_set_executable(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL) {
        return -1;
    }
    free(executable_path);
    executable_path = copy;
    return 0;
}

static pack_state *
state_from_class(PyTypeObject *cls)
{
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *module = PyType_GetModuleByDef(cls, &pack_moduledef);
#else
    PyObject *module = PyType_GetModule(cls);
#endif
    if (module == NULL) {
        return NULL;
    }
    return (pack_state *)PyModule_GetState(module);
}

static PyObject *
decode_path(const char *path, size_t size)
{
    return PyUnicode_DecodeUTF8(path, (Py_ssize_t)size, "surrogateescape");
}

/* "<executable>/<path>" for a path of the tree. */
static PyObject *
full_path(pack_state *state, const char *path, size_t size)
{
    PyObject *rel = decode_path(path, size);
    if (rel == NULL) {
        return NULL;
    }
    PyObject *result = PyUnicode_FromFormat("%U/%U", state->executable, rel);
    Py_DECREF(rel);
    return result;
}

static const PyStatic_PackFile *
file_of(const PyStatic_PackModule *m)
{
    if (m->file == PYSTATIC_PACK_NONE) {
        return NULL;
    }
    return &the_pack.files[m->file];
}

/* The packed module named by `fullname` ("__main__" is the main module),
 * or NULL; with `required`, NULL comes with ImportError set. */
static const PyStatic_PackModule *
lookup(PyObject *fullname, int required)
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
    if (!the_pack_is_open) {
        goto missing;
    }
    m = pystatic_pack_find_module(&the_pack, name, (size_t)len);
    if (m == NULL && strcmp(name, "__main__") == 0
        && the_pack.header->main_module != PYSTATIC_PACK_NONE) {
        m = &the_pack.modules[the_pack.header->main_module];
    }
    if (m != NULL) {
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
package_dir(const PyStatic_PackModule *m)
{
    const PyStatic_PackFile *f = file_of(m);
    if (f != NULL) {
        const char *path = pystatic_pack_bytes(&the_pack, f->path_offset);
        size_t len = f->path_size;
        while (len > 0 && path[len - 1] != '/') {
            len--;
        }
        return decode_path(path, len > 0 ? len - 1 : 0);
    }
    PyObject *name = decode_path(pystatic_pack_bytes(&the_pack,
                                                     m->name_offset),
                                 m->name_size);
    if (name == NULL) {
        return NULL;
    }
    PyObject *dot = PyUnicode_FromString(".");
    PyObject *slash = PyUnicode_FromString("/");
    PyObject *dir = NULL;
    if (dot != NULL && slash != NULL) {
        dir = PyUnicode_Replace(name, dot, slash, -1);
    }
    Py_XDECREF(dot);
    Py_XDECREF(slash);
    Py_DECREF(name);
    return dir;
}

static PyObject *
origin_of(pack_state *state, const PyStatic_PackModule *m)
{
    const PyStatic_PackFile *f = file_of(m);
    if (f == NULL) {
        Py_RETURN_NONE;
    }
    return full_path(state, pystatic_pack_bytes(&the_pack, f->path_offset),
                     f->path_size);
}

/* The module's code object, with co_filename set to `origin` as
 * SourceLoader does for a .pyc (_imp._fix_co_filename); None if the module
 * has no code. */
static PyObject *
load_code(pack_state *state, const PyStatic_PackModule *m, PyObject *origin)
{
    PyObject *code = NULL, *fixed = NULL;

    if (m->code_size == 0) {
        Py_RETURN_NONE;
    }
    code = PyMarshal_ReadObjectFromString(
        pystatic_pack_bytes(&the_pack, m->code_offset),
        (Py_ssize_t)m->code_size);
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

/* Runs `code` in `globals`, giving them __builtins__ first as exec() does. */
static int
run_code(PyObject *code, PyObject *globals)
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

/* ---- PackedImporter --------------------------------------------------- */

static PyObject *
importer_find_spec(PyObject *cls, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"fullname", "path", "target", NULL};
    PyObject *fullname, *path = Py_None, *target = Py_None;
    PyObject *origin = NULL, *kw = NULL, *spec = NULL, *dir = NULL;
    PyObject *locations = NULL, *spec_args = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "U|OO:find_spec", kwlist,
                                     &fullname, &path, &target)) {
        return NULL;
    }
    Py_ssize_t len;
    const char *name = PyUnicode_AsUTF8AndSize(fullname, &len);
    if (name == NULL) {
        return NULL;
    }
    if (!the_pack_is_open) {
        Py_RETURN_NONE;
    }
    const PyStatic_PackModule *m = pystatic_pack_find_module(
        &the_pack, name, (size_t)len);
    if (m == NULL) {
        Py_RETURN_NONE;
    }
    pack_state *state = state_from_class((PyTypeObject *)cls);
    if (state == NULL) {
        return NULL;
    }
    const int is_package = (m->flags & PYSTATIC_PACK_PACKAGE) != 0;
    origin = origin_of(state, m);
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
        dir = package_dir(m);
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
    (void)cls;
    PyObject *name = PyObject_GetAttrString(spec, "name");
    if (name == NULL) {
        return NULL;
    }
    const PyStatic_PackModule *m = lookup(name, 1);
    PyObject *result = NULL;
    if (m == NULL) {
        goto done;
    }
    if (m->flags & PYSTATIC_PACK_EXTENSION) {
        result = pystatic_pack_create_extension(&the_pack, m, name, spec);
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

    spec = PyObject_GetAttrString(module, "__spec__");
    if (spec == NULL) {
        goto done;
    }
    name = PyObject_GetAttrString(spec, "name");
    if (name == NULL) {
        goto done;
    }
    const PyStatic_PackModule *m = lookup(name, 1);
    if (m == NULL) {
        goto done;
    }
    if (m->flags & PYSTATIC_PACK_EXTENSION) {
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
    pack_state *state = state_from_class((PyTypeObject *)cls);
    if (state == NULL) {
        goto done;
    }
    origin = origin_of(state, m);
    if (origin == NULL) {
        goto done;
    }
    code = load_code(state, m, origin);
    if (code == NULL) {
        goto done;
    }
    PyObject *globals = PyModule_GetDict(module);     /* borrowed */
    if (globals == NULL || run_code(code, globals) < 0) {
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
    const PyStatic_PackModule *m = lookup(fullname, 1);
    if (m == NULL) {
        return NULL;
    }
    pack_state *state = state_from_class((PyTypeObject *)cls);
    if (state == NULL) {
        return NULL;
    }
    PyObject *origin = origin_of(state, m);
    if (origin == NULL) {
        return NULL;
    }
    PyObject *code = (m->flags & PYSTATIC_PACK_EXTENSION)
        ? Py_NewRef(Py_None) : load_code(state, m, origin);
    Py_DECREF(origin);
    return code;
}

/* Source text, decoded as importlib does (PEP 263 cookie, universal
 * newlines); None for directories and .so files. */
static PyObject *
importer_get_source(PyObject *cls, PyObject *fullname)
{
    PyObject *bytes = NULL, *external = NULL, *result = NULL;
    (void)cls;

    const PyStatic_PackModule *m = lookup(fullname, 1);
    if (m == NULL) {
        return NULL;
    }
    const PyStatic_PackFile *f = file_of(m);
    if (f == NULL || (m->flags & PYSTATIC_PACK_EXTENSION)) {
        Py_RETURN_NONE;
    }
    bytes = PyBytes_FromStringAndSize(
        pystatic_pack_bytes(&the_pack, f->data_offset),
        (Py_ssize_t)f->data_size);
    if (bytes == NULL) {
        goto done;
    }
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
    const PyStatic_PackModule *m = lookup(fullname, 1);
    if (m == NULL) {
        return NULL;
    }
    return PyBool_FromLong((m->flags & PYSTATIC_PACK_PACKAGE) != 0);
}

static PyObject *
importer_get_filename(PyObject *cls, PyObject *fullname)
{
    const PyStatic_PackModule *m = lookup(fullname, 1);
    if (m == NULL) {
        return NULL;
    }
    pack_state *state = state_from_class((PyTypeObject *)cls);
    if (state == NULL) {
        return NULL;
    }
    if (file_of(m) == NULL) {
        PyObject *msg = PyUnicode_FromFormat("%R has no file: it is a "
                                             "directory", fullname);
        if (msg != NULL) {
            PyErr_SetImportError(msg, fullname, NULL);
            Py_DECREF(msg);
        }
        return NULL;
    }
    return origin_of(state, m);
}

/* get_data(path), as zipimporter has it (pkgutil.get_data() uses it): the
 * bytes of the packed file "<executable>/<path in the pack>"; OSError for
 * anything else. */
static PyObject *
importer_get_data(PyObject *cls, PyObject *path)
{
    Py_ssize_t len, exe_len;
    pack_state *state = state_from_class((PyTypeObject *)cls);
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
            &the_pack, rel, (size_t)(len - exe_len - 1));
        if (f != NULL) {
            return PyBytes_FromStringAndSize(
                pystatic_pack_bytes(&the_pack, f->data_offset),
                (Py_ssize_t)f->data_size);
        }
    }
    errno = ENOENT;
    return PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, path);
}

/* importlib.resources: a reader over the package's packed directory, made
 * by the packed Python helper `_pystatic_resources`; None for modules that
 * are not packages. */
static PyObject *
importer_get_resource_reader(PyObject *cls, PyObject *fullname)
{
    PyObject *dir = NULL, *helper = NULL, *result = NULL;
    (void)cls;

    const PyStatic_PackModule *m = lookup(fullname, 0);
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
    dir = package_dir(m);
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

static PyType_Spec importer_spec = {
    .name = "_pystatic_pack.PackedImporter",
    .basicsize = 0,
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = importer_slots,
};

/* ---- module functions ------------------------------------------------- */

/* Runs the main module as __main__, as `python FILE` would: __file__ is
 * "<executable>/<path>", __loader__ the packed importer (so linecache
 * finds the source), __spec__ None. */
static PyObject *
pack_run_main(PyObject *module, PyObject *unused)
{
    PyObject *origin = NULL, *code = NULL, *result = NULL;
    pack_state *state = PyModule_GetState(module);
    (void)unused;

    if (!the_pack_is_open
        || the_pack.header->main_module == PYSTATIC_PACK_NONE) {
        PyErr_SetString(PyExc_RuntimeError,
                        "this executable has no packed main module");
        return NULL;
    }
    const PyStatic_PackModule *m =
        &the_pack.modules[the_pack.header->main_module];
    origin = origin_of(state, m);
    if (origin == NULL) {
        goto done;
    }
    code = load_code(state, m, origin);
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
    if (run_code(code, globals) < 0) {
        goto done;
    }
    result = Py_NewRef(Py_None);
done:
    Py_XDECREF(origin);
    Py_XDECREF(code);
    return result;
}

static int
path_arg(PyObject *arg, const char **path, Py_ssize_t *len)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "expected a path (str), not %.100s",
                     Py_TYPE(arg)->tp_name);
        return -1;
    }
    *path = PyUnicode_AsUTF8AndSize(arg, len);
    if (*path == NULL) {
        return -1;
    }
    if (!the_pack_is_open) {
        PyErr_SetString(PyExc_RuntimeError, "this executable has no pack");
        return -1;
    }
    return 0;
}

/* _file_kind(path): 1 for a packed file, 2 for a directory, 0 for neither. */
static PyObject *
pack_file_kind(PyObject *module, PyObject *arg)
{
    const char *path;
    Py_ssize_t len;
    (void)module;
    if (path_arg(arg, &path, &len) < 0) {
        return NULL;
    }
    return PyLong_FromLong(pystatic_pack_path_kind(&the_pack, path,
                                                   (size_t)len));
}

/* _read(path): a read-only memoryview of the packed file, or None. */
static PyObject *
pack_read(PyObject *module, PyObject *arg)
{
    const char *path;
    Py_ssize_t len;
    (void)module;
    if (path_arg(arg, &path, &len) < 0) {
        return NULL;
    }
    const PyStatic_PackFile *f = pystatic_pack_find_file(&the_pack, path,
                                                         (size_t)len);
    if (f == NULL) {
        Py_RETURN_NONE;
    }
    return PyMemoryView_FromMemory(
        (char *)pystatic_pack_bytes(&the_pack, f->data_offset),
        (Py_ssize_t)f->data_size, PyBUF_READ);
}

/* _listdir(path): sorted names of the files and directories right under a
 * packed directory ("" is the root). */
static PyObject *
pack_listdir(PyObject *module, PyObject *arg)
{
    const char *path;
    Py_ssize_t len;
    char *prefix = NULL;
    PyObject *names = NULL;
    (void)module;

    if (path_arg(arg, &path, &len) < 0) {
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
    for (size_t i = pystatic_pack_file_lower_bound(&the_pack, prefix, plen);
         i < the_pack.header->file_count; i++) {
        const PyStatic_PackFile *f = &the_pack.files[i];
        const char *p = pystatic_pack_bytes(&the_pack, f->path_offset);
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
        PyObject *name = decode_path(child, clen);
        if (name == NULL || PyList_Append(names, name) < 0) {
            Py_XDECREF(name);
            goto error;
        }
        Py_DECREF(name);
        last = child;
        last_len = clen;
    }
    if (PyList_GET_SIZE(names) == 0
        && pystatic_pack_path_kind(&the_pack, path, (size_t)len) != 2) {
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

static PyMethodDef module_methods[] = {
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

/* ---- installation ----------------------------------------------------- */

/* Into sys.meta_path before PathFinder, or at the end while there is none
 * (the core phase of start-up), unless it is already there. */
static int
install_finder(pack_state *state)
{
    PyObject *meta_path = PySys_GetObject("meta_path");     /* borrowed */
    if (meta_path == NULL || !PyList_Check(meta_path)) {
        PyErr_SetString(PyExc_ImportError,
                        "_pystatic_pack: sys.meta_path is missing or not a "
                        "list");
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(meta_path);
    Py_ssize_t where = n;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(meta_path, i);
        if (!PyType_Check(item)) {
            continue;
        }
        const char *tp_name = ((PyTypeObject *)item)->tp_name;
        if (strcmp(tp_name, importer_spec.name) == 0) {
            return 0;
        }
        if (strcmp(tp_name, "PathFinder") == 0 && where == n) {
            where = i;
        }
    }
    return PyList_Insert(meta_path, where, state->importer_type);
}

static int
pack_exec(PyObject *module)
{
    pack_state *state = PyModule_GetState(module);
    PyObject *bootstrap = NULL, *imp = NULL;

    if (!the_pack_is_open || executable_path == NULL) {
        PyErr_SetString(PyExc_ImportError,
                        "_pystatic_pack: this executable has no packed "
                        "program (build it with single_file = True)");
        goto error;
    }
    state->executable = PyUnicode_DecodeFSDefault(executable_path);
    if (state->executable == NULL) {
        goto error;
    }
    state->importer_type = PyType_FromModuleAndSpec(module, &importer_spec,
                                                    NULL);
    if (state->importer_type == NULL) {
        goto error;
    }
    if (PyModule_AddObjectRef(module, "PackedImporter",
                              state->importer_type) < 0) {
        goto error;
    }
    bootstrap = PyImport_ImportModule("_frozen_importlib");
    if (bootstrap == NULL) {
        goto error;
    }
    state->module_spec = PyObject_GetAttrString(bootstrap, "ModuleSpec");
    if (state->module_spec == NULL) {
        goto error;
    }
    imp = PyImport_ImportModule("_imp");
    if (imp == NULL) {
        goto error;
    }
    state->fix_co_filename = PyObject_GetAttrString(imp,
                                                    "_fix_co_filename");
    if (state->fix_co_filename == NULL) {
        goto error;
    }
    if (install_finder(state) < 0) {
        goto error;
    }
    Py_DECREF(bootstrap);
    Py_DECREF(imp);
    return 0;

error:
    Py_XDECREF(bootstrap);
    Py_XDECREF(imp);
    return -1;
}

static int
pack_traverse(PyObject *module, visitproc visit, void *arg)
{
    pack_state *state = PyModule_GetState(module);
    Py_VISIT(state->importer_type);
    Py_VISIT(state->module_spec);
    Py_VISIT(state->fix_co_filename);
    Py_VISIT(state->executable);
    return 0;
}

static int
pack_clear(PyObject *module)
{
    pack_state *state = PyModule_GetState(module);
    Py_CLEAR(state->importer_type);
    Py_CLEAR(state->module_spec);
    Py_CLEAR(state->fix_co_filename);
    Py_CLEAR(state->executable);
    return 0;
}

static void
pack_free(void *module)
{
    pack_clear((PyObject *)module);
}

static PyModuleDef_Slot pack_slots[] = {
    {Py_mod_exec, pack_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL},
};

static PyModuleDef pack_moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = PYSTATIC_PACK_MODULE_NAME,
    .m_doc = PyDoc_STR("Imports the Python modules packed into this "
                       "executable (rules_pystatic single-file mode)."),
    .m_size = sizeof(pack_state),
    .m_methods = module_methods,
    .m_slots = pack_slots,
    .m_traverse = pack_traverse,
    .m_clear = pack_clear,
    .m_free = pack_free,
};

PyObject *
pystatic_pack_module_init(void)
{
    return PyModuleDef_Init(&pack_moduledef);
}

int
pystatic_pack_after_main_init(void)
{
    long magic = PyImport_GetMagicNumber();
    if (magic == -1 && PyErr_Occurred()) {
        return -1;
    }
    if ((uint32_t)magic != the_pack.header->bytecode_magic) {
        PyErr_Format(PyExc_ImportError,
                     "the packed bytecode has magic number %lu, this "
                     "interpreter reads %ld; rebuild the binary with the "
                     "toolchain's own interpreter",
                     (unsigned long)the_pack.header->bytecode_magic, magic);
        return -1;
    }
#if PY_VERSION_HEX < 0x030D0000
    PyObject *module = PyImport_ImportModule(PYSTATIC_PACK_MODULE_NAME);
    if (module == NULL) {
        return -1;
    }
    PyObject *hook = PyObject_GetAttrString(module, "_excepthook");
    Py_DECREF(module);
    if (hook == NULL) {
        return -1;
    }
    int rc = PySys_SetObject("excepthook", hook);
    Py_DECREF(hook);
    if (rc < 0) {
        return -1;
    }
#endif
    return 0;
}

/* For a start-up in one phase (CPython 3.14+, which removed
 * _Py_InitializeMain(); or any version built with
 * -DPYSTATIC_SINGLE_FILE_FROZEN_STARTUP, which is how it is tested):
 * `encodings` and its submodules, which CPython imports before anything
 * could install the packed importer, are served from the pack as frozen
 * modules.  The table is CPython's current one plus ours; it lives as
 * long as the process. */
int
pystatic_pack_freeze_encodings(void)
{
    size_t existing = 0, ours = 0, n = 0;
    const struct _frozen *old = PyImport_FrozenModules;

    if (!the_pack_is_open) {
        return -1;
    }
    while (old != NULL && old[existing].name != NULL) {
        existing++;
    }
    for (uint32_t i = 0; i < the_pack.header->module_count; i++) {
        const PyStatic_PackModule *m = &the_pack.modules[i];
        const char *name = pystatic_pack_bytes(&the_pack, m->name_offset);
        if (m->code_size > 0 && m->code_size <= INT_MAX
            && (m->name_size == 9 || (m->name_size > 9 && name[9] == '.'))
            && memcmp(name, "encodings", 9) == 0) {
            ours++;
        }
    }
    struct _frozen *table = calloc(existing + ours + 1, sizeof *table);
    if (table == NULL) {
        return -1;
    }
    for (size_t i = 0; i < existing; i++) {
        table[n++] = old[i];
    }
    for (uint32_t i = 0; i < the_pack.header->module_count; i++) {
        const PyStatic_PackModule *m = &the_pack.modules[i];
        const char *name = pystatic_pack_bytes(&the_pack, m->name_offset);
        if (!(m->code_size > 0 && m->code_size <= INT_MAX
              && (m->name_size == 9
                  || (m->name_size > 9 && name[9] == '.'))
              && memcmp(name, "encodings", 9) == 0)) {
            continue;
        }
        char *copy = strndup(name, m->name_size);
        if (copy == NULL) {
            goto error;
        }
        table[n].name = copy;
        table[n].code = (const unsigned char *)pystatic_pack_bytes(
            &the_pack, m->code_offset);
#if PY_VERSION_HEX >= 0x030B0000
        table[n].size = (int)m->code_size;
        table[n].is_package = (m->flags & PYSTATIC_PACK_PACKAGE) != 0;
#else
        /* 3.10: a package is a negative size. */
        table[n].size = (m->flags & PYSTATIC_PACK_PACKAGE)
                        ? -(int)m->code_size : (int)m->code_size;
#endif
        n++;
    }
    PyImport_FrozenModules = table;
    return 0;

error:
    for (size_t i = existing; i < n; i++) {
        free((char *)table[i].name);
    }
    free(table);
    return -1;
}
