/*
 * find_spec(): the meta path finder, placed before PathFinder.
 *
 *   - A registered name gets a spec whose loader is StaticExtensionImporter
 *     and whose origin (and so __file__) is the path the .so would have in
 *     its package directory: "<dir>/<short><EXTENSION_SUFFIXES[0]>", where
 *     <dir> is the parent package's first __path__ entry, or, for a
 *     top-level module or a parent package with no directory, the module
 *     root (the program's first sys.path entry) joined with the parent's
 *     components.  No file exists there: the path serves
 *     os.path.dirname(__file__) for package data, and the extension suffix
 *     tells inspect/pydoc that there is no Python source.
 *     An extension that is itself a package gets
 *     "<dir>/<short>/__init__<suffix>" and, as __path__, its directory if
 *     that exists (so pure-Python submodules next to it are found), else [].
 *   - A name that is only a parent of registered names ("pkg" for
 *     "pkg.sub._mod") is first looked up by PathFinder, so a real
 *     __init__.py or a namespace directory always wins; only when there is
 *     none do we serve an empty package (__path__ == [], no __file__).
 *   - Anything else: None, and the next finder runs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string.h>
#include <sys/stat.h>

#include "pystatic_internal.h"

/* First item of a parent package's __path__ (a list or a _NamespacePath)
 * if it is a str; NULL with no exception if there is none. */
static PyObject *
first_path_entry(PyObject *path)
{
    PyObject *first = NULL;
    if (path == NULL || path == Py_None) {
        return NULL;
    }
    PyObject *it = PyObject_GetIter(path);
    if (it == NULL) {
        PyErr_Clear();
        return NULL;
    }
    first = PyIter_Next(it);
    Py_DECREF(it);
    if (first == NULL) {
        PyErr_Clear();
        return NULL;
    }
    if (!PyUnicode_Check(first)) {
        Py_DECREF(first);
        return NULL;
    }
    return first;
}

/* "a/b" joined with "c"; an empty `dir` gives "c". */
static PyObject *
join(PyObject *dir, PyObject *name)
{
    if (PyUnicode_GetLength(dir) == 0) {
        return Py_NewRef(name);
    }
    return PyUnicode_FromFormat("%U/%U", dir, name);
}

/* The module root: set by the launcher, else the executable's directory. */
static PyObject *
module_root(void)
{
    const char *root = pystatic_module_root();
    if (root != NULL) {
        return PyUnicode_DecodeFSDefault(root);
    }
    PyObject *exe = PySys_GetObject("executable");    /* borrowed */
    if (exe == NULL || !PyUnicode_Check(exe)
        || PyUnicode_GetLength(exe) == 0) {
        return PyUnicode_FromString("");
    }
    Py_ssize_t slash = PyUnicode_FindChar(exe, '/', 0,
                                          PyUnicode_GetLength(exe), -1);
    if (slash == -2) {
        return NULL;
    }
    if (slash < 0) {
        return PyUnicode_FromString("");
    }
    return PyUnicode_Substring(exe, 0, slash > 0 ? slash : 1);
}

/* The directory a module's .so would be in: "<root>/a/b" for "a.b.c"
 * (`dot` is the index of the last '.'), "<root>" for a top-level name. */
static PyObject *
directory_from_root(PyObject *fullname, Py_ssize_t dot)
{
    PyObject *root = NULL, *parent = NULL, *dot_str = NULL;
    PyObject *slash_str = NULL, *rel = NULL, *dir = NULL;

    root = module_root();
    if (root == NULL || dot < 0) {
        return root;
    }
    parent = PyUnicode_Substring(fullname, 0, dot);
    dot_str = PyUnicode_FromString(".");
    slash_str = PyUnicode_FromString("/");
    if (parent == NULL || dot_str == NULL || slash_str == NULL) {
        goto done;
    }
    rel = PyUnicode_Replace(parent, dot_str, slash_str, -1);
    if (rel == NULL) {
        goto done;
    }
    dir = join(root, rel);
done:
    Py_XDECREF(root);
    Py_XDECREF(parent);
    Py_XDECREF(dot_str);
    Py_XDECREF(slash_str);
    Py_XDECREF(rel);
    return dir;
}

static int
is_directory(PyObject *path)
{
    struct stat st;
    PyObject *bytes = PyUnicode_EncodeFSDefault(path);
    if (bytes == NULL) {
        PyErr_Clear();
        return 0;
    }
    int found = stat(PyBytes_AS_STRING(bytes), &st) == 0
                && S_ISDIR(st.st_mode);
    Py_DECREF(bytes);
    return found;
}

static PyObject *
new_spec(pystatic_state *state, PyObject *fullname, PyObject *origin,
         int is_package)
{
    PyObject *args = NULL, *kwargs = NULL, *spec = NULL;

    args = PyTuple_Pack(2, fullname, state->importer_type);
    kwargs = Py_BuildValue("{s:O,s:O}", "origin", origin, "is_package",
                           is_package ? Py_True : Py_False);
    if (args == NULL || kwargs == NULL) {
        goto done;
    }
    spec = PyObject_Call(state->module_spec, args, kwargs);
    if (spec == NULL) {
        goto done;
    }
    if (origin != Py_None
        && PyObject_SetAttrString(spec, "has_location", Py_True) < 0) {
        Py_CLEAR(spec);
    }
done:
    Py_XDECREF(args);
    Py_XDECREF(kwargs);
    return spec;
}

static PyObject *
static_module_spec(pystatic_state *state, const PyStatic_Module *entry,
                   PyObject *fullname, PyObject *path)
{
    PyObject *dir = NULL, *shortname = NULL, *filename = NULL;
    PyObject *pkgdir = NULL, *origin = NULL, *spec = NULL;
    PyObject *locations = NULL;
    const int is_package = (entry->flags & PYSTATIC_MODULE_IS_PACKAGE) != 0;
    Py_ssize_t len = PyUnicode_GetLength(fullname);
    Py_ssize_t dot = PyUnicode_FindChar(fullname, '.', 0, len, -1);

    if (dot == -2) {
        return NULL;
    }
    dir = dot >= 0 ? first_path_entry(path) : NULL;
    if (dir == NULL) {
        dir = directory_from_root(fullname, dot);
        if (dir == NULL) {
            goto done;
        }
    }
    shortname = PyUnicode_Substring(fullname, dot + 1, len);
    if (shortname == NULL) {
        goto done;
    }
    if (is_package) {
        pkgdir = join(dir, shortname);
        if (pkgdir == NULL) {
            goto done;
        }
        filename = PyUnicode_FromFormat("__init__%U", state->ext_suffix);
        if (filename == NULL) {
            goto done;
        }
        origin = join(pkgdir, filename);
    }
    else {
        filename = PyUnicode_FromFormat("%U%U", shortname,
                                        state->ext_suffix);
        if (filename == NULL) {
            goto done;
        }
        origin = join(dir, filename);
    }
    if (origin == NULL) {
        goto done;
    }
    spec = new_spec(state, fullname, origin, is_package);
    if (spec == NULL || !is_package) {
        goto done;
    }
    locations = is_directory(pkgdir) ? PyList_New(1) : PyList_New(0);
    if (locations == NULL) {
        Py_CLEAR(spec);
        goto done;
    }
    if (PyList_GET_SIZE(locations) == 1) {
        PyList_SET_ITEM(locations, 0, Py_NewRef(pkgdir));
    }
    if (PyObject_SetAttrString(spec, "submodule_search_locations",
                               locations) < 0) {
        Py_CLEAR(spec);
    }
done:
    Py_XDECREF(dir);
    Py_XDECREF(shortname);
    Py_XDECREF(filename);
    Py_XDECREF(pkgdir);
    Py_XDECREF(origin);
    Py_XDECREF(locations);
    return spec;
}

static PyObject *
parent_package_spec(pystatic_state *state, PyObject *fullname,
                    PyObject *path)
{
    PyObject *spec = PyObject_CallMethod(state->path_finder, "find_spec",
                                         "OO", fullname,
                                         path != NULL ? path : Py_None);
    if (spec == NULL || spec != Py_None) {
        /* Found on disk: a regular package or a namespace directory. */
        return spec;
    }
    Py_DECREF(spec);
    return new_spec(state, fullname, Py_None, 1);
}

PyObject *
pystatic_find_spec(pystatic_state *state, PyObject *fullname, PyObject *path)
{
    Py_ssize_t size;

    if (!PyUnicode_Check(fullname)) {
        PyErr_Format(PyExc_TypeError, "find_spec() argument 1 must be str, "
                     "not %.100s", Py_TYPE(fullname)->tp_name);
        return NULL;
    }
    const char *name = PyUnicode_AsUTF8AndSize(fullname, &size);
    if (name == NULL) {
        /* Not encodable (lone surrogates): not one of ours. */
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    if (strlen(name) != (size_t)size) {
        Py_RETURN_NONE;     /* embedded NUL */
    }
    int is_parent;
    const PyStatic_Module *entry = pystatic_registry_lookup(
        name, (size_t)size, &is_parent);
    if (entry != NULL) {
        return static_module_spec(state, entry, fullname, path);
    }
    if (is_parent) {
        return parent_package_spec(state, fullname, path);
    }
    Py_RETURN_NONE;
}
