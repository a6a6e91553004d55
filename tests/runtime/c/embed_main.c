/*
 * A program that embeds CPython itself and uses the runtime without the
 * launcher (//runtime:runtime_without_main): it registers `_pystatic`,
 * initializes Python its own way, imports `_pystatic` to install the
 * finder, and runs argv[2] as Python code.  argv[1] is the Python prefix.
 *
 * Exits 0 if the code ran, 1 if it raised, 2 if start-up failed.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdio.h>

#include "pystatic/runtime.h"

int
main(int argc, char **argv)
{
    PyConfig config;
    PyStatus status;

    if (argc != 3) {
        fprintf(stderr, "usage: %s PREFIX CODE\n", argv[0]);
        return 2;
    }
    if (PyStatic_AppendInittab() < 0) {
        fprintf(stderr, "PyStatic_AppendInittab failed\n");
        return 2;
    }
    PyConfig_InitIsolatedConfig(&config);
    status = PyConfig_SetBytesArgv(&config, argc, argv);
    if (PyStatus_Exception(status)) {
        goto fail;
    }
    status = PyConfig_SetBytesString(&config, &config.home, argv[1]);
    if (PyStatus_Exception(status)) {
        goto fail;
    }
    status = Py_InitializeFromConfig(&config);
    if (PyStatus_Exception(status)) {
        goto fail;
    }
    PyConfig_Clear(&config);

    PyObject *module = PyImport_ImportModule(PYSTATIC_MODULE_NAME);
    if (module == NULL) {
        PyErr_Print();
        Py_FinalizeEx();
        return 2;
    }
    Py_DECREF(module);
    int rc = PyRun_SimpleString(argv[2]) == 0 ? 0 : 1;
    if (Py_FinalizeEx() < 0) {
        rc = 120;
    }
    return rc;

fail:
    PyConfig_Clear(&config);
    Py_ExitStatusException(status);
}
