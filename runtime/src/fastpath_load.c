/*
 * The importlib steps of the fast import path, for a static module under
 * its module lock (fastpath_lock.c), in the order of importlib's
 * _find_and_load_unlocked() and _load_unlocked(): the parent package
 * first; the spec from our finder; on 3.12+ the child name pushed on the
 * parent spec's _uninitialized_submodules; create_module(); the module
 * attributes (_init_module_attrs(), in C for a plain module object,
 * importlib's own function for anything else); spec._initializing = True;
 * sys.modules; exec_module(), removing the module from sys.modules if it
 * fails; the module moved to the end of sys.modules; _initializing =
 * False; the module set as an attribute of its parent (an ImportWarning if
 * that fails).  create_module and exec_module are called as methods of
 * the importer, exactly as importlib calls them.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <assert.h>
#include <string.h>

#include "pystatic_internal.h"
#include "fastpath.h"

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
                  PyObject *spec, PyObject *name, PyObject *parent)
{
    PyObject *dict = NULL;
    PyObject *locations = NULL, *package = NULL, *origin = NULL;
    PyObject *fileattr = NULL;
    int result = -1;

    int has_getattr = 1;
    if (PyModule_CheckExact(module)) {
        dict = PyModule_GetDict(module);    /* borrowed */
        has_getattr = PyDict_Contains(dict, FP_STR(getattr));
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
    locations = PyObject_GetAttr(spec, FP_STR(locations));
    if (locations == NULL) {
        goto done;
    }
    if (set_if_missing(dict, FP_STR(dunder_name), name) < 0
        || set_if_missing(dict, FP_STR(loader), loader) < 0) {
        goto done;
    }
    /* spec.parent: the name for a package, else what comes before its
     * last dot (`parent`, NULL for a top-level name). */
    if (locations != Py_None) {
        package = Py_NewRef(name);
    }
    else {
        package = parent != NULL ? Py_NewRef(parent)
                                 : PyUnicode_FromString("");
    }
    if (package == NULL || set_if_missing(dict, FP_STR(package), package) < 0
        || PyDict_SetItem(dict, FP_STR(spec), spec) < 0) {
        goto done;
    }
    if (locations != Py_None
        && set_if_missing(dict, FP_STR(path), locations) < 0) {
        goto done;
    }
    fileattr = PyObject_GetAttr(spec, FP_STR(set_fileattr));
    if (fileattr == NULL) {
        goto done;
    }
    int has_location = PyObject_IsTrue(fileattr);
    if (has_location < 0) {
        goto done;
    }
    if (has_location) {
        origin = PyObject_GetAttr(spec, FP_STR(origin));
        if (origin == NULL || set_if_missing(dict, FP_STR(file), origin) < 0) {
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

/* sys.modules[name] = value, del sys.modules[name] and sys.modules[name],
 * as importlib's statements do them: dict operations directly on an exact
 * dict (the same, without the mapping protocol around them). */
static int
modules_set(PyObject *modules, PyObject *name, PyObject *value)
{
    return PyDict_CheckExact(modules) ? PyDict_SetItem(modules, name, value)
                                      : PyObject_SetItem(modules, name, value);
}

static int
modules_del(PyObject *modules, PyObject *name)
{
    return PyDict_CheckExact(modules) ? PyDict_DelItem(modules, name)
                                      : PyObject_DelItem(modules, name);
}

static PyObject *
modules_get(PyObject *modules, PyObject *name)
{
    if (!PyDict_CheckExact(modules)) {
        return PyObject_GetItem(modules, name);
    }
    PyObject *value = PyDict_GetItemWithError(modules, name);
    if (value == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetObject(PyExc_KeyError, name);
        }
        return NULL;
    }
    return Py_NewRef(value);
}

/* spec._initializing = value: ModuleSpec's setattr called directly when
 * it is the generic one (no dispatch). */
static int
set_initializing(PyObject *spec, PyObject *value)
{
    if (Py_TYPE(spec)->tp_setattro == PyObject_GenericSetAttr) {
        return PyObject_GenericSetAttr(spec, FP_STR(initializing), value);
    }
    return PyObject_SetAttr(spec, FP_STR(initializing), value);
}

/* loader.<method>(arg), as importlib calls it.  The loader is always our
 * importer class (sys.meta_path[0]); while its class dict still holds the
 * method it was made with (nobody assigned StaticExtensionImporter.
 * create_module or exec_module), the C function behind that method is
 * called directly: the same call without the attribute lookup and the
 * bound method, about 700 instructions each. */
static PyObject *
call_loader(PyObject *ctx, PyObject *loader, const PyStatic_Module *entry,
            PyObject *name, PyObject *method, PyObject *arg)
{
    const int create = method == FP_STR(create);
    PyObject *original = CTX(ctx, create ? CTX_CREATE_METHOD
                                         : CTX_EXEC_METHOD);
    PyObject *type_dict = ((PyTypeObject *)loader)->tp_dict;
    PyObject *current = type_dict != NULL
        ? PyDict_GetItemWithError(type_dict, method) : NULL;  /* borrowed */
    if (current != NULL && current == original) {
        /* What those methods do, with the registry entry this import has
         * already looked up (create_module would find it again from
         * spec.name, the name it was made with; exec_module from
         * module.__spec__.name). */
        if (create) {
            pystatic_state *state = PyModule_GetState(
                CTX(ctx, CTX_PYSTATIC));
            return pystatic_create_module_of_entry(state, entry, name, arg);
        }
        int ok = pystatic_exec_module(arg) == 0;
        pystatic_exec_finished_entry(entry, arg, ok);
        return ok ? Py_NewRef(Py_None) : NULL;
    }
    if (current == NULL && PyErr_Occurred()) {
        return NULL;
    }
    PyObject *args[2] = {loader, arg};
    return PyObject_VectorcallMethod(method, args,
                                     2 | PY_VECTORCALL_ARGUMENTS_OFFSET,
                                     NULL);
}

/* _load_unlocked(spec) for our spec: a new reference to the module, or
 * NULL with an exception set and nothing left in sys.modules. */
static PyObject *
load_unlocked(PyObject *ctx, PyObject *loader, const PyStatic_Module *entry,
              PyObject *spec, PyObject *name, PyObject *parent)
{
    PyObject *module = call_loader(ctx, loader, entry, name, FP_STR(create),
                                   spec);
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
    if (init_module_attrs(ctx, loader, module, spec, name, parent) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    /* Before sys.modules (import.c relies on it to wait for the lock). */
    if (set_initializing(spec, Py_True) < 0) {
        Py_DECREF(module);
        return NULL;
    }
    PyObject *modules = sys_get(ctx, FP_STR(modules));     /* borrowed */
    PyObject *result = NULL;
    if (modules == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "lost sys.modules");
        goto done;
    }
    Py_INCREF(modules);
    if (modules_set(modules, name, module) < 0) {
        Py_DECREF(modules);
        goto done;
    }
    PyObject *r = call_loader(ctx, loader, entry, name, FP_STR(exec),
                              module);
    if (r == NULL) {
        saved_exc saved;
        save_exc(&saved);
        if (modules_del(modules, name) < 0) {
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
    PyObject *final = modules_get(modules, name);
    if (final != NULL && (modules_del(modules, name) < 0
                          || modules_set(modules, name, final) < 0)) {
        Py_CLEAR(final);
    }
    Py_DECREF(modules);
    result = final;
done:
    Py_DECREF(module);
    {
        saved_exc saved;
        save_exc(&saved);
        if (set_initializing(spec, Py_False) < 0) {
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
PyObject *
pystatic_fastpath_first_finder(PyObject *ctx)
{
    PyObject *meta_path = sys_get(ctx, FP_STR(meta_path));     /* borrowed */
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
    PyObject *modules = sys_get(ctx, FP_STR(modules));      /* borrowed */
    *module = NULL;
    if (modules == NULL) {
        return 0;
    }
    if (PyDict_CheckExact(modules)) {
        /* One lookup for `name in sys.modules` and `sys.modules[name]`:
         * an exact dict runs no Python code for either. */
        *module = PyDict_GetItemWithError(modules, name);   /* borrowed */
        if (*module == NULL) {
            return PyErr_Occurred() ? -1 : 0;
        }
        Py_INCREF(*module);
    }
    else {
        int present = PySequence_Contains(modules, name);
        if (present <= 0) {
            return present;
        }
        *module = PyObject_GetItem(modules, name);
        if (*module == NULL) {
            return -1;
        }
    }
#if PY_VERSION_HEX >= 0x030E0000
    if (*module == Py_None) {
        Py_CLEAR(*module);
        return 0;
    }
#endif
    return 1;
}

/* name[:dot]: the str of the last import's parent again when it is the
 * same (imports of one package's modules come in runs: no new str to make
 * and hash), else a new one, kept for the next import. */
static PyObject *
parent_name(PyObject *ctx, PyObject *name, Py_ssize_t dot)
{
    PyObject *last = CTX(ctx, CTX_LAST_PARENT);
    const int kind = PyUnicode_KIND(name);
    if (last != Py_None && PyUnicode_GET_LENGTH(last) == dot
        && PyUnicode_KIND(last) == kind
        && memcmp(PyUnicode_DATA(last), PyUnicode_DATA(name),
                  (size_t)dot * (size_t)kind) == 0) {
        return Py_NewRef(last);
    }
    PyObject *parent = PyUnicode_Substring(name, 0, dot);
    if (parent != NULL) {
        Py_SETREF(PyTuple_GET_ITEM(ctx, CTX_LAST_PARENT), Py_NewRef(parent));
    }
    return parent;
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
int
pystatic_fastpath_find_and_load_locked(PyObject *ctx, PyObject *loader,
                                       const PyStatic_Module *entry,
                                       PyObject *name, PyObject *import_,
                                       Py_ssize_t dot, PyObject **module)
{
    PyObject *modules = sys_get(ctx, FP_STR(modules));     /* borrowed */
    PyObject *parent = NULL, *child = NULL, *path = NULL, *spec = NULL;
    PyObject *uninit = NULL, *parent_module = NULL;
    int result = 1;

    *module = NULL;
    if (modules == NULL || !PyDict_CheckExact(modules)) {
        return 0;
    }
    int present = PyDict_Contains(modules, name);
    if (present != 0) {
        return present < 0 ? 1 : 0;     /* imported while we waited */
    }
    if (dot >= 0) {
        parent = parent_name(ctx, name, dot);
        child = PyUnicode_Substring(name, dot + 1, PyUnicode_GET_LENGTH(name));
        if (parent == NULL || child == NULL) {
            goto done;
        }
        /* `parent in sys.modules` and, when it is, sys.modules[parent] in
         * one lookup: then nothing has run since `name` was found missing
         * above, so importlib's second look for it would find nothing. */
        PyObject *pm = PyDict_GetItemWithError(modules, parent);
        if (pm != NULL) {
            Py_INCREF(pm);
        }
        else {
            if (PyErr_Occurred() || import_parent(import_, parent) < 0) {
                goto done;
            }
            if (already_there(ctx, name, module) != 0) {
                goto done;      /* imported by the parent, or an error */
            }
            modules = sys_get(ctx, FP_STR(modules));
            pm = modules != NULL ? modules_get(modules, parent) : NULL;
            if (pm == NULL) {
                if (modules == NULL) {
                    result = 0;
                }
                goto done;      /* KeyError(parent), as importlib */
            }
        }
        int has_path = pystatic_fastpath_module_attr(ctx, pm, FP_STR(path), 1,
                                                     &path);
        PyObject *parent_spec = NULL;
        if (has_path > 0) {
            pystatic_fastpath_module_attr(ctx, pm, FP_STR(spec), 0,
                                          &parent_spec);
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
        int busy = get_optional_attr(parent_spec, FP_STR(initializing), &init);
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
            uninit = PyObject_GetAttr(parent_spec, FP_STR(uninit));
            if (uninit == NULL) {
                Py_DECREF(parent_spec);
                goto done;
            }
        }
#endif
        Py_DECREF(parent_spec);
    }
    pystatic_state *state = PyModule_GetState(CTX(ctx, CTX_PYSTATIC));
    spec = pystatic_find_spec_of_entry(state, entry, name,
                                       path != NULL ? path : Py_None);
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
    *module = load_unlocked(ctx, loader, entry, spec, name, parent);
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
        modules = sys_get(ctx, FP_STR(modules));
        parent_module = modules != NULL ? modules_get(modules, parent)
                                        : NULL;
        if (parent_module == NULL) {
            Py_CLEAR(*module);
            goto done;
        }
        if (pystatic_fastpath_set_child(ctx, parent_module, &child,
                                        *module) < 0) {
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
