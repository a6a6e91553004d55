/*
 * The fast import path: importlib._bootstrap._find_and_load replaced, for
 * static extension modules only, by C code that does what importlib's
 * Python code would do for them, in the same order, with importlib's own
 * module locks.  Everything else goes to the original function.
 *
 * Why there: for every import of a name not (fully) in sys.modules,
 * CPython's import.c (3.10-3.15) calls `_find_and_load` of
 * `_frozen_importlib` (== importlib._bootstrap) by attribute, after it has
 * raised the "import" audit event and while it times the call for
 * -X importtime; importlib.import_module() reaches the same function as a
 * global of that module.  Replacing the attribute keeps both, and keeps
 * every other caller of importlib untouched.
 *
 * The fast path runs only when all of these hold (else the original
 * _find_and_load runs, with no side effect done before):
 *   - the name is a registered static module (not a parent package) and
 *     not in sys.modules at all (a module there, even initializing, is
 *     importlib's business: it waits on the lock and checks it);
 *   - our importer is sys.meta_path[0], so no user finder could claim the
 *     name first (one placed before ours is consulted by importlib, as
 *     always);
 *   - the parent package, if any, is already in sys.modules and has a
 *     __path__ (on 3.14+: is not itself initializing);
 *   - nobody holds or waits on the module's lock (_module_locks has no
 *     live entry for it);
 *   - our finder gives a spec (it gives None for a name a built-in or
 *     frozen module serves).
 * Not installed at all: on 3.15+ (its _find_and_load also raises the audit
 * event, resolves lazy imports and parents: not mirrored here yet), under
 * -v (importlib's verbose messages), when _ModuleLock's layout is not one
 * this file knows, or with PYSTATIC_FAST_IMPORT=0.
 *
 * The module lock is importlib's own _ModuleLock, made and taken from C
 * (fastpath_lock.c); the steps under it are importlib's
 * _find_and_load_unlocked() and _load_unlocked() (fastpath_load.c).  This
 * file holds the replacement function, the checks above, and its
 * installation.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "pystatic_internal.h"
#include "fastpath.h"

#define FAST_IMPORT_ENV "PYSTATIC_FAST_IMPORT"

pystatic_fastpath_names pystatic_fastpath_str;

static int
intern_names(void)
{
    struct {
        PyObject **slot;
        const char *text;
    } names[] = {
        {&FP_STR(lock), "lock"}, {&FP_STR(wakeup), "wakeup"},
        {&FP_STR(name), "name"}, {&FP_STR(owner), "owner"},
        {&FP_STR(count), "count"}, {&FP_STR(waiters), "waiters"},
        {&FP_STR(initializing), "_initializing"},
        {&FP_STR(spec), "__spec__"}, {&FP_STR(path), "__path__"},
        {&FP_STR(loader), "__loader__"}, {&FP_STR(package), "__package__"},
        {&FP_STR(file), "__file__"}, {&FP_STR(dunder_name), "__name__"},
        {&FP_STR(getattr), "__getattr__"},
        {&FP_STR(set_fileattr), "_set_fileattr"},
        {&FP_STR(cached), "_cached"},
        {&FP_STR(locations), "submodule_search_locations"},
        {&FP_STR(uninit), "_uninitialized_submodules"},
        {&FP_STR(create), "create_module"}, {&FP_STR(exec), "exec_module"},
        {&FP_STR(acquire), "acquire"}, {&FP_STR(release), "release"},
        {&FP_STR(origin), "origin"}, {&FP_STR(modules), "modules"},
        {&FP_STR(meta_path), "meta_path"}, {&FP_STR(dict), "__dict__"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (*names[i].slot == NULL) {
            *names[i].slot = PyUnicode_InternFromString(names[i].text);
            if (*names[i].slot == NULL) {
                return -1;
            }
        }
    }
    return 0;
}

/* ---- the original, for everything not taken here --------------------- */

/* Never inlined: a profile (bench/measure.py's breakdown) tells the fast
 * path's own work from importlib's, which runs under this call.  The call
 * costs nothing next to importlib's Python code. */
static PyObject * __attribute__((noinline))
defer_to_importlib(PyObject *ctx, PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    PyObject *original = CTX(ctx, CTX_ORIGINAL);
#if PY_VERSION_HEX >= 0x030C0000
    return PyObject_Vectorcall(original, args, nargs, kwnames);
#else
    /* PyObject_Vectorcall() is inline here, over private symbols. */
    if (kwnames == NULL) {
        return PyObject_VectorcallDict(original, args, nargs, NULL);
    }
    PyObject *kwargs = PyDict_New();
    if (kwargs == NULL) {
        return NULL;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(kwnames); i++) {
        if (PyDict_SetItem(kwargs, PyTuple_GET_ITEM(kwnames, i),
                           args[nargs + i]) < 0) {
            Py_DECREF(kwargs);
            return NULL;
        }
    }
    PyObject *result = PyObject_VectorcallDict(original, args, nargs,
                                               kwargs);
    Py_DECREF(kwargs);
    return result;
#endif
}

/* _find_and_load(name, import_) */
static PyObject *
fast_find_and_load(PyObject *ctx, PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    if (kwnames != NULL || nargs != 2 || !PyUnicode_CheckExact(args[0])) {
        return defer_to_importlib(ctx, args, nargs, kwnames);
    }
    PyObject *name = args[0];
    PyObject *modules = sys_get(ctx, FP_STR(modules));     /* borrowed */
    if (modules == NULL || !PyDict_CheckExact(modules)) {
        return defer_to_importlib(ctx, args, nargs, kwnames);
    }
    int present = PyDict_Contains(modules, name);
    if (present != 0) {
        if (present < 0) {
            return NULL;
        }
        return defer_to_importlib(ctx, args, nargs, kwnames);
    }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(name, &size);
    if (utf8 == NULL) {
        PyErr_Clear();
        return defer_to_importlib(ctx, args, nargs, kwnames);
    }
    int is_parent;
    const PyStatic_Module *entry = pystatic_registry_lookup(
        utf8, (size_t)size, &is_parent);
    if (entry == NULL) {
        return defer_to_importlib(ctx, args, nargs, kwnames);
    }
    PyObject *loader = pystatic_fastpath_first_finder(ctx);
    if (loader == NULL) {
        return defer_to_importlib(ctx, args, nargs, kwnames);
    }
    Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0,
                                        PyUnicode_GET_LENGTH(name), -1);
    if (dot == -2) {
        return NULL;
    }
    Py_INCREF(loader);
    PyObject *lock = NULL, *module = NULL;
    int claimed = pystatic_fastpath_claim_lock(ctx, name, &lock);
    if (claimed <= 0) {
        Py_DECREF(loader);
        if (claimed < 0) {
            return NULL;
        }
        return defer_to_importlib(ctx, args, nargs, kwnames);
    }
    int found = pystatic_fastpath_find_and_load_locked(ctx, loader, entry,
                                                       name, args[1], dot,
                                                       &module);
    Py_DECREF(loader);
    if (pystatic_fastpath_release_lock(ctx, name, lock) < 0) {
        Py_XDECREF(module);
        return NULL;
    }
    if (found == 0) {
        assert(module == NULL && !PyErr_Occurred());
        return defer_to_importlib(ctx, args, nargs, kwnames);
    }
    assert((module != NULL) != (PyErr_Occurred() != NULL));
    return module;
}

static PyMethodDef fast_def = {
    "_find_and_load", (PyCFunction)(void (*)(void))fast_find_and_load,
    METH_FASTCALL | METH_KEYWORDS,
    PyDoc_STR("_find_and_load(name, import_)\n--\n\n"
              "importlib's _find_and_load, with static extension modules "
              "imported from C (rules_pystatic; PYSTATIC_FAST_IMPORT=0 "
              "turns it off)."),
};

/* ---- installation ---------------------------------------------------- */

static int
fast_import_wanted(void)
{
    const char *value = getenv(FAST_IMPORT_ENV);
    if (value != NULL && strcmp(value, "0") == 0) {
        return 0;
    }
#if PY_VERSION_HEX >= 0x030F0000
    return 0;
#else
    PyObject *flags = PySys_GetObject("flags");     /* borrowed */
    if (flags != NULL) {
        PyObject *verbose = PyObject_GetAttrString(flags, "verbose");
        if (verbose == NULL) {
            PyErr_Clear();
            return 0;
        }
        int on = PyObject_IsTrue(verbose);
        Py_DECREF(verbose);
        if (on != 0) {
            PyErr_Clear();
            return 0;
        }
    }
    return 1;
#endif
}

int
pystatic_fastpath_install(PyObject *pystatic_module)
{
    PyObject *bootstrap = NULL, *imp = NULL, *thread = NULL, *ctx = NULL;
    PyObject *original = NULL, *fast = NULL, *modname = NULL;
    int result = -1;

    if (!fast_import_wanted()) {
        return 0;
    }
    if (intern_names() < 0) {
        return -1;
    }
    bootstrap = PyImport_ImportModule("_frozen_importlib");
    imp = PyImport_ImportModule("_imp");
    thread = PyImport_ImportModule("_thread");
    if (bootstrap == NULL || imp == NULL || thread == NULL) {
        goto done;
    }
    original = PyObject_GetAttrString(bootstrap, "_find_and_load");
    if (original == NULL) {
        goto done;
    }
    if (PyCFunction_Check(original)) {
        result = 0;     /* installed already (a second _pystatic exec) */
        goto done;
    }
    ctx = PyTuple_New(CTX_SIZE);
    if (ctx == NULL) {
        goto done;
    }
    for (Py_ssize_t i = 0; i < CTX_SIZE; i++) {
        PyTuple_SET_ITEM(ctx, i, Py_NewRef(Py_None));
    }
    struct {
        int index;
        PyObject *from;
        const char *attr;
    } attrs[] = {
        {CTX_MODULE_LOCKS, bootstrap, "_module_locks"},
        {CTX_LOCK_CLASS, bootstrap, "_ModuleLock"},
        {CTX_INIT_ATTRS, bootstrap, "_init_module_attrs"},
        {CTX_IMP_ACQUIRE, imp, "acquire_lock"},
        {CTX_IMP_RELEASE, imp, "release_lock"},
    };
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        PyObject *value = PyObject_GetAttrString(attrs[i].from,
                                                 attrs[i].attr);
        if (value == NULL) {
            /* Not this importlib: no fast path. */
            PyErr_Clear();
            result = 0;
            goto done;
        }
        Py_SETREF(PyTuple_GET_ITEM(ctx, attrs[i].index), value);
    }
    if (!PyDict_CheckExact(CTX(ctx, CTX_MODULE_LOCKS))
        || !PyType_Check(CTX(ctx, CTX_LOCK_CLASS))) {
        result = 0;
        goto done;
    }
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_PYSTATIC),
              Py_NewRef(pystatic_module));
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_ORIGINAL), Py_NewRef(original));
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_BOOTSTRAP), Py_NewRef(bootstrap));
    PyObject *weakref = PyImport_ImportModule("_weakref");
    PyObject *ref_type = weakref != NULL
        ? PyObject_GetAttrString(weakref, "ref") : NULL;
    Py_XDECREF(weakref);
    if (ref_type == NULL) {
        goto done;
    }
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_WEAKREF_TYPE), ref_type);
    PyObject *sys = PyImport_ImportModule("sys");
    if (sys == NULL) {
        goto done;
    }
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_SYS_DICT),
              Py_NewRef(PyModule_GetDict(sys)));
    Py_DECREF(sys);
    /* The importer's own create_module and exec_module (call_loader()). */
    pystatic_state *state = PyModule_GetState(pystatic_module);
    PyObject *importer_dict = state != NULL && state->importer_type != NULL
        ? ((PyTypeObject *)state->importer_type)->tp_dict : NULL;
    if (importer_dict == NULL) {
        result = 0;
        goto done;
    }
    PyObject *methods[2] = {FP_STR(create), FP_STR(exec)};
    for (int i = 0; i < 2; i++) {
        PyObject *method = PyDict_GetItemWithError(importer_dict,
                                                   methods[i]);
        if (method == NULL) {
            result = PyErr_Occurred() ? -1 : 0;
            goto done;
        }
        Py_SETREF(PyTuple_GET_ITEM(ctx, i == 0 ? CTX_CREATE_METHOD
                                                : CTX_EXEC_METHOD),
                  Py_NewRef(method));
    }
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_PLAIN_MODULES),
              Py_NewRef(pystatic_fastpath_plain_modules() ? Py_True
                                                          : Py_False));
    int layout = pystatic_fastpath_probe_lock_layout(ctx, thread);
    if (layout != 0) {
        result = layout > 0 ? 0 : -1;
        goto done;
    }
    modname = PyUnicode_FromString(PYSTATIC_MODULE_NAME);
    if (modname == NULL) {
        goto done;
    }
    fast = PyCFunction_NewEx(&fast_def, ctx, modname);
    if (fast == NULL
        || PyObject_SetAttrString(bootstrap, "_find_and_load", fast) < 0) {
        goto done;
    }
    result = 0;
done:
    Py_XDECREF(bootstrap);
    Py_XDECREF(imp);
    Py_XDECREF(thread);
    Py_XDECREF(ctx);
    Py_XDECREF(original);
    Py_XDECREF(fast);
    Py_XDECREF(modname);
    return result;
}
