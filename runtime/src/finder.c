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
 *     "pkg.sub._mod") is first given to the finders after ours in
 *     sys.meta_path, so a real __init__.py, a namespace directory or a
 *     packed package always wins; only when none finds it do we serve an
 *     empty package (__path__ == [], no __file__).
 *   - Anything else: None, and the next finder runs.
 *
 * The finder is first in sys.meta_path, so an import of a static module
 * does not first pay for BuiltinImporter and FrozenImporter (two more
 * Python-level finders and their linear scans).  Built-in and frozen
 * modules still win for their names, as they would over a .so: a name that
 * one of them serves (and that is registered here, as a module or a parent
 * package: `state->shadowed`, computed once) gets None from this finder.
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
    if (PyList_CheckExact(path)) {
        if (PyList_GET_SIZE(path) == 0
            || !PyUnicode_Check(PyList_GET_ITEM(path, 0))) {
            return NULL;
        }
        return Py_NewRef(PyList_GET_ITEM(path, 0));
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

/* ModuleSpec(fullname, StaticExtensionImporter, origin=origin,
 * is_package=...) with has_location set when there is an origin: the
 * Python-level constructor, used for served parent packages and when no
 * template could be made. */
static PyObject *
new_spec_slow(pystatic_state *state, PyObject *fullname, PyObject *origin,
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

/* How the spec template (state->spec_template, a tuple of (attribute,
 * value), and state->spec_kinds) fills each attribute of a new spec. */
enum {
    TEMPLATE_CONSTANT = 0,  /* value as is (loader, None, True, ...) */
    TEMPLATE_NAME = 1,      /* the module's name */
    TEMPLATE_ORIGIN = 2,    /* its origin */
    TEMPLATE_NEW_LIST = 3,  /* a new empty list (never shared) */
    TEMPLATE_LOCATIONS = 4, /* submodule_search_locations */
};

/* Records, once, which attributes this Python's ModuleSpec.__init__ sets
 * (and in which order) for a static module's spec, so that find_spec()
 * can set the same ones from C without running __init__ and the
 * has_location setter for every import.  No template (NULL, and the slow
 * path) if the attributes hold anything this code does not know how to
 * copy. */
int
pystatic_finder_make_template(pystatic_state *state)
{
    PyObject *name = NULL, *origin = NULL, *spec = NULL, *dict = NULL;
    PyObject *items = NULL, *key, *value;
    Py_ssize_t pos = 0;
    int seen = 0, result = -1;

    state->str_name = PyUnicode_InternFromString("name");
    state->str_origin = PyUnicode_InternFromString("origin");
    if (state->str_name == NULL || state->str_origin == NULL) {
        goto done;
    }
    name = PyUnicode_FromString("_pystatic.template");
    origin = PyUnicode_FromString("/_pystatic/template.so");
    if (name == NULL || origin == NULL) {
        goto done;
    }
    spec = new_spec_slow(state, name, origin, 0);
    if (spec == NULL) {
        goto done;
    }
    dict = PyObject_GenericGetDict(spec, NULL);
    items = PyList_New(0);
    if (dict == NULL || items == NULL) {
        goto done;
    }
    while (PyDict_Next(dict, &pos, &key, &value)) {
        int kind;
        if (value == name) {
            kind = TEMPLATE_NAME;
        }
        else if (value == origin) {
            kind = TEMPLATE_ORIGIN;
        }
        else if (PyUnicode_Check(key) && PyUnicode_CompareWithASCIIString(
                     key, "submodule_search_locations") == 0) {
            kind = TEMPLATE_LOCATIONS;
        }
        else if (PyList_CheckExact(value) && PyList_GET_SIZE(value) == 0) {
            kind = TEMPLATE_NEW_LIST;
        }
        else if (value == Py_None || PyBool_Check(value)
                 || value == state->importer_type) {
            kind = TEMPLATE_CONSTANT;
        }
        else {
            result = 0;     /* unknown: keep the slow path */
            goto done;
        }
        if (PyList_GET_SIZE(items) >= (Py_ssize_t)(
                sizeof state->spec_kinds / sizeof state->spec_kinds[0])) {
            result = 0;
            goto done;
        }
        state->spec_kinds[PyList_GET_SIZE(items)] = kind;
        seen |= 1 << kind;
        PyObject *item = PyTuple_Pack(2, key, value);
        if (item == NULL || PyList_Append(items, item) < 0) {
            Py_XDECREF(item);
            goto done;
        }
        Py_DECREF(item);
    }
    result = 0;
    if ((seen & (1 << TEMPLATE_NAME)) && (seen & (1 << TEMPLATE_ORIGIN))
        && (seen & (1 << TEMPLATE_LOCATIONS))) {
        state->spec_template = PyList_AsTuple(items);
        if (state->spec_template == NULL) {
            result = -1;
        }
    }
done:
    Py_XDECREF(name);
    Py_XDECREF(origin);
    Py_XDECREF(spec);
    Py_XDECREF(dict);
    Py_XDECREF(items);
    return result;
}

/* The spec of a static module: what new_spec_slow() makes, built from the
 * template.  `locations` is the package's submodule_search_locations, or
 * NULL for a module that is not a package. */
static PyObject *
new_spec(pystatic_state *state, PyObject *fullname, PyObject *origin,
         PyObject *locations)
{
    if (state->spec_template == NULL) {
        PyObject *spec = new_spec_slow(state, fullname, origin,
                                       locations != NULL);
        if (spec != NULL && locations != NULL
            && PyObject_SetAttrString(spec, "submodule_search_locations",
                                      locations) < 0) {
            Py_CLEAR(spec);
        }
        return spec;
    }
    /* object.__new__(ModuleSpec): the class's tp_alloc alone would leave
     * the instance without its inline values (3.12+), and every store
     * below would then go to a __dict__ of its own. */
    PyTypeObject *type = (PyTypeObject *)state->module_spec;
    PyObject *empty = PyTuple_New(0);
    if (empty == NULL) {
        return NULL;
    }
    PyObject *spec = PyBaseObject_Type.tp_new(type, empty, NULL);
    Py_DECREF(empty);
    if (spec == NULL) {
        return NULL;
    }
    /* Attribute by attribute, in the order __init__ sets them, so the
     * instance keeps the layout (inline values, shared keys) that
     * importlib's specialized attribute reads expect; filling __dict__
     * directly costs more later than it saves here.  Through
     * PyObject_GenericSetAttr() itself when that is the class's setattr
     * (a plain class): PyObject_SetAttr() would only add the dispatch and
     * a check that the (interned) name is interned. */
    setattrofunc setattr = type->tp_setattro == PyObject_GenericSetAttr
                           ? PyObject_GenericSetAttr : PyObject_SetAttr;
    Py_ssize_t n = PyTuple_GET_SIZE(state->spec_template);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(state->spec_template, i);
        PyObject *value = PyTuple_GET_ITEM(item, 1);
        PyObject *fresh = NULL;
        switch (state->spec_kinds[i]) {
        case TEMPLATE_NAME:
            value = fullname;
            break;
        case TEMPLATE_ORIGIN:
            value = origin;
            break;
        case TEMPLATE_NEW_LIST:
            value = fresh = PyList_New(0);
            break;
        case TEMPLATE_LOCATIONS:
            value = locations != NULL ? locations : Py_None;
            break;
        default:
            break;
        }
        if (value == NULL
            || setattr(spec, PyTuple_GET_ITEM(item, 0), value) < 0) {
            Py_XDECREF(fresh);
            Py_DECREF(spec);
            return NULL;
        }
        Py_XDECREF(fresh);
    }
    return spec;
}

/* PyUnicode_CopyCharacters(), as a memcpy when the kinds match. */
static int
copy_chars(PyObject *to, Py_ssize_t at, PyObject *from, Py_ssize_t start,
           Py_ssize_t count)
{
    const int kind = PyUnicode_KIND(to);
    if (PyUnicode_KIND(from) != kind) {
        return PyUnicode_CopyCharacters(to, at, from, start, count) < 0
               ? -1 : 0;
    }
    memcpy((char *)PyUnicode_DATA(to) + at * kind,
           (const char *)PyUnicode_DATA(from) + start * kind,
           (size_t)(count * kind));
    return 0;
}

/* dir + "/" + name[start:end] + tail, one allocation (dir may be empty:
 * then no "/"). */
static PyObject *
path_join(PyObject *dir, PyObject *name, Py_ssize_t start, Py_ssize_t end,
          PyObject *tail)
{
    const Py_ssize_t dlen = PyUnicode_GET_LENGTH(dir);
    const Py_ssize_t slash = dlen > 0 ? 1 : 0;
    const Py_ssize_t tlen = PyUnicode_GET_LENGTH(tail);
    Py_UCS4 maxchar = PyUnicode_MAX_CHAR_VALUE(dir);
    if (PyUnicode_MAX_CHAR_VALUE(name) > maxchar) {
        maxchar = PyUnicode_MAX_CHAR_VALUE(name);
    }
    if (PyUnicode_MAX_CHAR_VALUE(tail) > maxchar) {
        maxchar = PyUnicode_MAX_CHAR_VALUE(tail);
    }
    PyObject *out = PyUnicode_New(dlen + slash + (end - start) + tlen,
                                  maxchar);
    if (out == NULL) {
        return NULL;
    }
    Py_ssize_t at = 0;
    if (copy_chars(out, at, dir, 0, dlen) < 0) {
        goto error;
    }
    at += dlen;
    if (slash && PyUnicode_WriteChar(out, at++, '/') < 0) {
        goto error;
    }
    if (copy_chars(out, at, name, start, end - start) < 0) {
        goto error;
    }
    at += end - start;
    if (copy_chars(out, at, tail, 0, tlen) < 0) {
        goto error;
    }
    return out;
error:
    Py_DECREF(out);
    return NULL;
}

static PyObject *
static_module_spec(pystatic_state *state, const PyStatic_Module *entry,
                   PyObject *fullname, PyObject *path)
{
    PyObject *dir = NULL, *filename = NULL, *pkgdir = NULL, *origin = NULL;
    PyObject *spec = NULL, *locations = NULL;
    const int is_package = (entry->flags & PYSTATIC_MODULE_IS_PACKAGE) != 0;
    Py_ssize_t len = PyUnicode_GET_LENGTH(fullname);
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
    if (is_package) {
        /* <dir>/<short>/__init__<suffix>, and <dir>/<short> as __path__
         * if it is a directory. */
        PyObject *empty = PyUnicode_FromString("");
        if (empty == NULL) {
            goto done;
        }
        pkgdir = path_join(dir, fullname, dot + 1, len, empty);
        Py_DECREF(empty);
        filename = PyUnicode_FromFormat("__init__%U", state->ext_suffix);
        if (pkgdir == NULL || filename == NULL) {
            goto done;
        }
        origin = join(pkgdir, filename);
        if (origin == NULL) {
            goto done;
        }
        locations = is_directory(pkgdir) ? PyList_New(1) : PyList_New(0);
        if (locations == NULL) {
            goto done;
        }
        if (PyList_GET_SIZE(locations) == 1) {
            PyList_SET_ITEM(locations, 0, Py_NewRef(pkgdir));
        }
    }
    else {
        /* <dir>/<short><suffix> */
        origin = path_join(dir, fullname, dot + 1, len, state->ext_suffix);
        if (origin == NULL) {
            goto done;
        }
    }
    spec = new_spec(state, fullname, origin, locations);
done:
    Py_XDECREF(dir);
    Py_XDECREF(filename);
    Py_XDECREF(pkgdir);
    Py_XDECREF(origin);
    Py_XDECREF(locations);
    return spec;
}

/* A name that is only a parent package of registered names: the finders
 * after ours in sys.meta_path come first (PathFinder for a real __init__.py
 * or a namespace directory, the single-file PackedImporter for a packed
 * one, ...), as if ours were last for these names; only when none finds it
 * do we serve an empty package.  If ours is not in sys.meta_path (a direct
 * call), PathFinder alone is asked. */
static PyObject *
parent_package_spec(pystatic_state *state, PyObject *fullname,
                    PyObject *path)
{
    PyObject *meta_path = PySys_GetObject("meta_path");     /* borrowed */
    PyObject *finders = NULL, *spec = NULL;
    int after = 0;

    if (path == NULL) {
        path = Py_None;
    }
    if (meta_path != NULL && PyList_Check(meta_path)) {
        finders = PyList_AsTuple(meta_path);
        if (finders == NULL) {
            return NULL;
        }
        for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(finders); i++) {
            PyObject *finder = PyTuple_GET_ITEM(finders, i);
            if (finder == state->importer_type) {
                after = 1;
                continue;
            }
            if (!after) {
                continue;
            }
            PyObject *find = PyObject_GetAttrString(finder, "find_spec");
            if (find == NULL) {
                if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
                    goto done;
                }
                PyErr_Clear();
                continue;   /* as importlib: no find_spec, not a finder */
            }
            spec = PyObject_CallFunctionObjArgs(find, fullname, path, NULL);
            Py_DECREF(find);
            if (spec == NULL || spec != Py_None) {
                goto done;      /* an error, or found by that finder */
            }
            Py_CLEAR(spec);
        }
    }
    if (!after) {
        spec = PyObject_CallMethod(state->path_finder, "find_spec", "OO",
                                   fullname, path);
        if (spec == NULL || spec != Py_None) {
            goto done;
        }
        Py_CLEAR(spec);
    }
    spec = new_spec_slow(state, fullname, Py_None, 1);
done:
    Py_XDECREF(finders);
    return spec;
}

/* Names of built-in and frozen modules that are also registered here (as
 * a module or a parent package): for those, find_spec() asks whether
 * BuiltinImporter or FrozenImporter would serve the name, and leaves it to
 * them if so.  NULL when there are none (the usual case). */
static int
add_if_registered(PyObject **set, const char *name)
{
    if (pystatic_registry_probe(&pystatic_registry, name, strlen(name))
            == NULL) {
        return 0;
    }
    if (*set == NULL && (*set = PySet_New(NULL)) == NULL) {
        return -1;
    }
    PyObject *str = PyUnicode_FromString(name);
    if (str == NULL) {
        return -1;
    }
    int rc = PySet_Add(*set, str);
    Py_DECREF(str);
    return rc;
}

int
pystatic_finder_find_shadowed(pystatic_state *state)
{
    PyObject *set = NULL;

    for (const struct _inittab *p = PyImport_Inittab; p->name != NULL; p++) {
        if (add_if_registered(&set, p->name) < 0) {
            goto error;
        }
    }
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *imp = PyImport_ImportModule("_imp");
    if (imp == NULL) {
        goto error;
    }
    PyObject *names = PyObject_CallMethod(imp, "_frozen_module_names", NULL);
    Py_DECREF(imp);
    if (names == NULL) {
        goto error;
    }
    PyObject *seq = PySequence_Fast(names, "frozen module names");
    Py_DECREF(names);
    if (seq == NULL) {
        goto error;
    }
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(seq); i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, i);
        const char *name = PyUnicode_Check(item) ? PyUnicode_AsUTF8(item)
                                                 : NULL;
        if (name == NULL) {
            PyErr_Clear();
            continue;
        }
        if (add_if_registered(&set, name) < 0) {
            Py_DECREF(seq);
            goto error;
        }
    }
    Py_DECREF(seq);
#else
    for (const struct _frozen *p = PyImport_FrozenModules;
         p != NULL && p->name != NULL; p++) {
        if (add_if_registered(&set, p->name) < 0) {
            goto error;
        }
    }
#endif
    state->shadowed = set;
    return 0;
error:
    Py_XDECREF(set);
    return -1;
}

/* 1 if BuiltinImporter or FrozenImporter serves `fullname`, 0 if not, -1
 * with an exception set. */
static int
builtin_or_frozen(PyObject *fullname)
{
    PyObject *imp = PyImport_ImportModule("_imp");
    if (imp == NULL) {
        return -1;
    }
    PyObject *res = PyObject_CallMethod(imp, "is_builtin", "O", fullname);
    int found = res == NULL ? -1 : PyObject_IsTrue(res);
    Py_XDECREF(res);
    if (found == 0) {
#if PY_VERSION_HEX >= 0x030B0000
        res = PyObject_CallMethod(imp, "find_frozen", "O", fullname);
        found = res == NULL ? -1 : res != Py_None;
#else
        res = PyObject_CallMethod(imp, "is_frozen", "O", fullname);
        found = res == NULL ? -1 : PyObject_IsTrue(res);
#endif
        Py_XDECREF(res);
    }
    Py_DECREF(imp);
    return found;
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
    /* A name with an embedded NUL matches nothing: registered names have
     * none, and the lookup compares all `size` bytes. */
    int is_parent;
    const PyStatic_Module *entry = pystatic_registry_lookup(
        name, (size_t)size, &is_parent);
    if (entry == NULL && !is_parent) {
        Py_RETURN_NONE;
    }
    return pystatic_find_spec_of_entry(state, entry, fullname, path);
}

PyObject *
pystatic_find_spec_of_entry(pystatic_state *state,
                            const PyStatic_Module *entry, PyObject *fullname,
                            PyObject *path)
{
    if (state->shadowed != NULL) {
        int rc = PySet_Contains(state->shadowed, fullname);
        if (rc > 0) {
            rc = builtin_or_frozen(fullname);
        }
        if (rc < 0) {
            return NULL;
        }
        if (rc > 0) {
            Py_RETURN_NONE;     /* theirs, as with a .so */
        }
    }
    if (entry != NULL) {
        return static_module_spec(state, entry, fullname, path);
    }
    return parent_package_spec(state, fullname, path);
}
