/*
 * The built-in module `_pystatic`: holds StaticExtensionImporter (the meta
 * path finder and loader, like BuiltinImporter a class used through its
 * class methods), installs it in sys.meta_path when imported, and offers a
 * small introspection API:
 *
 *   _pystatic.modules()          tuple of every static module's name
 *   _pystatic.module_info(name)  dict: name, label, is_package, imported
 *   _pystatic.imported()         tuple of the names imported so far
 *   _pystatic.StaticExtensionImporter
 *
 * Importing it in a subinterpreter installs the finder there too (first in
 * sys.meta_path: see finder.c).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdlib.h>
#include <string.h>

#include "pystatic_internal.h"

static PyModuleDef pystatic_moduledef;
static char *module_root;   /* PyStatic_SetModuleRoot */

int
PyStatic_SetModuleRoot(const char *path)
{
    char *copy = NULL;
    if (path != NULL) {
        copy = strdup(path);
        if (copy == NULL) {
            return -1;
        }
    }
    free(module_root);
    module_root = copy;
    return 0;
}

const char *
pystatic_module_root(void)
{
    return module_root;
}

static pystatic_state *
state_from_class(PyTypeObject *cls)
{
#if PY_VERSION_HEX >= 0x030B0000
    PyObject *module = PyType_GetModuleByDef(cls, &pystatic_moduledef);
#else
    PyObject *module = PyType_GetModule(cls);
#endif
    if (module == NULL) {
        return NULL;
    }
    return (pystatic_state *)PyModule_GetState(module);
}

/* ---- StaticExtensionImporter ------------------------------------------ */

/* find_spec(fullname, path=None, target=None): vectorcall, since
 * importlib calls it for every import. */
static PyObject *
importer_find_spec(PyObject *cls, PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    static const char *const names[] = {"fullname", "path", "target"};
    PyObject *given[3] = {NULL, Py_None, Py_None};
    if (nargs > 3) {
        PyErr_Format(PyExc_TypeError, "find_spec() takes at most 3 "
                     "arguments (%zd given)", nargs);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) {
        given[i] = args[i];
    }
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        int slot = -1;
        for (int i = 0; i < 3; i++) {
            if (PyUnicode_CompareWithASCIIString(key, names[i]) == 0) {
                slot = i;
            }
        }
        if (slot < 0 || slot < nargs) {
            PyErr_Format(PyExc_TypeError, slot < 0
                         ? "find_spec() got an unexpected keyword argument "
                           "'%U'"
                         : "find_spec() got multiple values for argument "
                           "'%U'", key);
            return NULL;
        }
        given[slot] = args[nargs + k];
    }
    PyObject *fullname = given[0], *path = given[1];
    if (fullname == NULL) {
        PyErr_SetString(PyExc_TypeError, "find_spec() missing required "
                        "argument 'fullname' (pos 1)");
        return NULL;
    }
    if (!PyUnicode_Check(fullname)) {
        PyErr_Format(PyExc_TypeError, "find_spec() argument 'fullname' must "
                     "be str, not %.50s", Py_TYPE(fullname)->tp_name);
        return NULL;
    }
    pystatic_state *state = state_from_class((PyTypeObject *)cls);
    if (state == NULL) {
        return NULL;
    }
    return pystatic_find_spec(state, fullname, path);
}

static PyObject *
importer_create_module(PyObject *cls, PyObject *spec)
{
    pystatic_state *state = state_from_class((PyTypeObject *)cls);
    if (state == NULL) {
        return NULL;
    }
    return pystatic_create_module(state, spec);
}

static PyObject *
importer_exec_module(PyObject *cls, PyObject *module)
{
    (void)cls;
    int ok = pystatic_exec_module(module) == 0;
    pystatic_exec_finished(module, ok);
    if (!ok) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static const PyStatic_Module *
entry_or_error(PyObject *fullname)
{
    if (!PyUnicode_Check(fullname)) {
        PyErr_Format(PyExc_TypeError, "expected a module name (str), "
                     "not %.100s", Py_TYPE(fullname)->tp_name);
        return NULL;
    }
    const char *name = PyUnicode_AsUTF8(fullname);
    if (name == NULL) {
        return NULL;
    }
    const PyStatic_Module *entry = pystatic_registry_find(name);
    if (entry == NULL) {
        PyObject *msg = PyUnicode_FromFormat(
            "%R is not a static extension module of this program", fullname);
        if (msg != NULL) {
            PyErr_SetImportError(msg, fullname, NULL);
            Py_DECREF(msg);
        }
    }
    return entry;
}

static PyObject *
importer_is_package(PyObject *cls, PyObject *fullname)
{
    (void)cls;
    if (PyUnicode_Check(fullname)) {
        const char *name = PyUnicode_AsUTF8(fullname);
        if (name == NULL) {
            return NULL;
        }
        if (pystatic_registry_find(name) == NULL
            && pystatic_registry_is_parent(name, strlen(name))) {
            Py_RETURN_TRUE;     /* a parent package we serve */
        }
    }
    const PyStatic_Module *entry = entry_or_error(fullname);
    if (entry == NULL) {
        return NULL;
    }
    return PyBool_FromLong((entry->flags & PYSTATIC_MODULE_IS_PACKAGE) != 0);
}

/* Extension modules have no code object and no source. */
static PyObject *
importer_get_code(PyObject *cls, PyObject *fullname)
{
    (void)cls;
    (void)fullname;
    Py_RETURN_NONE;
}

/* importlib.resources for an extension that is a package with a directory:
 * the reader ExtensionFileLoader gives a .so package, a FileReader over the
 * directory of __spec__.origin.  None for anything else (served parents,
 * packages without a directory, plain modules), as for loaders without
 * resources. */
static PyObject *
importer_get_resource_reader(PyObject *cls, PyObject *fullname)
{
    PyObject *module = NULL, *spec = NULL, *origin = NULL, *path = NULL;
    PyObject *readers = NULL, *types = NULL, *loader = NULL;
    PyObject *result = NULL;
    (void)cls;

    if (!PyUnicode_Check(fullname)) {
        Py_RETURN_NONE;
    }
    const char *name = PyUnicode_AsUTF8(fullname);
    if (name == NULL) {
        return NULL;
    }
    const PyStatic_Module *entry = pystatic_registry_find(name);
    if (entry == NULL || !(entry->flags & PYSTATIC_MODULE_IS_PACKAGE)) {
        Py_RETURN_NONE;
    }
    module = PyImport_GetModule(fullname);
    if (module == NULL) {
        if (PyErr_Occurred()) {
            return NULL;
        }
        Py_RETURN_NONE;
    }
    path = PyObject_GetAttrString(module, "__path__");
    spec = PyObject_GetAttrString(module, "__spec__");
    if (path == NULL || spec == NULL) {
        goto done;
    }
    Py_ssize_t size = PyObject_Length(path);
    if (size < 0) {
        goto done;
    }
    if (size == 0) {
        result = Py_NewRef(Py_None);    /* no directory on disk */
        goto done;
    }
    origin = PyObject_GetAttrString(spec, "origin");
    if (origin == NULL) {
        goto done;
    }
    readers = PyImport_ImportModule("importlib.readers");
    types = PyImport_ImportModule("types");
    if (readers == NULL || types == NULL) {
        goto done;
    }
    loader = PyObject_CallMethod(types, "SimpleNamespace", NULL);
    if (loader == NULL || PyObject_SetAttrString(loader, "path", origin) < 0) {
        goto done;
    }
    result = PyObject_CallMethod(readers, "FileReader", "O", loader);
done:
    Py_XDECREF(module);
    Py_XDECREF(spec);
    Py_XDECREF(origin);
    Py_XDECREF(path);
    Py_XDECREF(readers);
    Py_XDECREF(types);
    Py_XDECREF(loader);
    return result;
}

static PyMethodDef importer_methods[] = {
    {"find_spec", (PyCFunction)(void (*)(void))importer_find_spec,
     METH_FASTCALL | METH_KEYWORDS | METH_CLASS,
     PyDoc_STR("find_spec(fullname, path=None, target=None)\n--\n\n"
               "Spec for a static extension module or for a parent "
               "package of one that has no source of its own.")},
    {"create_module", importer_create_module, METH_O | METH_CLASS,
     PyDoc_STR("Run the module's init function (single- or multi-phase).")},
    {"exec_module", importer_exec_module, METH_O | METH_CLASS,
     PyDoc_STR("Run a multi-phase module's Py_mod_exec slots.")},
    {"is_package", importer_is_package, METH_O | METH_CLASS,
     PyDoc_STR("Whether the named static module is a package.")},
    {"get_code", importer_get_code, METH_O | METH_CLASS,
     PyDoc_STR("None: extension modules have no code object.")},
    {"get_source", importer_get_code, METH_O | METH_CLASS,
     PyDoc_STR("None: extension modules have no source.")},
    {"get_resource_reader", importer_get_resource_reader,
     METH_O | METH_CLASS,
     PyDoc_STR("importlib.resources reader of an extension package that "
               "has a directory, else None.")},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot importer_slots[] = {
    {Py_tp_methods, importer_methods},
    {Py_tp_doc, (void *)PyDoc_STR(
        "Meta path finder and loader for the extension modules linked into "
        "this executable.")},
    {0, NULL},
};

static PyType_Spec importer_spec = {
    .name = "_pystatic.StaticExtensionImporter",
    .basicsize = 0,
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = importer_slots,
};

/* ---- module functions ------------------------------------------------- */

static PyObject *
pystatic_modules(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    PyObject *names = PyTuple_New((Py_ssize_t)pystatic_registry.count);
    if (names == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < pystatic_registry.count; i++) {
        PyObject *name = PyUnicode_FromString(
            pystatic_entry_name(&pystatic_registry.modules[i]));
        if (name == NULL) {
            Py_DECREF(names);
            return NULL;
        }
        PyTuple_SET_ITEM(names, (Py_ssize_t)i, name);
    }
    return names;
}

static PyObject *
pystatic_imported(PyObject *module, PyObject *unused)
{
    (void)module;
    (void)unused;
    PyObject *names = PyList_New(0);
    if (names == NULL) {
        return NULL;
    }
    for (size_t i = 0; i < pystatic_registry.count; i++) {
        const PyStatic_Module *entry = &pystatic_registry.modules[i];
        if (!pystatic_was_imported(entry)) {
            continue;
        }
        PyObject *name = PyUnicode_FromString(pystatic_entry_name(entry));
        if (name == NULL || PyList_Append(names, name) < 0) {
            Py_XDECREF(name);
            Py_DECREF(names);
            return NULL;
        }
        Py_DECREF(name);
    }
    PyObject *result = PyList_AsTuple(names);
    Py_DECREF(names);
    return result;
}

static PyObject *
pystatic_module_info(PyObject *module, PyObject *fullname)
{
    (void)module;
    const PyStatic_Module *entry = entry_or_error(fullname);
    if (entry == NULL) {
        return NULL;
    }
    return Py_BuildValue(
        "{s:s,s:s,s:O,s:O}", "name", pystatic_entry_name(entry), "label",
        pystatic_entry_origin(entry), "is_package",
        (entry->flags & PYSTATIC_MODULE_IS_PACKAGE) ? Py_True : Py_False,
        "imported", pystatic_was_imported(entry) ? Py_True : Py_False);
}

/* The attributes the fast ModuleSpec construction fills (finder.c), in
 * order, or None when this Python's ModuleSpec held something it cannot
 * copy and find_spec() calls ModuleSpec() instead.  For the tests. */
static PyObject *
pystatic_spec_template(PyObject *module, PyObject *unused)
{
    (void)unused;
    pystatic_state *state = PyModule_GetState(module);
    if (state->spec_template == NULL) {
        Py_RETURN_NONE;
    }
    Py_ssize_t n = PyTuple_GET_SIZE(state->spec_template);
    PyObject *names = PyTuple_New(n);
    if (names == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyTuple_GET_ITEM(state->spec_template, i);
        PyTuple_SET_ITEM(names, i, Py_NewRef(PyTuple_GET_ITEM(item, 0)));
    }
    return names;
}

static PyMethodDef module_methods[] = {
    {"modules", pystatic_modules, METH_NOARGS,
     PyDoc_STR("Names of every extension module linked into this program.")},
    {"imported", pystatic_imported, METH_NOARGS,
     PyDoc_STR("Names of the static modules imported so far, in any "
               "interpreter.")},
    {"module_info", pystatic_module_info, METH_O,
     PyDoc_STR("module_info(name) -> dict with the registry entry of a "
               "static module: name, label, is_package, imported.")},
    {"_spec_template", pystatic_spec_template, METH_NOARGS,
     PyDoc_STR("Attributes the fast ModuleSpec construction sets, or None "
               "when ModuleSpec() is called instead (for tests).")},
    {NULL, NULL, 0, NULL},
};

/* ---- installation ----------------------------------------------------- */

/* Inserts the importer first in sys.meta_path, unless an importer of ours
 * is already there (finder.c explains why first). */
static int
install_finder(pystatic_state *state)
{
    PyObject *meta_path = PySys_GetObject("meta_path");     /* borrowed */
    if (meta_path == NULL || !PyList_Check(meta_path)) {
        PyErr_SetString(PyExc_ImportError,
                        "_pystatic: sys.meta_path is missing or not a list");
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(meta_path);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PyList_GET_ITEM(meta_path, i);
        if (PyType_Check(item)
            && strcmp(((PyTypeObject *)item)->tp_name,
                      importer_spec.name) == 0) {
            return 0;
        }
    }
    return PyList_Insert(meta_path, 0, state->importer_type);
}

static int
pystatic_exec(PyObject *module)
{
    pystatic_state *state = PyModule_GetState(module);
    PyObject *bootstrap = NULL, *machinery = NULL, *suffixes = NULL;
    char err[512];

    /* Again for embedders that do not use the launcher; O(1) unless the
     * full check is on (see pystatic_check_registry_at_startup). */
    if (pystatic_check_registry_at_startup(err, sizeof err) < 0) {
        PyErr_Format(PyExc_ImportError, "_pystatic: %s", err);
        goto error;
    }
    state->importer_type = PyType_FromModuleAndSpec(module, &importer_spec,
                                                    NULL);
    if (state->importer_type == NULL) {
        goto error;
    }
    if (PyModule_AddObjectRef(module, "StaticExtensionImporter",
                              state->importer_type) < 0) {
        goto error;
    }
    /* The import system's own modules, which every initialized interpreter
     * has in sys.modules: importlib.machinery re-exports these very objects,
     * but importing it (importlib/__init__.py and machinery.py, from disk)
     * cost 1.9 M instructions, 7% of a hello world's start-up on 3.12. */
    bootstrap = PyImport_ImportModule("_frozen_importlib");
    if (bootstrap == NULL) {
        goto error;
    }
    machinery = PyImport_ImportModule("_frozen_importlib_external");
    if (machinery == NULL) {
        goto error;
    }
    state->module_spec = PyObject_GetAttrString(bootstrap, "ModuleSpec");
    if (state->module_spec == NULL) {
        goto error;
    }
    state->path_finder = PyObject_GetAttrString(machinery, "PathFinder");
    if (state->path_finder == NULL) {
        goto error;
    }
    suffixes = PyObject_GetAttrString(machinery, "EXTENSION_SUFFIXES");
    if (suffixes == NULL) {
        goto error;
    }
    if (PyList_Check(suffixes) && PyList_GET_SIZE(suffixes) > 0
        && PyUnicode_Check(PyList_GET_ITEM(suffixes, 0))) {
        state->ext_suffix = Py_NewRef(PyList_GET_ITEM(suffixes, 0));
    }
    else {
        state->ext_suffix = PyUnicode_FromString(".so");
        if (state->ext_suffix == NULL) {
            goto error;
        }
    }
    if (pystatic_finder_make_template(state) < 0
        || pystatic_finder_find_shadowed(state) < 0
        || install_finder(state) < 0
        || pystatic_fastpath_install(module) < 0) {
        goto error;
    }
    if (PyInterpreterState_Get() == PyInterpreterState_Main()) {
        pystatic_debug_report_registry();
    }
    Py_DECREF(bootstrap);
    Py_DECREF(machinery);
    Py_DECREF(suffixes);
    return 0;

error:
    Py_XDECREF(bootstrap);
    Py_XDECREF(machinery);
    Py_XDECREF(suffixes);
    return -1;
}

static int
pystatic_traverse(PyObject *module, visitproc visit, void *arg)
{
    pystatic_state *state = PyModule_GetState(module);
    Py_VISIT(state->importer_type);
    Py_VISIT(state->module_spec);
    Py_VISIT(state->path_finder);
    Py_VISIT(state->ext_suffix);
    Py_VISIT(state->str_name);
    Py_VISIT(state->str_origin);
    Py_VISIT(state->spec_template);
    Py_VISIT(state->shadowed);
    return 0;
}

static int
pystatic_clear(PyObject *module)
{
    pystatic_state *state = PyModule_GetState(module);
    Py_CLEAR(state->importer_type);
    Py_CLEAR(state->module_spec);
    Py_CLEAR(state->path_finder);
    Py_CLEAR(state->ext_suffix);
    Py_CLEAR(state->str_name);
    Py_CLEAR(state->str_origin);
    Py_CLEAR(state->spec_template);
    Py_CLEAR(state->shadowed);
    return 0;
}

static void
pystatic_free(void *module)
{
    pystatic_clear((PyObject *)module);
    /* The dict copies belong to the main interpreter; dropped when its
     * _pystatic goes away at finalization. */
    if (PyInterpreterState_Get() == PyInterpreterState_Main()) {
#if PY_VERSION_HEX < 0x030F0000
        pystatic_singlephase_clear_cache();
#endif
    }
}

static PyModuleDef_Slot pystatic_slots[] = {
    {Py_mod_exec, pystatic_exec},
#if PY_VERSION_HEX >= 0x030C0000
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
    {0, NULL},
};

static PyModuleDef pystatic_moduledef = {
    PyModuleDef_HEAD_INIT,
    .m_name = PYSTATIC_MODULE_NAME,
    .m_doc = PyDoc_STR("Imports the extension modules linked into this "
                       "executable (rules_pystatic)."),
    .m_size = sizeof(pystatic_state),
    .m_methods = module_methods,
    .m_slots = pystatic_slots,
    .m_traverse = pystatic_traverse,
    .m_clear = pystatic_clear,
    .m_free = pystatic_free,
};

PyMODINIT_FUNC
PyStatic_ModuleInit(void)
{
    return PyModuleDef_Init(&pystatic_moduledef);
}

/* Weak: only a toolchain with the stdlib's extension objects defines it. */
extern struct _inittab pystatic_stdlib_inittab[] __attribute__((weak));

int
PyStatic_AppendInittab(void)
{
    if (pystatic_stdlib_inittab != NULL
        && PyImport_ExtendInittab(pystatic_stdlib_inittab) < 0) {
        return -1;
    }
    return PyImport_AppendInittab(PYSTATIC_MODULE_NAME, PyStatic_ModuleInit);
}
