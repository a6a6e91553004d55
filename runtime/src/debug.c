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
 * too.
 * The import marks are also what _pystatic.imported() returns.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pystatic_internal.h"

static unsigned char *imported;     /* one mark per registry entry */
static int atexit_registered;

/* Read once (the first call is at start-up): every import asks. */
int
pystatic_debug_enabled(void)
{
#if defined(__GNUC__)
    static int cached = -1;
    int enabled = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (enabled >= 0) {
        return enabled;
    }
#endif
    const char *value = getenv(PYSTATIC_ENV_DEBUG);
    int result = value != NULL && value[0] != '\0'
                 && strcmp(value, "0") != 0;
#if defined(__GNUC__)
    __atomic_store_n(&cached, result, __ATOMIC_RELAXED);
#endif
    return result;
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
