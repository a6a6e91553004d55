/*
 * importlib's module lock, from C (see fastpath.c for when the fast path
 * takes an import).
 *
 * The module lock is a real importlib._bootstrap._ModuleLock, made and
 * taken from C (what _get_module_lock() + acquire() would leave: owner =
 * this thread, count = 1), registered in _module_locks under the import
 * lock with a weak reference (no callback: the entry is removed at
 * release when nobody else holds the lock, else left dead, which importlib
 * reads as no lock; see forget_lock()).  A thread importing the same name
 * through importlib meanwhile gets that lock from _get_module_lock() and
 * waits on it; its deadlock detection reads our owner.  Released from C as
 * _ModuleLock.release() does (under lock.lock, waking a waiter).  A lock
 * nothing else refers to at the end of an import is kept instead, as the
 * spare lock the next import takes again (see hold_again()).  The
 * lock's layout (attribute names in __init__'s order, count and waiters
 * ints or lists) is read once at installation from a lock importlib makes
 * and takes.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <assert.h>
#include <string.h>

#include "pystatic_internal.h"
#include "fastpath.h"

/* ---- importlib's module lock, from C --------------------------------- */

static int
call_noargs_ok(PyObject *callable)
{
    PyObject *r;
    if (PyCFunction_CheckExact(callable)
        && PyCFunction_GET_FLAGS(callable) == METH_NOARGS) {
        /* A built-in function such as _imp.acquire_lock: its C function,
         * without the call protocol around it (about 100 instructions a
         * call). */
        r = PyCFunction_GET_FUNCTION(callable)(
            PyCFunction_GET_SELF(callable), NULL);
    }
    else {
        r = PyObject_CallNoArgs(callable);
    }
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

/* ref() for a _module_locks entry: its target or None (a new reference),
 * or NULL with an exception set.  Read directly from a weak reference
 * (what calling it does); anything else is called. */
static PyObject *
weakref_target(PyObject *ctx, PyObject *ref)
{
    if (!Py_IS_TYPE(ref, (PyTypeObject *)CTX(ctx, CTX_WEAKREF_TYPE))) {
        return PyObject_CallNoArgs(ref);
    }
#if PY_VERSION_HEX >= 0x030D0000
    PyObject *target;
    if (PyWeakref_GetRef(ref, &target) < 0) {
        return NULL;
    }
    return target != NULL ? target : Py_NewRef(Py_None);
#else
    return Py_XNewRef(PyWeakref_GetObject(ref));
#endif
}

/* The spare lock, from CTX_SPARE_LOCK: a _ModuleLock released by an
 * earlier import of this fast path while nothing else referred to it, kept
 * as it was then, held once by the thread that imported (count [True] or
 * 1, no waiters), and reachable from nothing but the fast path's context
 * (its _module_locks entry and weak reference are gone).  The next import
 * takes it again instead of making a new _ModuleLock, __dict__, RLock and
 * lock (about 3,000 instructions per import with their deallocation, and
 * the release that would have emptied it). */

/* The spare lock taken again for `name`: renamed, and owned by this
 * thread, which is then what _ModuleLock(name).acquire() would leave.  0,
 * or -1 with an exception set. */
static int
hold_again(PyObject *lock, PyObject *name)
{
    PyObject *dict = PyObject_GenericGetDict(lock, NULL);
    if (dict == NULL) {
        return -1;
    }
    int result = -1;
    if (PyDict_SetItem(dict, FP_STR(name), name) < 0) {
        goto done;
    }
    unsigned long ident = PyThread_get_thread_ident();
    PyObject *owner = PyDict_GetItemWithError(dict, FP_STR(owner));
    if (owner == NULL && PyErr_Occurred()) {
        goto done;
    }
    if (owner == NULL || !PyLong_CheckExact(owner)
        || PyLong_AsUnsignedLong(owner) != ident) {
        PyErr_Clear();      /* an owner no unsigned long could hold */
        PyObject *mine = PyLong_FromUnsignedLong(ident);
        if (mine == NULL
            || PyDict_SetItem(dict, FP_STR(owner), mine) < 0) {
            Py_XDECREF(mine);
            goto done;
        }
        Py_DECREF(mine);
    }
    result = 0;
done:
    Py_DECREF(dict);
    return result;
}

/* Whether the lock whose __dict__ is `dict` is held exactly once, by this
 * thread, with no waiters: the state claim_lock() left it in. */
static int
held_once_by_this_thread(PyObject *ctx, PyObject *dict)
{
    const int count_is_list = CTX(ctx, CTX_COUNT_IS_LIST) == Py_True;
    PyObject *count = PyDict_GetItemWithError(dict, FP_STR(count));
    PyObject *waiters = PyDict_GetItemWithError(dict, FP_STR(waiters));
    PyObject *owner = PyDict_GetItemWithError(dict, FP_STR(owner));
    int once = 0;

    if (count == NULL || waiters == NULL || owner == NULL
        || !PyLong_CheckExact(owner)) {
        PyErr_Clear();
        return 0;
    }
    if (count_is_list) {
        once = PyList_CheckExact(count) && PyList_GET_SIZE(count) == 1
               && PyList_CheckExact(waiters)
               && PyList_GET_SIZE(waiters) == 0;
    }
    else {
        once = PyLong_CheckExact(count) && PyLong_AsLong(count) == 1
               && PyLong_CheckExact(waiters)
               && PyLong_AsLong(waiters) == 0;
    }
    once = once
           && PyLong_AsUnsignedLong(owner) == PyThread_get_thread_ident();
    PyErr_Clear();
    return once;
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

    lock = CTX(ctx, CTX_SPARE_LOCK);
    if (lock != Py_None) {
        /* Ours now: the slot gets None back (its reference moves to us). */
        PyTuple_SET_ITEM(ctx, CTX_SPARE_LOCK, Py_NewRef(Py_None));
        if (hold_again(lock, name) < 0) {
            Py_DECREF(lock);
            return NULL;
        }
        return lock;
    }
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
        if (key == FP_STR(lock)) {
            value = PyObject_CallNoArgs(CTX(ctx, CTX_INNER_LOCK));
        }
        else if (key == FP_STR(wakeup)) {
            value = PyObject_CallNoArgs(CTX(ctx, CTX_ALLOCATE_LOCK));
        }
        else if (key == FP_STR(name)) {
            value = Py_NewRef(name);
        }
        else if (key == FP_STR(owner)) {
            value = PyLong_FromUnsignedLong(PyThread_get_thread_ident());
        }
        else if (key == FP_STR(count)) {
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
    if (PyObject_SetAttr(lock, FP_STR(dict), dict) < 0) {
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
int
pystatic_fastpath_claim_lock(PyObject *ctx, PyObject *name, PyObject **held)
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
        PyObject *alive = weakref_target(ctx, existing);
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
     * what importlib treats as no lock.  For the spare lock, the one kept
     * with it (PyWeakref_NewRef() gives a lock's callback-less reference
     * again while it lives), which the context then stops holding. */
    ref = PyWeakref_NewRef(lock, NULL);
    if (CTX(ctx, CTX_SPARE_REF) != Py_None) {
        PyObject *kept = CTX(ctx, CTX_SPARE_REF);
        PyTuple_SET_ITEM(ctx, CTX_SPARE_REF, Py_NewRef(Py_None));
        Py_DECREF(kept);
    }
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

    count = dict_get(dict, FP_STR(count));
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
        if (less == NULL || PyDict_SetItem(dict, FP_STR(count), less) < 0) {
            Py_XDECREF(less);
            goto done;
        }
        Py_DECREF(less);
        zero = n - 1 == 0;
    }
    if (zero) {
        if (PyDict_SetItem(dict, FP_STR(owner), Py_None) < 0) {
            goto done;
        }
        waiters = dict_get(dict, FP_STR(waiters));
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
                    || PyDict_SetItem(dict, FP_STR(waiters), less) < 0) {
                    Py_XDECREF(less);
                    goto done;
                }
                Py_DECREF(less);
            }
            wakeup = dict_get(dict, FP_STR(wakeup));
            if (wakeup == NULL
                || call_method_ok(wakeup, FP_STR(release)) < 0) {
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
 * 1 if it did and that entry held the last reference to the weak
 * reference, else 0.
 * Only when nobody else holds the lock (its one reference is ours): a
 * thread that got it from _get_module_lock() holds a reference until it is
 * done, and then importlib finds the dead reference and makes a new lock,
 * as it does when its own weak reference callback has not run yet.  Safe
 * without the import lock: nothing here lets another thread run, and a
 * thread in _get_module_lock() that has not read the entry yet reads no
 * entry instead of a lock that is about to die. */
static int
forget_lock(PyObject *ctx, PyObject *name, PyObject *lock, PyObject **kept)
{
    PyObject *locks = CTX(ctx, CTX_MODULE_LOCKS);
    int forgotten = 0;
    if (kept != NULL) {
        *kept = NULL;
    }
    if (Py_REFCNT(lock) != 1) {
        return 0;
    }
    PyObject *ref = PyDict_GetItemWithError(locks, name);   /* borrowed */
    if (ref == NULL) {
        PyErr_Clear();
        return 0;
    }
    Py_INCREF(ref);
    PyObject *target = weakref_target(ctx, ref);
    if (target == NULL) {
        PyErr_Clear();
    }
    else if (target == lock) {
        /* The entry's is the weak reference's only other reference: it
         * dies with the entry (claim_lock() made it; nobody else can),
         * unless it is *kept (with the lock made spare). */
        int only_ref = Py_REFCNT(ref) == 2;
        if (PyDict_DelItem(locks, name) < 0) {
            PyErr_Clear();
        }
        else {
            forgotten = only_ref;
            if (only_ref && kept != NULL) {
                *kept = Py_NewRef(ref);
            }
        }
    }
    Py_XDECREF(target);
    Py_DECREF(ref);
    return forgotten;
}

/* Releases and drops `lock` (a reference we own), keeping any exception
 * already set: 0, or -1 with an exception set if releasing failed. */
int
pystatic_fastpath_release_lock(PyObject *ctx, PyObject *name, PyObject *lock)
{
    saved_exc saved;
    int result = -1;

    save_exc(&saved);
    /* Its attributes are read and written in its __dict__ (the one
     * new_held_lock() gave it; _ModuleLock has no descriptors for them):
     * a dict lookup instead of an attribute lookup each. */
    PyObject *dict = PyObject_GenericGetDict(lock, NULL);
    PyObject *kept_ref = NULL;
    if (dict != NULL && Py_REFCNT(lock) == 1
        && CTX(ctx, CTX_SPARE_LOCK) == Py_None
        && CTX(ctx, CTX_SPARE_REF) == Py_None
        && held_once_by_this_thread(ctx, dict)
        && forget_lock(ctx, name, lock, &kept_ref)) {
        /* Nothing else refers to it any more: kept, still held, as the
         * spare lock (above), instead of released and deallocated; and
         * its weak reference with it, for the next _module_locks entry. */
        Py_DECREF(dict);
        PyObject *none = PyTuple_GET_ITEM(ctx, CTX_SPARE_LOCK);
        PyTuple_SET_ITEM(ctx, CTX_SPARE_LOCK, lock);
        Py_DECREF(none);
        if (kept_ref != NULL) {
            none = PyTuple_GET_ITEM(ctx, CTX_SPARE_REF);
            PyTuple_SET_ITEM(ctx, CTX_SPARE_REF, kept_ref);
            Py_DECREF(none);
        }
        if (saved_any(&saved)) {
            restore_exc(&saved);
        }
        return 0;
    }
    if (dict != NULL && Py_REFCNT(lock) == 1) {
        /* Nobody else refers to the lock: no thread is in its acquire()
         * or waiting on it (those hold a reference to it), and none can
         * get it before we return (_module_locks holds a weak reference:
         * reading it takes a new reference, which needs the GIL we hold),
         * so lock.lock guards nothing here. */
        result = release_lock_body(ctx, dict);
    }
    else {
        PyObject *inner = dict != NULL ? dict_get(dict, FP_STR(lock))
                                       : NULL;
        if (inner != NULL
            && call_method_ok(inner, FP_STR(acquire)) == 0) {
            result = release_lock_body(ctx, dict);
            if (call_method_ok(inner, FP_STR(release)) < 0) {
                result = -1;
            }
        }
        Py_XDECREF(inner);
    }
    Py_XDECREF(dict);
    forget_lock(ctx, name, lock, NULL);
    Py_DECREF(lock);
    if (saved_any(&saved)) {
        if (result < 0) {
            PyErr_WriteUnraisable(NULL);
        }
        restore_exc(&saved);
    }
    return result;
}

/* ---- installation: the lock's layout ---------------------------------- */

/* _ModuleLock's attribute names in __init__'s order, and whether count is
 * a list (3.12+) or an int: from a lock made and taken by importlib.  0
 * and ctx filled, 1 if the layout is unknown (no fast path), -1 on
 * error. */
int
pystatic_fastpath_probe_lock_layout(PyObject *ctx, PyObject *thread)
{
    PyObject *cls = CTX(ctx, CTX_LOCK_CLASS);
    PyObject *probe = NULL, *dict = NULL, *keys = NULL, *inner = NULL;
    PyObject *rlock = NULL, *allocate = NULL, *lock_type = NULL;
    int result = -1;

    probe = PyObject_CallFunction(cls, "s", "_pystatic.probe");
    if (probe == NULL || call_method_ok(probe, FP_STR(acquire)) < 0) {
        goto done;
    }
    dict = PyObject_GenericGetDict(probe, NULL);
    keys = dict != NULL ? PyDict_Keys(dict) : NULL;
    if (keys == NULL) {
        goto done;
    }
    result = 1;
    PyObject *expected[] = {FP_STR(lock), FP_STR(wakeup), FP_STR(name),
                            FP_STR(owner),
                            FP_STR(count), FP_STR(waiters)};
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
    PyObject *count = PyDict_GetItem(dict, FP_STR(count));
    PyObject *waiters = PyDict_GetItem(dict, FP_STR(waiters));
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
    inner = PyDict_GetItem(dict, FP_STR(lock));
    PyObject *wakeup = PyDict_GetItem(dict, FP_STR(wakeup));
    allocate = PyObject_GetAttrString(thread, "allocate_lock");
    rlock = PyObject_GetAttrString(thread, "RLock");
    lock_type = PyObject_GetAttrString(thread, "LockType");
    if (allocate == NULL || rlock == NULL || lock_type == NULL) {
        result = -1;
        goto done;
    }
    if (inner == NULL || wakeup == NULL
        || Py_TYPE(wakeup) != (PyTypeObject *)lock_type) {
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
    Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_COUNT_IS_LIST),
              Py_NewRef(count_is_list ? Py_True : Py_False));
    result = 0;
done:
    if (probe != NULL && result >= 0) {
        if (call_method_ok(probe, FP_STR(release)) < 0) {
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
