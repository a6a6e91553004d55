/*
 * Shared by the fast import path's files (docs/runtime.md, "The fast
 * import path"):
 *
 *   fastpath.c         the replacement _find_and_load and its installation
 *   fastpath_lock.c    importlib's module lock (_ModuleLock), from C
 *   fastpath_load.c    _find_and_load_unlocked() and _load_unlocked() for a
 *                      static module, under that lock
 *   fastpath_module.c  the parent package's attributes, as dict operations
 *                      on a plain module object
 *
 * Include Python.h and pystatic_internal.h before this header.
 */
#ifndef PYSTATIC_FASTPATH_H
#define PYSTATIC_FASTPATH_H

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
    CTX_CREATE_METHOD,  /* StaticExtensionImporter.__dict__["create_module"]
                         * and ["exec_module"] at installation */
    CTX_EXEC_METHOD,
    CTX_SPARE_LOCK,     /* None, or the spare _ModuleLock: one an import
                         * finished with while nothing else referred to
                         * it, taken again by the next import
                         * (fastpath_lock.c) */
    CTX_SPARE_REF,      /* None, or the weak reference to the spare lock
                         * that its last _module_locks entry held: the
                         * one PyWeakref_NewRef() gives again for it */
    CTX_WEAKREF_TYPE,   /* _weakref.ref (PyWeakref_CheckRefExact() would
                         * name a private symbol) */
    CTX_PLAIN_MODULES,  /* Py_True when ModuleType's attributes let the
                         * fast path read and set a plain module's
                         * attributes in its __dict__ (fastpath_module.c) */
    CTX_LAST_PARENT,    /* None, or the parent name of the last import:
                         * the next one in the same package reuses it */
    CTX_SIZE
};

#define CTX(ctx, i) PyTuple_GET_ITEM((ctx), (i))

/* Interned names, one set per process (interned strings are immortal or
 * shared by every interpreter on the versions we support): fastpath.c
 * makes them at installation. */
typedef struct {
    PyObject *lock, *wakeup, *name, *owner, *count, *waiters, *initializing,
        *spec, *path, *loader, *package, *file, *dunder_name, *getattr,
        *set_fileattr, *cached, *locations, *uninit, *create, *exec, *acquire,
        *release, *origin, *modules, *meta_path, *dict;
} pystatic_fastpath_names;

extern pystatic_fastpath_names pystatic_fastpath_str;

#define FP_STR(field) (pystatic_fastpath_str.field)

/* Keeping the current exception (if any) across cleanup that may raise. */
typedef struct {
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *exc;
#else
    PyObject *type, *value, *tb;
#endif
} saved_exc;

static inline void
save_exc(saved_exc *saved)
{
#if PY_VERSION_HEX >= 0x030C0000
    saved->exc = PyErr_GetRaisedException();
#else
    PyErr_Fetch(&saved->type, &saved->value, &saved->tb);
#endif
}

static inline int
saved_any(const saved_exc *saved)
{
#if PY_VERSION_HEX >= 0x030C0000
    return saved->exc != NULL;
#else
    return saved->type != NULL;
#endif
}

static inline void
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
static inline int
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
static inline PyObject *
sys_get(PyObject *ctx, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(CTX(ctx, CTX_SYS_DICT), key);
    if (value == NULL) {
        PyErr_Clear();
    }
    return value;
}

/* fastpath_lock.c */

/* Takes the module lock of `name` if nobody holds or waits on it: 1 and
 * *held set, 0 if someone does (importlib's turn), -1 on error. */
int pystatic_fastpath_claim_lock(PyObject *ctx, PyObject *name,
                                 PyObject **held);
/* Releases and drops `lock` (a reference we own), keeping any exception
 * already set: 0, or -1 with an exception set if releasing failed. */
int pystatic_fastpath_release_lock(PyObject *ctx, PyObject *name,
                                   PyObject *lock);
/* At installation: _ModuleLock's layout, into ctx.  0, 1 if the layout is
 * unknown (no fast path), -1 on error. */
int pystatic_fastpath_probe_lock_layout(PyObject *ctx, PyObject *thread);

/* fastpath_module.c */

/* At installation: whether ModuleType allows the two below to use a plain
 * module's __dict__ (1) or not (0). */
int pystatic_fastpath_plain_modules(void);
/* getattr(module, name) (optional: missing is 0 and *out NULL, not an
 * AttributeError): 1 and *out set, 0, or -1 with an exception set. */
int pystatic_fastpath_module_attr(PyObject *ctx, PyObject *module,
                                  PyObject *name, int optional,
                                  PyObject **out);
/* setattr(parent_module, *child, value), with *child interned in place as
 * setattr() does: 0, or -1 with an exception set. */
int pystatic_fastpath_set_child(PyObject *ctx, PyObject *parent_module,
                                PyObject **child, PyObject *value);

/* fastpath_load.c */

/* Is ours the first finder?  Borrowed reference to it, or NULL. */
PyObject *pystatic_fastpath_first_finder(PyObject *ctx);
/* The part under the module lock, as _find_and_load_unlocked(): 1 with
 * *module set (or an exception set and *module NULL), 0 to leave the rest
 * to importlib. */
int pystatic_fastpath_find_and_load_locked(PyObject *ctx, PyObject *loader,
                                           const PyStatic_Module *entry,
                                           PyObject *name, PyObject *import_,
                                           Py_ssize_t dot, PyObject **module);

#endif /* PYSTATIC_FASTPATH_H */
