/*
 * PYSTATIC_DEBUG: for users debugging which extension modules a binary
 * holds and which it imported.  With PYSTATIC_DEBUG set to anything but ""
 * or "0", the runtime writes to stderr
 *
 *   at start-up      "pystatic: N static extension modules:" and one line per
 *                    module: name, label, "(package)" if it is one;
 *   on each import   "pystatic: imported NAME (KIND) from LABEL", or
 *                    "pystatic: failed to import NAME from LABEL: EXCTYPE";
 *   at exit          "pystatic: imported K of N static extension modules:"
 *                    and their names.
 *
 * The variable is read with getenv(), once, so it works in isolated mode
 * too.  The launcher then removes it from the environment, so it applies to
 * this process only (pystatic_debug_take_from_environment).
 * The import marks are also what _pystatic.imported() returns.  A module
 * counts as imported once it is complete: a single-phase one when its init
 * returns, a multi-phase one when its exec slots have run.  For those,
 * create_module() only notes the module as created (pystatic_mark_created)
 * and exec_module() marks it (pystatic_exec_finished), so one whose exec
 * slot fails is reported as failed, as the import raised, not as imported.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pystatic_internal.h"

static unsigned char *imported;     /* one mark per registry entry */
static int atexit_registered;
/* Per registry entry: how a module created by create_module() was made,
 * until its exec_module() finishes; pending_count of them are set. */
static const char **pending;
static size_t pending_count;

/* -1 until read; then whether PYSTATIC_DEBUG is on.  Always cached: the
 * launcher removes the variable from the environment once read. */
static int debug_cached = -1;

/* Read once (the first call is at start-up): every import asks. */
int
pystatic_debug_enabled(void)
{
#if defined(__GNUC__)
    int enabled = __atomic_load_n(&debug_cached, __ATOMIC_RELAXED);
#else
    int enabled = debug_cached;
#endif
    if (enabled >= 0) {
        return enabled;
    }
    const char *value = getenv(PYSTATIC_ENV_DEBUG);
    int result = value != NULL && value[0] != '\0'
                 && strcmp(value, "0") != 0;
#if defined(__GNUC__)
    __atomic_store_n(&debug_cached, result, __ATOMIC_RELAXED);
#else
    debug_cached = result;
#endif
    return result;
}

/* PYSTATIC_DEBUG is for the process it was set for: a child started with
 * sys.executable (subprocess, multiprocessing's spawn) would otherwise
 * inherit it and write the report into a stderr its parent may read.  The
 * launcher calls this before Python starts, so os.environ never has it;
 * a child gets it only when the parent passes it explicitly. */
void
pystatic_debug_take_from_environment(void)
{
    (void)pystatic_debug_enabled();
    unsetenv(PYSTATIC_ENV_DEBUG);
}

static void
report_imported_at_exit(void)
{
    size_t done = 0;
    for (size_t i = 0; imported != NULL && i < pystatic_registry.count; i++) {
        done += imported[i] != 0;
    }
    fprintf(stderr, "pystatic: imported %zu of %zu static extension "
            "modules:\n", done, pystatic_registry.count);
    for (size_t i = 0; imported != NULL && i < pystatic_registry.count; i++) {
        if (imported[i]) {
            fprintf(stderr, "pystatic:   %s\n",
                    pystatic_entry_name(&pystatic_registry.modules[i]));
        }
    }
    fflush(stderr);
}

void
pystatic_debug_report_registry(void)
{
    if (!pystatic_debug_enabled() || atexit_registered) {
        return;
    }
    fprintf(stderr, "pystatic: %zu static extension modules:\n",
            pystatic_registry.count);
    for (size_t i = 0; i < pystatic_registry.count; i++) {
        const PyStatic_Module *m = &pystatic_registry.modules[i];
        fprintf(stderr, "pystatic:   %s  %s%s\n", pystatic_entry_name(m),
                pystatic_entry_origin(m),
                (m->flags & PYSTATIC_MODULE_IS_PACKAGE) ? "  (package)" : "");
    }
    fflush(stderr);
    /* Runs at the end of Py_FinalizeEx(): C only from here on. */
    atexit_registered = Py_AtExit(report_imported_at_exit) == 0;
}

void
pystatic_mark_imported(const PyStatic_Module *entry, const char *how)
{
    size_t i = pystatic_registry_index(entry);
    pystatic_lock();
    if (imported == NULL) {
        /* Lives until the process exits: the at-exit report reads it. */
        imported = calloc(pystatic_registry.count, 1);
    }
    if (imported != NULL) {
        imported[i] = 1;
    }
    pystatic_unlock();
    if (pystatic_debug_enabled()) {
        fprintf(stderr, "pystatic: imported %s (%s) from %s\n",
                pystatic_entry_name(entry), how,
                pystatic_entry_origin(entry));
        fflush(stderr);
    }
}

int
pystatic_was_imported(const PyStatic_Module *entry)
{
    size_t i = pystatic_registry_index(entry);
    int result;
    pystatic_lock();
    result = imported != NULL && imported[i];
    pystatic_unlock();
    return result;
}

void
pystatic_debug_failed(const PyStatic_Module *entry)
{
    if (!pystatic_debug_enabled()) {
        return;
    }
    PyObject *type = PyErr_Occurred();     /* borrowed */
    fprintf(stderr, "pystatic: failed to import %s from %s: %s\n",
            pystatic_entry_name(entry), pystatic_entry_origin(entry),
            type != NULL && PyType_Check(type)
                ? ((PyTypeObject *)type)->tp_name : "?");
    fflush(stderr);
}

void
pystatic_mark_created(const PyStatic_Module *entry, PyObject *module,
                      const char *how)
{
    /* An object that is not a module (from a Py_mod_create slot) has
     * nothing left to execute: it is imported now. */
    if (!PyModule_Check(module)) {
        pystatic_mark_imported(entry, how);
        return;
    }
    size_t i = pystatic_registry_index(entry);
    int noted = 0;
    pystatic_lock();
    if (pending == NULL) {
        /* Lives until the process exits, as the import marks do. */
        pending = calloc(pystatic_registry.count, sizeof(*pending));
    }
    if (pending != NULL) {
        pending_count += pending[i] == NULL;
        pending[i] = how;
        noted = 1;
    }
    pystatic_unlock();
    if (!noted) {
        pystatic_mark_imported(entry, how);     /* out of memory: as before */
    }
}

/* The registry entry of the module importlib is executing, from its
 * __spec__ (its __name__ may be another, e.g. set by a Py_mod_create
 * slot), or NULL; never leaves an exception of its own. */
static const PyStatic_Module *
entry_of_module(PyObject *module)
{
    /* Interned once (immortal or shared by every interpreter on the
     * versions supported): PyObject_GetAttrString() would make and intern
     * a str per call, about 1,000 instructions per import. */
    static PyObject *str_spec, *str_name;
    const PyStatic_Module *entry = NULL;
    if (str_spec == NULL) {
        str_spec = PyUnicode_InternFromString("__spec__");
    }
    if (str_name == NULL) {
        str_name = PyUnicode_InternFromString("name");
    }
    if (str_spec == NULL || str_name == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *spec = PyObject_GetAttr(module, str_spec);
    PyObject *name = spec != NULL ? PyObject_GetAttr(spec, str_name) : NULL;
    if (name != NULL && PyUnicode_Check(name)) {
        const char *utf8 = PyUnicode_AsUTF8(name);
        if (utf8 != NULL) {
            entry = pystatic_registry_find(utf8);
        }
    }
    Py_XDECREF(name);
    Py_XDECREF(spec);
    PyErr_Clear();
    return entry;
}

void
pystatic_exec_finished(PyObject *module, int ok)
{
    pystatic_lock();
    size_t outstanding = pending_count;
    pystatic_unlock();
    if (outstanding == 0 || !PyModule_Check(module)) {
        return;     /* e.g. importlib.reload(): nothing was created */
    }
#if PY_VERSION_HEX >= 0x030C0000
    PyObject *exc = ok ? NULL : PyErr_GetRaisedException();
#else
    PyObject *type = NULL, *value = NULL, *traceback = NULL;
    if (!ok) {
        PyErr_Fetch(&type, &value, &traceback);
    }
#endif
    const PyStatic_Module *entry = entry_of_module(module);
#if PY_VERSION_HEX >= 0x030C0000
    if (!ok) {
        PyErr_SetRaisedException(exc);
    }
#else
    if (!ok) {
        PyErr_Restore(type, value, traceback);
    }
#endif
    if (entry == NULL) {
        return;
    }
    pystatic_exec_finished_entry(entry, module, ok);
}

void
pystatic_exec_finished_entry(const PyStatic_Module *entry, PyObject *module,
                             int ok)
{
    if (!PyModule_Check(module)) {
        return;
    }
    size_t i = pystatic_registry_index(entry);
    pystatic_lock();
    const char *how = pending != NULL ? pending[i] : NULL;
    if (how != NULL) {
        pending[i] = NULL;
        pending_count--;
    }
    pystatic_unlock();
    if (how == NULL) {
        return;
    }
    if (ok) {
        pystatic_mark_imported(entry, how);
    }
    else {
        pystatic_debug_failed(entry);
    }
}
