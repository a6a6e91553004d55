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
 * The module lock is a real importlib._bootstrap._ModuleLock, made and
 * taken from C (what _get_module_lock() + acquire() would leave: owner =
 * this thread, count = 1), registered in _module_locks under the import
 * lock with a weak reference (no callback: the entry is removed at
 * release when nobody else holds the lock, else left dead, which importlib
 * reads as no lock; see forget_lock()).  A thread importing the same name through importlib meanwhile gets
 * that lock from _get_module_lock() and waits on it; its deadlock
 * detection reads our owner.  Released from C as _ModuleLock.release()
 * does (under lock.lock, waking a waiter).  Doing this in C instead of
 * calling _get_module_lock(), acquire() and release() saves about 40,000
 * instructions per import (callgrind, 3.12).
 *
 * Then, as _find_and_load_unlocked() and _load_unlocked(): the spec from
 * our finder; on 3.12+ the child name pushed on the parent spec's
 * _uninitialized_submodules; create_module(); the module attributes
 * (_init_module_attrs(), in C for a plain module object, importlib's own
 * function for anything else); spec._initializing = True; sys.modules;
 * exec_module(), removing the module from sys.modules if it fails; the
 * module moved to the end of sys.modules; _initializing = False; the
 * module set as an attribute of its parent (an ImportWarning if that
 * fails).  create_module and exec_module are called as methods of the
 * importer, exactly as importlib calls them.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "pystatic_internal.h"

#define FAST_IMPORT_ENV "PYSTATIC_FAST_IMPORT"

/* The context the replacement function carries as its `self`: a tuple (so
 * the garbage collector sees every reference; the original function's
 * globals refer back to the replacement). */
enum {
    CTX_PYSTATIC,       /* the _pystatic module (its state) */
    CTX_ORIGINAL,       /* importlib's _find_and_load */
    CTX_BOOTSTRAP,      /* importlib._bootstrap */
    CTX_MODULE_LOCKS,   /* _bootstrap._module_locks (a dict) */
    CTX_LOCK_CLASS,     /* _bootstrap._ModuleLock */
    CTX_INNER_LOCK,     /* what makes _ModuleLock.lock: RLock or
                         * allocate_lock */
    CTX_ALLOCATE_LOCK,  /* _thread.allocate_lock (for .wakeup) */
    CTX_IMP_ACQUIRE,    /* _imp.acquire_lock, _imp.release_lock */
    CTX_IMP_RELEASE,
    CTX_INIT_ATTRS,     /* _bootstrap._init_module_attrs */
    CTX_LOCK_KEYS,      /* tuple: _ModuleLock's attribute names, in the
                         * order __init__ sets them */
    CTX_COUNT_IS_LIST,  /* Py_True on 3.12+ (count and waiters are lists),
                         * Py_False before (ints) */
    CTX_LOCK_TEMPLATE,  /* dict: those names, values None */
    CTX_SYS_DICT,       /* sys.__dict__: sys.modules and sys.meta_path are
                         * read there with interned keys, not with
                         * PySys_GetObject(), which makes a str per call */
    CTX_SIZE
};

#define CTX(ctx, i) PyTuple_GET_ITEM((ctx), (i))

/* Interned attribute names, one set per process (interned strings are
 * immortal or shared by every interpreter on the versions we support). */
static PyObject *str_lock, *str_wakeup, *str_name, *str_owner, *str_count,
    *str_waiters, *str_initializing, *str_spec, *str_path, *str_loader,
    *str_package, *str_file, *str_dunder_name, *str_getattr,
    *str_set_fileattr, *str_cached, *str_locations, *str_uninit,
    *str_create, *str_exec, *str_acquire, *str_release, *str_origin,
    *str_modules, *str_meta_path, *str_dict;

static int
intern_names(void)
{
    struct {
        PyObject **slot;
        const char *text;
    } names[] = {
        {&str_lock, "lock"}, {&str_wakeup, "wakeup"}, {&str_name, "name"},
        {&str_owner, "owner"}, {&str_count, "count"},
        {&str_waiters, "waiters"}, {&str_initializing, "_initializing"},
        {&str_spec, "__spec__"}, {&str_path, "__path__"},
        {&str_loader, "__loader__"}, {&str_package, "__package__"},
        {&str_file, "__file__"}, {&str_dunder_name, "__name__"},
        {&str_getattr, "__getattr__"}, {&str_set_fileattr, "_set_fileattr"},
        {&str_cached, "_cached"},
        {&str_locations, "submodule_search_locations"},
        {&str_uninit, "_uninitialized_submodules"},
        {&str_create, "create_module"}, {&str_exec, "exec_module"},
        {&str_acquire, "acquire"}, {&str_release, "release"},
        {&str_origin, "origin"}, {&str_modules, "modules"},
        {&str_meta_path, "meta_path"}, {&str_dict, "__dict__"},
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

/* Keeping the current exception (if any) across cleanup that may raise. */
typedef struct {
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *exc;
#else
    PyObject *type, *value, *tb;
#endif
} saved_exc;

static void
save_exc(saved_exc *saved)
{
#if PY_VERSION_HEX >= 0x030C0000
    saved->exc = PyErr_GetRaisedException();
#else
    PyErr_Fetch(&saved->type, &saved->value, &saved->tb);
#endif
}

static int
saved_any(const saved_exc *saved)
{
#if PY_VERSION_HEX >= 0x030C0000
    return saved->exc != NULL;
#else
    return saved->type != NULL;
#endif
}

static void
restore_exc(saved_exc *saved)
{
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_SetRaisedException(saved->exc);
#else
    PyErr_Restore(saved->type, saved->value, saved->tb);
#endif
}

/* getattr(obj, name) that is not an error when missing: 1 and *out set,
 * 0 and *out NULL if missing, -1 on error. */
static int
get_optional_attr(PyObject *obj, PyObject *name, PyObject **out)
{
#if PY_VERSION_HEX >= 0x030D0000
    return PyObject_GetOptionalAttr(obj, name, out);
#else
    *out = PyObject_GetAttr(obj, name);
    if (*out != NULL) {
        return 1;
    }
    if (PyErr_ExceptionMatches(PyExc_AttributeError)) {
        PyErr_Clear();
        return 0;
    }
    return -1;
#endif
}

/* sys.<key> as importlib reads it (borrowed), or NULL with no exception. */
static PyObject *
sys_get(PyObject *ctx, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(CTX(ctx, CTX_SYS_DICT), key);
    if (value == NULL) {
        PyErr_Clear();
    }
    return value;
}

/* ---- the original, for everything not taken here --------------------- */

static PyObject *
defer(PyObject *ctx, PyObject *const *args, Py_ssize_t nargs,
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

/* ---- importlib's module lock, from C --------------------------------- */

static int
call_noargs_ok(PyObject *callable)
{
    PyObject *r = PyObject_CallNoArgs(callable);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

static int
call_method_ok(PyObject *obj, PyObject *name)
{
    PyObject *r = PyObject_CallMethodNoArgs(obj, name);
    if (r == NULL) {
        return -1;
    }
    Py_DECREF(r);
    return 0;
}

/* A new _ModuleLock for `name`, held once by this thread: the state
 * _ModuleLock(name).acquire() leaves, without running either.  Its
 * __dict__ is a copy of the template (the attribute names in __init__'s
 * order) with the values filled in, set in one go: cheaper than one
 * setattr per attribute. */
static PyObject *
new_held_lock(PyObject *ctx, PyObject *name)
{
    PyObject *keys = CTX(ctx, CTX_LOCK_KEYS);
    PyTypeObject *cls = (PyTypeObject *)CTX(ctx, CTX_LOCK_CLASS);
    const int count_is_list = CTX(ctx, CTX_COUNT_IS_LIST) == Py_True;
    PyObject *lock = NULL, *dict = NULL;

    PyObject *empty = PyTuple_New(0);
    if (empty == NULL) {
        return NULL;
    }
    lock = cls->tp_new(cls, empty, NULL);
    Py_DECREF(empty);
    dict = PyDict_Copy(CTX(ctx, CTX_LOCK_TEMPLATE));
    if (lock == NULL || dict == NULL) {
        goto error;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(keys); i++) {
        PyObject *key = PyTuple_GET_ITEM(keys, i);
        PyObject *value;
        if (key == str_lock) {
            value = PyObject_CallNoArgs(CTX(ctx, CTX_INNER_LOCK));
        }
        else if (key == str_wakeup) {
            value = PyObject_CallNoArgs(CTX(ctx, CTX_ALLOCATE_LOCK));
        }
        else if (key == str_name) {
            value = Py_NewRef(name);
        }
        else if (key == str_owner) {
            value = PyLong_FromUnsignedLong(PyThread_get_thread_ident());
        }
        else if (key == str_count) {
            value = count_is_list ? PyList_New(1) : PyLong_FromLong(1);
            if (value != NULL && count_is_list) {
                PyList_SET_ITEM(value, 0, Py_NewRef(Py_True));
            }
        }
        else {  /* waiters: checked at install */
            value = count_is_list ? PyList_New(0) : PyLong_FromLong(0);
        }
        if (value == NULL || PyDict_SetItem(dict, key, value) < 0) {
            Py_XDECREF(value);
            goto error;
        }
        Py_DECREF(value);
    }
    if (PyObject_SetAttr(lock, str_dict, dict) < 0) {
        goto error;
    }
    Py_DECREF(dict);
    return lock;
error:
    Py_XDECREF(lock);
    Py_XDECREF(dict);
    return NULL;
}

/* Takes the module lock of `name` if nobody holds or waits on it: 1 and
 * *held set, 0 if someone does (importlib's turn), -1 on error.  Under the
 * import lock, as _get_module_lock() does. */
static int
claim_lock(PyObject *ctx, PyObject *name, PyObject **held)
{
    PyObject *locks = CTX(ctx, CTX_MODULE_LOCKS);
    PyObject *lock = NULL, *ref = NULL;
    int result = -1;

    *held = NULL;
    if (call_noargs_ok(CTX(ctx, CTX_IMP_ACQUIRE)) < 0) {
        return -1;
    }
    PyObject *existing = PyDict_GetItemWithError(locks, name);  /* borrowed */
    if (existing != NULL) {
        /* As _get_module_lock(): _module_locks[name]() */
        PyObject *alive = PyObject_CallNoArgs(existing);
        if (alive == NULL) {
            goto done;
        }
        Py_DECREF(alive);
        if (alive != Py_None) {
            result = 0;
            goto done;
        }
    }
    else if (PyErr_Occurred()) {
        goto done;
    }
    lock = new_held_lock(ctx, name);
    if (lock == NULL) {
        goto done;
    }
    /* No callback (see release_lock): a dead reference left behind is
     * what importlib treats as no lock. */
    ref = PyWeakref_NewRef(lock, NULL);
    if (ref == NULL || PyDict_SetItem(locks, name, ref) < 0) {
        goto done;
    }
    *held = Py_NewRef(lock);
    result = 1;
done:
    Py_XDECREF(lock);
    Py_XDECREF(ref);
    /* Released even with an exception set, which is kept. */
    saved_exc saved;
    save_exc(&saved);
    if (call_noargs_ok(CTX(ctx, CTX_IMP_RELEASE)) < 0) {
        if (saved_any(&saved)) {
            PyErr_WriteUnraisable(NULL);
        }
        else {
            result = -1;
            Py_CLEAR(*held);
        }
    }
    if (saved_any(&saved)) {
        restore_exc(&saved);
    }
    return result;
}

/* _ModuleLock.release(), from C: under lock.lock, one count less; at zero
 * no owner, and one waiter woken. */
/* dict[key] as a new reference; AttributeError if missing (it is the
 * lock's __dict__). */
static PyObject *
dict_get(PyObject *dict, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(dict, key);
    if (value == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_AttributeError, key);
        }
        return NULL;
    }
    return Py_NewRef(value);
}

static int
release_lock_body(PyObject *ctx, PyObject *dict)
{
    const int count_is_list = CTX(ctx, CTX_COUNT_IS_LIST) == Py_True;
    PyObject *count = NULL, *waiters = NULL, *wakeup = NULL;
    int result = -1, zero;

    count = dict_get(dict, str_count);
    if (count == NULL) {
        goto done;
    }
    if (count_is_list) {
        if (!PyList_Check(count) || PyList_GET_SIZE(count) == 0) {
            PyErr_SetString(PyExc_RuntimeError,
                            "cannot release un-acquired lock");
            goto done;
        }
        if (PyList_SetSlice(count, PyList_GET_SIZE(count) - 1,
                            PyList_GET_SIZE(count), NULL) < 0) {
            goto done;
        }
        zero = PyList_GET_SIZE(count) == 0;
    }
    else {
        long n = PyLong_AsLong(count);
        if (n == -1 && PyErr_Occurred()) {
            goto done;
        }
        PyObject *less = PyLong_FromLong(n - 1);
        if (less == NULL || PyDict_SetItem(dict, str_count, less) < 0) {
            Py_XDECREF(less);
            goto done;
        }
        Py_DECREF(less);
        zero = n - 1 == 0;
    }
    if (zero) {
        if (PyDict_SetItem(dict, str_owner, Py_None) < 0) {
            goto done;
        }
        waiters = dict_get(dict, str_waiters);
        if (waiters == NULL) {
            goto done;
        }
        int has_waiters = PyObject_IsTrue(waiters);
        if (has_waiters < 0) {
            goto done;
        }
        if (has_waiters) {
            if (count_is_list) {
                if (PyList_SetSlice(waiters, PyList_GET_SIZE(waiters) - 1,
                                    PyList_GET_SIZE(waiters), NULL) < 0) {
                    goto done;
                }
            }
            else {
                long n = PyLong_AsLong(waiters);
                PyObject *less = n == -1 && PyErr_Occurred()
                                 ? NULL : PyLong_FromLong(n - 1);
                if (less == NULL
                    || PyDict_SetItem(dict, str_waiters, less) < 0) {
                    Py_XDECREF(less);
                    goto done;
                }
                Py_DECREF(less);
            }
            wakeup = dict_get(dict, str_wakeup);
            if (wakeup == NULL || call_method_ok(wakeup, str_release) < 0) {
                goto done;
            }
        }
    }
    result = 0;
done:
    Py_XDECREF(count);
    Py_XDECREF(waiters);
    Py_XDECREF(wakeup);
    return result;
}

/* Drops the _module_locks entry of `name` if it is a reference to `lock`.
 * Only when nobody else holds the lock (its one reference is ours): a
 * thread that got it from _get_module_lock() holds a reference until it is
 * done, and then importlib finds the dead reference and makes a new lock,
 * as it does when its own weak reference callback has not run yet.  Safe
 * without the import lock: nothing here lets another thread run, and a
 * thread in _get_module_lock() that has not read the entry yet reads no
 * entry instead of a lock that is about to die. */
static void
forget_lock(PyObject *ctx, PyObject *name, PyObject *lock)
{
    PyObject *locks = CTX(ctx, CTX_MODULE_LOCKS);
    if (Py_REFCNT(lock) != 1) {
        return;
    }
    PyObject *ref = PyDict_GetItemWithError(locks, name);   /* borrowed */
    if (ref == NULL) {
        PyErr_Clear();
        return;
    }
    Py_INCREF(ref);
    PyObject *target = PyObject_CallNoArgs(ref);
    if (target == NULL) {
        PyErr_Clear();
    }
    else if (target == lock && PyDict_DelItem(locks, name) < 0) {
        PyErr_Clear();
    }
    Py_XDECREF(target);
    Py_DECREF(ref);
}

/* Releases and drops `lock` (a reference we own), keeping any exception
 * already set: 0, or -1 with an exception set if releasing failed. */
static int
release_lock(PyObject *ctx, PyObject *name, PyObject *lock)
{
    saved_exc saved;
    int result = -1;

    save_exc(&saved);
    /* Its attributes are read and written in its __dict__ (the one
     * new_held_lock() gave it; _ModuleLock has no descriptors for them):
     * a dict lookup instead of an attribute lookup each. */
    PyObject *dict = PyObject_GenericGetDict(lock, NULL);
    PyObject *inner = dict != NULL ? dict_get(dict, str_lock) : NULL;
    if (inner != NULL && call_method_ok(inner, str_acquire) == 0) {
        result = release_lock_body(ctx, dict);
        if (call_method_ok(inner, str_release) < 0) {
            result = -1;
        }
    }
    Py_XDECREF(inner);
    Py_XDECREF(dict);
    forget_lock(ctx, name, lock);
    Py_DECREF(lock);
    if (saved_any(&saved)) {
        if (result < 0) {
            PyErr_WriteUnraisable(NULL);
        }
        restore_exc(&saved);
    }
    return result;
}

/* ---- _load_unlocked() ------------------------------------------------ */

/* getattr(obj, name, None) is None, for a module's dict. */
static int
missing_or_none(PyObject *dict, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(dict, key);   /* borrowed */
    if (value == NULL) {
        return PyErr_Occurred() ? -1 : 1;
    }
    return value == Py_None;
}

static int
set_if_missing(PyObject *dict, PyObject *key, PyObject *value)
{
    int missing = missing_or_none(dict, key);
    if (missing <= 0) {
        return missing;
    }
    return PyDict_SetItem(dict, key, value);
}

/* _init_module_attrs(spec, module) for a plain module object whose dict
 * has no __getattr__ (so getattr() is a dict lookup): the same attributes
 * in the same order.  __cached__ is never set: spec.cached is None for an
 * origin that ends in an extension suffix (_bootstrap_external._get_cached
 * only knows source and bytecode suffixes), and our origins all do. */
static int
init_module_attrs(PyObject *ctx, PyObject *loader, PyObject *module,
                  PyObject *spec, PyObject *name)
{
    PyObject *dict = NULL;
    PyObject *locations = NULL, *package = NULL, *origin = NULL;
    PyObject *fileattr = NULL;
    int result = -1;

    int has_getattr = 1;
    if (PyModule_CheckExact(module)) {
        dict = PyModule_GetDict(module);    /* borrowed */
        has_getattr = PyDict_Contains(dict, str_getattr);
        if (has_getattr < 0) {
            return -1;
        }
    }
    if (has_getattr) {
        PyObject *r = PyObject_CallFunctionObjArgs(
            CTX(ctx, CTX_INIT_ATTRS), spec, module, NULL);
        Py_XDECREF(r);
        return r == NULL ? -1 : 0;
    }
    locations = PyObject_GetAttr(spec, str_locations);
    if (locations == NULL) {
        goto done;
    }
    if (set_if_missing(dict, str_dunder_name, name) < 0
        || set_if_missing(dict, str_loader, loader) < 0) {
        goto done;
    }
    /* spec.parent */
    if (locations != Py_None) {
        package = Py_NewRef(name);
    }
    else {
        Py_ssize_t len = PyUnicode_GET_LENGTH(name);
        Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0, len, -1);
        if (dot == -2) {
            goto done;
        }
        package = dot < 0 ? PyUnicode_FromString("")
                          : PyUnicode_Substring(name, 0, dot);
    }
    if (package == NULL || set_if_missing(dict, str_package, package) < 0
        || PyDict_SetItem(dict, str_spec, spec) < 0) {
        goto done;
    }
    if (locations != Py_None
        && set_if_missing(dict, str_path, locations) < 0) {
        goto done;
    }
    fileattr = PyObject_GetAttr(spec, str_set_fileattr);
    if (fileattr == NULL) {
        goto done;
    }
    int has_location = PyObject_IsTrue(fileattr);
    if (has_location < 0) {
        goto done;
    }
    if (has_location) {
        origin = PyObject_GetAttr(spec, str_origin);
        if (origin == NULL || set_if_missing(dict, str_file, origin) < 0) {
            goto done;
        }
    }
    result = 0;
done:
    Py_XDECREF(locations);
    Py_XDECREF(package);
    Py_XDECREF(origin);
    Py_XDECREF(fileattr);
    return result;
}

static PyObject *
call_loader(PyObject *loader, PyObject *method, PyObject *arg)
{
    PyObject *args[2] = {loader, arg};
    return PyObject_VectorcallMethod(method, args,
                                     2 | PY_VECTORCALL_ARGUMENTS_OFFSET,
                                     NULL);
}

/* _load_unlocked(spec) for our spec: a new reference to the module, or
 * NULL with an exception set and nothing left in sys.modules. */
static PyObject *
load_unlocked(PyObject *ctx, PyObject *loader, PyObject *spec,
              PyObject *name)
{
    PyObject *module = call_loader(loader, str_create, spec);
    if (module == NULL) {
        return NULL;
    }
    if (module == Py_None) {
        Py_DECREF(module);
        module = PyModule_NewObject(name);
        if (module == NULL) {
            return NULL;
        }
    }
    if (init_module_attrs(ctx, loader, module, spec, name) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    /* Before sys.modules (import.c relies on it to wait for the lock). */
    if (PyObject_SetAttr(spec, str_initializing, Py_True) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    PyObject *modules = sys_get(ctx, str_modules);     /* borrowed */
    PyObject *result = NULL;
    if (modules == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "lost sys.modules");
        goto done;
    }
    Py_INCREF(modules);
    if (PyObject_SetItem(modules, name, module) < 0) {
        Py_DECREF(modules);
        goto done;
    }
    PyObject *r = call_loader(loader, str_exec, module);
    if (r == NULL) {
        saved_exc saved;
        save_exc(&saved);
        if (PyObject_DelItem(modules, name) < 0) {
            if (PyErr_ExceptionMatches(PyExc_KeyError)) {
                PyErr_Clear();
            }
            else {
                PyErr_WriteUnraisable(name);
            }
        }
        restore_exc(&saved);
        Py_DECREF(modules);
        goto done;
    }
    Py_DECREF(r);
    /* Moved to the end of sys.modules; whatever exec put there wins. */
    PyObject *final = PyObject_GetItem(modules, name);
    if (final != NULL && (PyObject_DelItem(modules, name) < 0
                          || PyObject_SetItem(modules, name, final) < 0)) {
        Py_CLEAR(final);
    }
    Py_DECREF(modules);
    result = final;
done:
    Py_DECREF(module);
    {
        saved_exc saved;
        save_exc(&saved);
        if (PyObject_SetAttr(spec, str_initializing, Py_False) < 0) {
            if (saved_any(&saved) || result == NULL) {
                PyErr_WriteUnraisable(spec);
            }
            else {
                Py_CLEAR(result);
                return NULL;
            }
        }
        restore_exc(&saved);
    }
    return result;
}

/* ---- _find_and_load() ------------------------------------------------ */

/* Is ours the first finder?  Borrowed reference to it, or NULL. */
static PyObject *
first_finder_if_ours(PyObject *ctx)
{
    PyObject *meta_path = sys_get(ctx, str_meta_path);     /* borrowed */
    if (meta_path == NULL || !PyList_Check(meta_path)
        || PyList_GET_SIZE(meta_path) == 0) {
        return NULL;
    }
    PyObject *first = PyList_GET_ITEM(meta_path, 0);
    pystatic_state *state = PyModule_GetState(CTX(ctx, CTX_PYSTATIC));
    return first == state->importer_type ? first : NULL;
}

/* sys.modules[name] if it is there (3.10-3.13: even None; 3.14+: not
 * None), as _find_and_load_unlocked() checks after importing the parent:
 * 1 and *module set, 0 if not, -1 on error. */
static int
already_there(PyObject *ctx, PyObject *name, PyObject **module)
{
    PyObject *modules = sys_get(ctx, str_modules);      /* borrowed */
    *module = NULL;
    if (modules == NULL) {
        return 0;
    }
    int present = PySequence_Contains(modules, name);
    if (present <= 0) {
        return present;
    }
    *module = PyObject_GetItem(modules, name);
    if (*module == NULL) {
        return -1;
    }
#if PY_VERSION_HEX >= 0x030E0000
    if (*module == Py_None) {
        Py_CLEAR(*module);
        return 0;
    }
#endif
    return 1;
}

static int
import_parent(PyObject *import_, PyObject *parent)
{
    PyObject *r = PyObject_CallFunctionObjArgs(import_, parent, NULL);
    Py_XDECREF(r);
    return r == NULL ? -1 : 0;
}

/* The part under the module lock, as _find_and_load_unlocked(): 1 with
 * *module set (or an exception set and *module NULL), 0 to leave the rest
 * to importlib (which then redoes nothing we did but the parent's import,
 * now in sys.modules). */
static int
find_and_load_locked(PyObject *ctx, PyObject *loader, PyObject *name,
                     PyObject *import_, Py_ssize_t dot, PyObject **module)
{
    PyObject *modules = sys_get(ctx, str_modules);     /* borrowed */
    PyObject *parent = NULL, *child = NULL, *path = NULL, *spec = NULL;
    PyObject *uninit = NULL, *parent_module = NULL;
    int result = 1;

    *module = NULL;
    if (modules == NULL || !PyDict_Check(modules)) {
        return 0;
    }
    int present = PyDict_Contains(modules, name);
    if (present != 0) {
        return present < 0 ? 1 : 0;     /* imported while we waited */
    }
    if (dot >= 0) {
        parent = PyUnicode_Substring(name, 0, dot);
        child = PyUnicode_Substring(name, dot + 1, PyUnicode_GET_LENGTH(name));
        if (parent == NULL || child == NULL) {
            goto done;
        }
        int has_parent = PyDict_Contains(modules, parent);
        if (has_parent < 0
            || (has_parent == 0 && import_parent(import_, parent) < 0)) {
            goto done;
        }
        if (already_there(ctx, name, module) != 0) {
            goto done;      /* imported by the parent, or an error */
        }
        modules = sys_get(ctx, str_modules);
        PyObject *pm = modules != NULL ? PyObject_GetItem(modules, parent)
                                       : NULL;
        if (pm == NULL) {
            if (modules == NULL) {
                result = 0;
            }
            goto done;      /* KeyError(parent), as importlib */
        }
        int has_path = get_optional_attr(pm, str_path, &path);
        PyObject *parent_spec = NULL;
        if (has_path > 0) {
            parent_spec = PyObject_GetAttr(pm, str_spec);
        }
        Py_DECREF(pm);
        if (has_path <= 0) {
            result = has_path < 0 ? 1 : 0;  /* not a package: importlib's
                                             * message */
            goto done;
        }
        if (parent_spec == NULL) {
            goto done;
        }
#if PY_VERSION_HEX >= 0x030E0000
        /* 3.14 imports an initializing parent again, and looks again. */
        PyObject *init = NULL;
        int busy = get_optional_attr(parent_spec, str_initializing, &init);
        if (busy > 0) {
            busy = PyObject_IsTrue(init);
            Py_DECREF(init);
        }
        if (busy < 0 || (busy > 0 && import_parent(import_, parent) < 0)) {
            Py_DECREF(parent_spec);
            goto done;
        }
        if (busy > 0 && already_there(ctx, name, module) != 0) {
            Py_DECREF(parent_spec);
            goto done;
        }
#endif
#if PY_VERSION_HEX >= 0x030C0000
        if (parent_spec != Py_None) {
            uninit = PyObject_GetAttr(parent_spec, str_uninit);
            if (uninit == NULL) {
                Py_DECREF(parent_spec);
                goto done;
            }
        }
#endif
        Py_DECREF(parent_spec);
    }
    pystatic_state *state = PyModule_GetState(CTX(ctx, CTX_PYSTATIC));
    spec = pystatic_find_spec(state, name, path != NULL ? path : Py_None);
    if (spec == NULL) {
        goto done;
    }
    if (spec == Py_None) {
        result = 0;     /* a built-in or frozen module's name */
        goto done;
    }
    if (uninit != NULL && PyList_Check(uninit)
        && PyList_Append(uninit, child) < 0) {
        goto done;
    }
    *module = load_unlocked(ctx, loader, spec, name);
    if (uninit != NULL && PyList_Check(uninit)
        && PyList_GET_SIZE(uninit) > 0) {
        saved_exc saved;
        save_exc(&saved);
        if (PyList_SetSlice(uninit, PyList_GET_SIZE(uninit) - 1,
                            PyList_GET_SIZE(uninit), NULL) < 0) {
            PyErr_WriteUnraisable(uninit);
        }
        restore_exc(&saved);
    }
    if (*module == NULL) {
        goto done;
    }
    if (parent != NULL) {
        /* sys.modules[parent], then setattr; a warning if that fails. */
        modules = sys_get(ctx, str_modules);
        parent_module = modules != NULL ? PyObject_GetItem(modules, parent)
                                        : NULL;
        if (parent_module == NULL) {
            Py_CLEAR(*module);
            goto done;
        }
        if (PyObject_SetAttr(parent_module, child, *module) < 0) {
            if (!PyErr_ExceptionMatches(PyExc_AttributeError)) {
                Py_CLEAR(*module);
                goto done;
            }
            PyErr_Clear();
            if (PyErr_WarnFormat(PyExc_ImportWarning, 1,
                                 "Cannot set an attribute on %R for child "
                                 "module %R", parent, child) < 0) {
                Py_CLEAR(*module);
                goto done;
            }
        }
    }
done:
    Py_XDECREF(parent);
    Py_XDECREF(child);
    Py_XDECREF(path);
    Py_XDECREF(spec);
    Py_XDECREF(uninit);
    Py_XDECREF(parent_module);
    return result;
}

/* _find_and_load(name, import_) */
static PyObject *
fast_find_and_load(PyObject *ctx, PyObject *const *args, Py_ssize_t nargs,
                   PyObject *kwnames)
{
    if (kwnames != NULL || nargs != 2 || !PyUnicode_CheckExact(args[0])) {
        return defer(ctx, args, nargs, kwnames);
    }
    PyObject *name = args[0];
    PyObject *modules = sys_get(ctx, str_modules);     /* borrowed */
    if (modules == NULL || !PyDict_CheckExact(modules)) {
        return defer(ctx, args, nargs, kwnames);
    }
    int present = PyDict_Contains(modules, name);
    if (present != 0) {
        if (present < 0) {
            return NULL;
        }
        return defer(ctx, args, nargs, kwnames);
    }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(name, &size);
    if (utf8 == NULL) {
        PyErr_Clear();
        return defer(ctx, args, nargs, kwnames);
    }
    int is_parent;
    if (pystatic_registry_lookup(utf8, (size_t)size, &is_parent) == NULL) {
        return defer(ctx, args, nargs, kwnames);
    }
    PyObject *loader = first_finder_if_ours(ctx);
    if (loader == NULL) {
        return defer(ctx, args, nargs, kwnames);
    }
    Py_ssize_t dot = PyUnicode_FindChar(name, '.', 0,
                                        PyUnicode_GET_LENGTH(name), -1);
    if (dot == -2) {
        return NULL;
    }
    Py_INCREF(loader);
    PyObject *lock = NULL, *module = NULL;
    int claimed = claim_lock(ctx, name, &lock);
    if (claimed <= 0) {
        Py_DECREF(loader);
        return claimed < 0 ? NULL : defer(ctx, args, nargs, kwnames);
    }
    int found = find_and_load_locked(ctx, loader, name, args[1], dot,
                                     &module);
    Py_DECREF(loader);
    if (release_lock(ctx, name, lock) < 0) {
        Py_XDECREF(module);
        return NULL;
    }
    if (found == 0) {
        assert(module == NULL && !PyErr_Occurred());
        return defer(ctx, args, nargs, kwnames);
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

/* _ModuleLock's attribute names in __init__'s order, and whether count is
 * a list (3.12+) or an int: from a lock made and taken by importlib.  0
 * and ctx filled, 1 if the layout is unknown (no fast path), -1 on
 * error. */
static int
probe_lock_layout(PyObject *ctx, PyObject *thread)
{
    PyObject *cls = CTX(ctx, CTX_LOCK_CLASS);
    PyObject *probe = NULL, *dict = NULL, *keys = NULL, *inner = NULL;
    PyObject *rlock = NULL, *allocate = NULL, *lock_type = NULL;
    int result = -1;

    probe = PyObject_CallFunction(cls, "s", "_pystatic.probe");
    if (probe == NULL || call_method_ok(probe, str_acquire) < 0) {
        goto done;
    }
    dict = PyObject_GenericGetDict(probe, NULL);
    keys = dict != NULL ? PyDict_Keys(dict) : NULL;
    if (keys == NULL) {
        goto done;
    }
    result = 1;
    PyObject *expected[] = {str_lock, str_wakeup, str_name, str_owner,
                            str_count, str_waiters};
    if (PyList_GET_SIZE(keys) != 6) {
        goto done;
    }
    int seen = 0;
    for (Py_ssize_t i = 0; i < 6; i++) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        for (int j = 0; j < 6; j++) {
            int eq = PyUnicode_Check(key)
                     && PyUnicode_Compare(key, expected[j]) == 0;
            if (eq) {
                seen |= 1 << j;
                /* The interned name, so new_held_lock() compares by
                 * identity. */
                if (PyList_SetItem(keys, i, Py_NewRef(expected[j])) < 0) {
                    result = -1;
                    goto done;
                }
                break;
            }
        }
    }
    if (seen != 0x3F) {
        goto done;
    }
    PyObject *count = PyDict_GetItem(dict, str_count);
    PyObject *waiters = PyDict_GetItem(dict, str_waiters);
    int count_is_list;
    if (PyList_CheckExact(count) && PyList_GET_SIZE(count) == 1
        && PyList_GET_ITEM(count, 0) == Py_True && PyList_CheckExact(waiters)
        && PyList_GET_SIZE(waiters) == 0) {
        count_is_list = 1;
    }
    else if (PyLong_CheckExact(count) && PyLong_AsLong(count) == 1
             && PyLong_CheckExact(waiters) && PyLong_AsLong(waiters) == 0) {
        count_is_list = 0;
    }
    else {
        goto done;
    }
    inner = PyDict_GetItem(dict, str_lock);
    PyObject *wakeup = PyDict_GetItem(dict, str_wakeup);
    allocate = PyObject_GetAttrString(thread, "allocate_lock");
    rlock = PyObject_GetAttrString(thread, "RLock");
    lock_type = PyObject_GetAttrString(thread, "LockType");
    if (allocate == NULL || rlock == NULL || lock_type == NULL) {
        result = -1;
        goto done;
    }
    if (inner == NULL || wakeup == NULL || Py_TYPE(wakeup) != (PyTypeObject *)lock_type) {
        goto done;
    }
    PyObject *inner_factory;
    if (Py_TYPE(inner) == (PyTypeObject *)lock_type) {
        inner_factory = allocate;
    }
    else if ((PyObject *)Py_TYPE(inner) == rlock) {
        inner_factory = rlock;
    }
    else {
        goto done;
    }
    PyObject *key_tuple = PyList_AsTuple(keys);
    if (key_tuple == NULL) {
        result = -1;
        goto done;
    }
    PyObject *template = PyDict_New();
    if (template == NULL) {
        Py_DECREF(key_tuple);
        result = -1;
        goto done;
    }
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(key_tuple); i++) {
        if (PyDict_SetItem(template, PyTuple_GET_ITEM(key_tuple, i),
                           Py_None) < 0) {
            Py_DECREF(key_tuple);
            Py_DECREF(template);
            result = -1;
            goto done;
        }
    }
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_LOCK_KEYS), key_tuple);
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_LOCK_TEMPLATE), template);
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_INNER_LOCK), Py_NewRef(inner_factory));
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_ALLOCATE_LOCK), Py_NewRef(allocate));
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_COUNT_IS_LIST), Py_NewRef(count_is_list ? Py_True : Py_False));
    result = 0;
done:
    if (probe != NULL && result >= 0) {
        if (call_method_ok(probe, str_release) < 0) {
            result = -1;
        }
    }
    Py_XDECREF(probe);
    Py_XDECREF(dict);
    Py_XDECREF(keys);
    Py_XDECREF(allocate);
    Py_XDECREF(rlock);
    Py_XDECREF(lock_type);
    return result;
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
    PyObject *sys = PyImport_ImportModule("sys");
    if (sys == NULL) {
        goto done;
    }
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_SYS_DICT),
              Py_NewRef(PyModule_GetDict(sys)));
    Py_DECREF(sys);
    int layout = probe_lock_layout(ctx, thread);
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
