/*
 * Stdlib modules a single-file binary left out of its pack (pack_stdlib =
 * "imported"): the pack lists them by name only (PYSTATIC_PACK_LEFT_OUT),
 * so that importing one says why it is missing and how to keep it.
 *
 * For importlib they do not exist: PackedImporter.find_spec() gives None
 * for them, so importlib.util.find_spec() answers None as CPython does for
 * any missing module (`if find_spec("tkinter"): ...` is how programs test
 * for an optional module), and the import fails with importlib's own
 * ModuleNotFoundError.  Only its message changes: the launcher wraps
 * importlib._bootstrap._find_and_load (after the fast import path, if any,
 * replaced it: that one stays underneath), and when the call for a
 * left-out name fails with importlib's plain "No module named 'x'" for
 * that very name, the wrapper rewrites the message of that exception (the
 * same object: type, name, traceback and context stay).  Every import
 * statement, __import__() and importlib.import_module() goes through
 * _find_and_load; importlib.util.find_spec() does not.
 *
 * A pack with nothing left out (pack_stdlib = "all") gets no wrapper.
 * See docs/single_file.md.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pystatic_pack.h"

int
pystatic_pack_left_out(const pystatic_pack *pack, PyObject *fullname)
{
    Py_ssize_t len;
    if (pack == NULL || !PyUnicode_Check(fullname)) {
        return 0;
    }
    const char *name = PyUnicode_AsUTF8AndSize(fullname, &len);
    if (name == NULL) {
        PyErr_Clear();
        return 0;
    }
    const PyStatic_PackModule *m = pystatic_pack_find_module(
        pack, name, (size_t)len);
    return m != NULL && (m->flags & PYSTATIC_PACK_LEFT_OUT) != 0;
}

/* The same text is in rules/private/tools/pack_program.py
 * (LEFT_OUT_MESSAGE), for 3.15's traceback printer. */
PyObject *
pystatic_pack_left_out_message(PyObject *name)
{
    return PyUnicode_FromFormat(
        "No module named %R: the stdlib has it, but this single-file "
        "binary left it out because nothing its program imports "
        "reaches it. Keep it with pack_keep = [%R] on the "
        "py_static_binary, or pack the whole stdlib with "
        "pack_stdlib = \"all\" (docs/single_file.md)", name, name);
}

/* The exception being raised, normalized (a reference we own), or NULL. */
static PyObject *
take_exception(void)
{
#if PY_VERSION_HEX >= 0x030C0000
    return PyErr_GetRaisedException();
#else
    PyObject *type, *value, *tb;
    PyErr_Fetch(&type, &value, &tb);
    if (type == NULL) {
        return NULL;
    }
    PyErr_NormalizeException(&type, &value, &tb);
    if (value != NULL && tb != NULL) {
        PyException_SetTraceback(value, tb);
    }
    Py_XDECREF(type);
    Py_XDECREF(tb);
    return value;
#endif
}

static void
raise_again(PyObject *exc)
{
#if PY_VERSION_HEX >= 0x030C0000
    PyErr_SetRaisedException(exc);
#else
    PyObject *tb = PyException_GetTraceback(exc);
    PyErr_Restore(Py_NewRef((PyObject *)Py_TYPE(exc)), exc, tb);
#endif
}

/* 1 if `exc` is importlib's own "not found" for `name`: a
 * ModuleNotFoundError whose name is `name` and whose message is exactly
 * "No module named 'name'" (not one already explained, not one of the
 * "... is not a package" kind); 0 if not, -1 on error. */
static int
is_plain_not_found(PyObject *exc, PyObject *name)
{
    PyObject *exc_name = NULL, *msg = NULL, *plain = NULL;
    int result = -1;

    if (!PyObject_TypeCheck(exc, (PyTypeObject *)PyExc_ModuleNotFoundError)) {
        return 0;
    }
    exc_name = PyObject_GetAttrString(exc, "name");
    msg = PyObject_GetAttrString(exc, "msg");
    if (exc_name == NULL || msg == NULL) {
        goto done;
    }
    if (!PyUnicode_Check(exc_name) || !PyUnicode_Check(msg)
        || PyUnicode_Compare(exc_name, name) != 0) {
        result = PyErr_Occurred() ? -1 : 0;
        goto done;
    }
    plain = PyUnicode_FromFormat("No module named %R", name);
    if (plain == NULL) {
        goto done;
    }
    result = PyUnicode_Compare(msg, plain) == 0;
    if (PyErr_Occurred()) {
        result = -1;
    }
done:
    Py_XDECREF(exc_name);
    Py_XDECREF(msg);
    Py_XDECREF(plain);
    return result;
}

/* The import of `name` failed: if it is a left-out module that importlib
 * found nowhere, the exception says so.  Keeps the exception raised;
 * anything going wrong here leaves it as it was. */
static void
explain(PyObject *name)
{
    PyObject *msg = NULL, *args = NULL;

    if (!PyErr_ExceptionMatches(PyExc_ModuleNotFoundError)
        || !PyUnicode_CheckExact(name)) {
        return;
    }
    /* Taken first: the checks below may raise (and clear) their own. */
    PyObject *exc = take_exception();
    if (exc == NULL) {
        return;
    }
    if (!pystatic_pack_left_out(pystatic_pack_get(), name)
        || is_plain_not_found(exc, name) <= 0) {
        goto done;
    }
    msg = pystatic_pack_left_out_message(name);
    args = msg != NULL ? PyTuple_Pack(1, msg) : NULL;
    if (args != NULL && PyObject_SetAttrString(exc, "msg", msg) == 0) {
        (void)PyObject_SetAttrString(exc, "args", args);
    }
done:
    PyErr_Clear();  /* only an error of ours: the import's is in exc */
    Py_XDECREF(msg);
    Py_XDECREF(args);
    raise_again(exc);
}

/* _find_and_load(name, import_): the wrapped function (`self`), then
 * explain(). */
static PyObject *
missing_find_and_load(PyObject *inner, PyObject *const *args,
                      Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *result;
#if PY_VERSION_HEX >= 0x030C0000
    result = PyObject_Vectorcall(inner, args, nargs, kwnames);
#else
    /* PyObject_Vectorcall() is inline here, over private symbols. */
    PyObject *kwargs = NULL;
    if (kwnames != NULL) {
        kwargs = PyDict_New();
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
    }
    result = PyObject_VectorcallDict(inner, args, nargs, kwargs);
    Py_XDECREF(kwargs);
#endif
    if (result == NULL && nargs >= 1) {
        explain(args[0]);
    }
    return result;
}

static PyMethodDef missing_def = {
    "_find_and_load", (PyCFunction)(void (*)(void))missing_find_and_load,
    METH_FASTCALL | METH_KEYWORDS,
    PyDoc_STR("_find_and_load(name, import_)\n--\n\n"
              "importlib's _find_and_load; a stdlib module this single-file "
              "binary left out fails with a message that says how to keep "
              "it (rules_pystatic)."),
};

int
pystatic_pack_install_missing_hint(void)
{
    const pystatic_pack *pack = pystatic_pack_get();
    PyObject *bootstrap = NULL, *inner = NULL, *modname = NULL;
    PyObject *wrapper = NULL;
    int result = -1;
    uint32_t i = 0;

    if (pack == NULL) {
        return 0;
    }
    while (i < pack->header->module_count
           && !(pack->modules[i].flags & PYSTATIC_PACK_LEFT_OUT)) {
        i++;
    }
    if (i == pack->header->module_count) {
        return 0;   /* nothing left out: nothing to explain */
    }
    bootstrap = PyImport_ImportModule("_frozen_importlib");
    if (bootstrap == NULL) {
        goto done;
    }
    inner = PyObject_GetAttrString(bootstrap, "_find_and_load");
    if (inner == NULL) {
        goto done;
    }
    if (PyCFunction_Check(inner)
        && PyCFunction_GET_FUNCTION(inner)
           == (PyCFunction)(void (*)(void))missing_find_and_load) {
        result = 0;     /* wrapped already */
        goto done;
    }
    modname = PyUnicode_FromString(PYSTATIC_PACK_MODULE_NAME);
    if (modname == NULL) {
        goto done;
    }
    wrapper = PyCFunction_NewEx(&missing_def, inner, modname);
    if (wrapper == NULL
        || PyObject_SetAttrString(bootstrap, "_find_and_load", wrapper) < 0) {
        goto done;
    }
    result = 0;
done:
    Py_XDECREF(bootstrap);
    Py_XDECREF(inner);
    Py_XDECREF(modname);
    Py_XDECREF(wrapper);
    return result;
}
