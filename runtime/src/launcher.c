/*
 * The launcher: starts CPython for `pystatic_program` and runs its main
 * file as __main__.
 *
 *   - the registry is checked first (layout version, Python version,
 *     order): a binary built against another Python refuses to start, with
 *     a message saying which versions disagree;
 *   - PyConfig start-up, every PyStatus checked (Programs/_testembed.c
 *     style).  Isolated by default: PYTHON* variables, user site-packages,
 *     the script directory/current directory and the `site` module are
 *     left out, so nothing outside the binary and its runfiles is on
 *     sys.path.  PYSTATIC_INHERIT_ENVIRONMENT=1 at run time, or a program
 *     built without PYSTATIC_PROGRAM_ISOLATED, opts out: the normal
 *     `python` configuration, PYTHONPATH entries first on sys.path and
 *     `site` imported;
 *   - sys.path = [PYTHONPATH entries (opt-in only)] + program path entries
 *     + stdlib + lib-dynload; sys.argv = argv as given (argv[0] is the
 *     binary); sys.executable = the resolved binary;
 *   - `_pystatic` is registered in the inittab and imported before main
 *     runs, which puts the finder in sys.meta_path;
 *   - Py_RunMain() runs the file and exits as `python FILE` does: the
 *     SystemExit code, 1 after printing an uncaught exception's traceback,
 *     death by SIGINT after an uncaught KeyboardInterrupt (signal handlers
 *     are installed even when isolated), 120 if finalization fails.
 *
 * Interpreter mode (PYSTATIC_PROGRAM_PYTHON_CLI with a Python option first,
 * or PYSTATIC_INTERPRETER=1): the arguments are parsed as `python` parses
 * them and Py_RunMain() runs -c, -m, a script or the REPL instead of the
 * program's main; everything else (sys.path, the finders) is the same.
 *
 * Single-file mode (PYSTATIC_PROGRAM_SINGLE_FILE, see docs/single_file.md):
 * no runfiles; start-up in two phases, with `_pystatic_pack` (the packed
 * importer) installed in sys.meta_path between them, so that every module
 * from `encodings` on comes from the executable; sys.path is empty (plus
 * PYTHONPATH when not isolated); the packed main module runs as __main__.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pystatic_internal.h"
#include "pystatic_pack.h"
#include "pystatic_runfiles.h"

static int
env_true(const char *name)
{
    const char *value = getenv(name);
    return value != NULL && value[0] != '\0' && strcmp(value, "0") != 0;
}

/* Options CPython's own child processes pass to sys.executable
 * (subprocess._args_from_interpreter_flags, multiprocessing's spawn), and
 * -c/-m themselves.  Only the first argument is looked at. */
static int
is_python_option(const char *arg)
{
    static const char *const options[] = {
        "-c", "-m", "-I", "-E", "-s", "-S", "-B", "-b", "-bb", "-d", "-O",
        "-OO", "-q", "-v", "-u", "-P", "-i", "-X", "-W", NULL,
    };
    if (arg == NULL) {
        return 0;
    }
    for (const char *const *o = options; *o != NULL; o++) {
        if (strcmp(arg, *o) == 0) {
            return 1;
        }
    }
    /* -Wdefault, -Xdev: the value attached. */
    return (strncmp(arg, "-W", 2) == 0 || strncmp(arg, "-X", 2) == 0);
}

/* Whether this run is `python` rather than the program (see the top). */
static int
interpreter_mode(const PyStatic_Program *program, int argc, char **argv)
{
    if (env_true(PYSTATIC_ENV_INTERPRETER)) {
        return 1;
    }
    return (program->flags & PYSTATIC_PROGRAM_PYTHON_CLI) && argc > 1
           && is_python_option(argv[1]);
}

static int
needs_runfiles(const PyStatic_Program *program)
{
    if (program->main[0] != '/' || program->stdlib[0] != '/'
        || (program->dynload != NULL && program->dynload[0] != '/')) {
        return 1;
    }
    for (const char *const *p = program->path; p != NULL && *p != NULL;
         p++) {
        if ((*p)[0] != '/') {
            return 1;
        }
    }
    return 0;
}

static PyStatus
append_search_path(PyConfig *config, const char *path)
{
    wchar_t *wide = Py_DecodeLocale(path, NULL);
    if (wide == NULL) {
        return PyStatus_Error("cannot decode a sys.path entry");
    }
    PyStatus status = PyWideStringList_Append(&config->module_search_paths,
                                              wide);
    PyMem_RawFree(wide);
    return status;
}

/* A program path made absolute and appended to sys.path. */
static PyStatus
append_program_path(PyConfig *config, const char *path,
                    const char *runfiles, int is_first)
{
    char *resolved;
    if (pystatic_resolve_path(path, runfiles, &resolved) < 0) {
        return PyStatus_NoMemory();
    }
    PyStatus status = append_search_path(config, resolved);
    if (!PyStatus_Exception(status) && is_first
        && PyStatic_SetModuleRoot(resolved) < 0) {
        status = PyStatus_NoMemory();
    }
    free(resolved);
    return status;
}

/* PYTHONPATH, for the opt-in: CPython ignores it once
 * module_search_paths_set is set, so we add its entries ourselves. */
static PyStatus
append_pythonpath(PyConfig *config)
{
    const char *env = getenv("PYTHONPATH");
    PyStatus status = PyStatus_Ok();
    if (env == NULL || env[0] == '\0') {
        return status;
    }
    char *copy = strdup(env);
    if (copy == NULL) {
        return PyStatus_NoMemory();
    }
    char *saveptr = NULL;
    for (char *item = strtok_r(copy, ":", &saveptr); item != NULL;
         item = strtok_r(NULL, ":", &saveptr)) {
        status = append_search_path(config, item);
        if (PyStatus_Exception(status)) {
            break;
        }
    }
    free(copy);
    return status;
}

/* sys.prefix: "<home>" for a stdlib at "<home>/lib/pythonX.Y". */
static PyStatus
set_home(PyConfig *config, const char *stdlib)
{
    char suffix[32];
    snprintf(suffix, sizeof suffix, "/lib/python%d.%d", PY_MAJOR_VERSION,
             PY_MINOR_VERSION);
    size_t len = strlen(stdlib), slen = strlen(suffix);
    while (len > 1 && stdlib[len - 1] == '/') {
        len--;
    }
    if (len <= slen || strncmp(stdlib + len - slen, suffix, slen) != 0) {
        return PyStatus_Ok();
    }
    char *home = strndup(stdlib, len - slen);
    if (home == NULL) {
        return PyStatus_NoMemory();
    }
    PyStatus status = PyConfig_SetBytesString(config, &config->home, home);
    free(home);
    return status;
}

/* Pre-initialization as `python` does it (UTF-8 mode and locale coercion
 * under the C or POSIX locale, so argv and paths decode as UTF-8), but
 * without reading PYTHON* variables when isolated; then `config` starts
 * from the isolated or the `python` defaults. */
static PyStatus
preinitialize(PyConfig *config, int isolated, int argc, char **argv)
{
    PyPreConfig preconfig;
    PyPreConfig_InitPythonConfig(&preconfig);
    preconfig.isolated = isolated;
    preconfig.use_environment = !isolated;
    PyStatus status = Py_PreInitializeFromBytesArgs(&preconfig, argc, argv);
    if (PyStatus_Exception(status)) {
        return status;
    }
    if (isolated) {
        PyConfig_InitIsolatedConfig(config);
    }
    else {
        PyConfig_InitPythonConfig(config);
    }
    return PyStatus_Ok();
}

/* What both kinds of binary configure alike: signals, no path warnings,
 * isolation, argv (parsed as `python` would only in interpreter mode), and
 * a sys.path that starts with PYTHONPATH only when not isolated. */
static PyStatus
configure_common(PyConfig *config, int isolated, int interpreter, int argc,
                 char **argv)
{
    PyStatus status;

    config->install_signal_handlers = 1;
    config->pathconfig_warnings = 0;
    config->parse_argv = interpreter;
#if PY_VERSION_HEX >= 0x030B0000
    config->safe_path = isolated;
#endif
    if (isolated) {
        config->site_import = 0;
    }
    status = PyConfig_SetBytesArgv(config, argc, argv);
    if (PyStatus_Exception(status)) {
        return status;
    }
    if (argc > 0) {
        status = PyConfig_SetBytesString(config, &config->program_name,
                                         argv[0]);
        if (PyStatus_Exception(status)) {
            return status;
        }
    }
    /* sys.path is ours: the caller appends the program's entries after
     * these PYTHONPATH ones (opt-in only). */
    config->module_search_paths_set = 1;
    return isolated ? PyStatus_Ok() : append_pythonpath(config);
}

static PyStatus
configure(PyConfig *config, const PyStatic_Program *program, int isolated,
          int interpreter, int argc, char **argv, const char *runfiles)
{
    PyStatus status;
    char *path = NULL;

    status = configure_common(config, isolated, interpreter, argc, argv);
    if (PyStatus_Exception(status)) {
        return status;
    }
    char *exe = pystatic_executable_path();
    if (exe != NULL) {
        status = PyConfig_SetBytesString(config, &config->executable, exe);
        free(exe);
        if (PyStatus_Exception(status)) {
            return status;
        }
    }
    if (!interpreter) {
        if (pystatic_resolve_path(program->main, runfiles, &path) < 0) {
            return PyStatus_NoMemory();
        }
        status = PyConfig_SetBytesString(config, &config->run_filename,
                                         path);
        free(path);
        if (PyStatus_Exception(status)) {
            return status;
        }
    }

    for (const char *const *p = program->path; p != NULL && *p != NULL;
         p++) {
        status = append_program_path(config, *p, runfiles,
                                     p == program->path);
        if (PyStatus_Exception(status)) {
            return status;
        }
    }
    status = append_program_path(config, program->stdlib, runfiles, 0);
    if (PyStatus_Exception(status)) {
        return status;
    }
    if (program->dynload != NULL) {
        status = append_program_path(config, program->dynload, runfiles, 0);
        if (PyStatus_Exception(status)) {
            return status;
        }
    }
    if (pystatic_resolve_path(program->stdlib, runfiles, &path) < 0) {
        return PyStatus_NoMemory();
    }
    status = set_home(config, path);
    free(path);
    return status;
}

/* ---- single-file mode ------------------------------------------------ */

/* sys.prefix and friends: the executable's directory.  Setting them (with
 * module_search_paths_set) keeps CPython from searching the disk for a
 * stdlib that is not there. */
static PyStatus
set_prefixes(PyConfig *config, const char *exe)
{
    PyStatus status = PyStatus_Ok();
    const char *slash = strrchr(exe, '/');
    char *dir = slash != NULL && slash != exe
        ? strndup(exe, (size_t)(slash - exe)) : strdup("/");
    if (dir == NULL) {
        return PyStatus_NoMemory();
    }
    wchar_t **fields[] = {&config->prefix, &config->exec_prefix,
                          &config->base_prefix, &config->base_exec_prefix};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        status = PyConfig_SetBytesString(config, fields[i], dir);
        if (PyStatus_Exception(status)) {
            break;
        }
    }
    free(dir);
    return status;
}

static PyStatus
configure_single_file(PyConfig *config, int isolated, int interpreter,
                      int argc, char **argv, const char *exe)
{
    PyStatus status;

    status = configure_common(config, isolated, interpreter, argc, argv);
    if (PyStatus_Exception(status)) {
        return status;
    }
    status = PyConfig_SetBytesString(config, &config->executable, exe);
    if (PyStatus_Exception(status)) {
        return status;
    }
    status = set_prefixes(config, exe);
    if (PyStatus_Exception(status)) {
        return status;
    }
    /* The packed main module runs from a command, as `python -c` would
     * run it: Py_RunMain() then exits as for a file. */
    if (!interpreter) {
        status = PyConfig_SetString(
            config, &config->run_command,
            L"__import__('" PYSTATIC_PACK_WIDE_NAME "')._run_main()\n");
        if (PyStatus_Exception(status)) {
            return status;
        }
    }
#if !PYSTATIC_FROZEN_STARTUP
    /* Stop after the core phase: builtin and frozen imports only. */
    config->_init_main = 0;
#endif
    return PyStatus_Ok();
}

static int
single_file_main(int argc, char **argv, const char *prog, int isolated,
                 int interpreter)
{
    char err[512];
    char *exe = NULL;
    PyConfig config;
    PyStatus status;
    PyObject *module;

    if (pystatic_pack_init(err, sizeof err) < 0) {
        fprintf(stderr, "%s: cannot start: %s\n", prog, err);
        return 1;
    }
    exe = pystatic_executable_path();
    if (exe == NULL) {
        fprintf(stderr, "%s: cannot start: cannot resolve /proc/self/exe, "
                "which a single-file binary reads itself from\n", prog);
        return 1;
    }
    if (pystatic_pack_set_executable(exe) < 0
        || PyStatic_SetModuleRoot(exe) < 0
        || (PYSTATIC_FROZEN_STARTUP && pystatic_pack_freeze_encodings() < 0)
        || PyStatic_AppendInittab() < 0
        || PyImport_AppendInittab(PYSTATIC_PACK_MODULE_NAME,
                                  pystatic_pack_module_init) < 0) {
        fprintf(stderr, "%s: cannot start: out of memory\n", prog);
        free(exe);
        return 1;
    }
    status = preinitialize(&config, isolated, argc, argv);
    if (PyStatus_Exception(status)) {
        free(exe);
        Py_ExitStatusException(status);     /* does not return */
    }
    status = configure_single_file(&config, isolated, interpreter, argc,
                                   argv, exe);
    free(exe);
    if (PyStatus_Exception(status)) {
        PyConfig_Clear(&config);
        Py_ExitStatusException(status);     /* does not return */
    }
    status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        Py_ExitStatusException(status);     /* does not return */
    }
#if !PYSTATIC_FROZEN_STARTUP
    /* Core phase: only builtin and frozen modules import.  The packed
     * importer goes into sys.meta_path now, so the main phase imports
     * `encodings` (and everything after it) from the executable. */
    module = PyImport_ImportModule(PYSTATIC_PACK_MODULE_NAME);
    if (module == NULL) {
        PyErr_Print();
        return 1;
    }
    Py_DECREF(module);
    status = _Py_InitializeMain();
    if (PyStatus_Exception(status)) {
        Py_ExitStatusException(status);     /* does not return */
    }
#else
    /* One phase (3.14 removed _Py_InitializeMain(), gh-129033):
     * `encodings` came from the pack as frozen modules
     * (pystatic_pack_freeze_encodings); everything else comes through the
     * packed importer, installed now, before PathFinder. */
    module = PyImport_ImportModule(PYSTATIC_PACK_MODULE_NAME);
    if (module == NULL) {
        goto error;
    }
    Py_DECREF(module);
#endif
    if (pystatic_pack_after_main_init() < 0) {
        goto error;
    }
    module = PyImport_ImportModule(PYSTATIC_MODULE_NAME);
    if (module == NULL) {
        goto error;
    }
    Py_DECREF(module);
    /* After `_pystatic`: its fast import path replaces _find_and_load only
     * if that is still importlib's own, and the hint wraps whichever is
     * there. */
    if (pystatic_pack_install_missing_hint() < 0) {
        goto error;
    }
    if (isolated && pystatic_install_site_builtins() < 0) {
        goto error;
    }
    return Py_RunMain();

error:
    PyErr_Print();
    Py_FinalizeEx();
    return 1;
}

int
PyStatic_Main(int argc, char **argv)
{
    const PyStatic_Program *program = &pystatic_program;
    const char *prog = argc > 0 && argv[0] != NULL ? argv[0] : "pystatic";
    char err[512];
    char *runfiles = NULL;
    PyConfig config;
    PyStatus status;

    pystatic_debug_take_from_environment();
    if (pystatic_check_registry_at_startup(err, sizeof err) < 0) {
        fprintf(stderr, "%s: cannot start: %s\n", prog, err);
        return 1;
    }
    const int isolated = (program->flags & PYSTATIC_PROGRAM_ISOLATED)
                         && !env_true(PYSTATIC_ENV_INHERIT);
    const int interpreter = interpreter_mode(program, argc, argv);
    if (program->abi == PYSTATIC_PROGRAM_ABI
        && (program->flags & PYSTATIC_PROGRAM_SINGLE_FILE)) {
        return single_file_main(argc, argv, prog, isolated, interpreter);
    }
    if (program->abi != PYSTATIC_PROGRAM_ABI || program->main == NULL
        || program->stdlib == NULL) {
        fprintf(stderr, "%s: cannot start: the program description has "
                "layout version %u (this runtime reads %d) or lacks its "
                "main file or stdlib\n", prog, program->abi,
                PYSTATIC_PROGRAM_ABI);
        return 1;
    }
    if (needs_runfiles(program)) {
        runfiles = pystatic_find_runfiles(argc > 0 ? argv[0] : NULL);
        if (runfiles == NULL) {
            fprintf(stderr, "%s: cannot start: no runfiles directory (looked "
                    "at $RUNFILES_DIR, <executable>.runfiles and "
                    "<argv[0]>.runfiles); the program's paths are relative "
                    "to it\n", prog);
            return 1;
        }
    }
    if (PyStatic_AppendInittab() < 0) {
        fprintf(stderr, "%s: cannot start: out of memory\n", prog);
        free(runfiles);
        return 1;
    }
    status = preinitialize(&config, isolated, argc, argv);
    if (PyStatus_Exception(status)) {
        free(runfiles);
        Py_ExitStatusException(status);     /* does not return */
    }
    status = configure(&config, program, isolated, interpreter, argc, argv,
                       runfiles);
    free(runfiles);
    if (PyStatus_Exception(status)) {
        PyConfig_Clear(&config);
        Py_ExitStatusException(status);     /* does not return */
    }
    status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        Py_ExitStatusException(status);     /* does not return */
    }

    PyObject *module = PyImport_ImportModule(PYSTATIC_MODULE_NAME);
    if (module == NULL) {
        PyErr_Print();
        Py_FinalizeEx();
        return 1;
    }
    Py_DECREF(module);
    if (isolated && pystatic_install_site_builtins() < 0) {
        PyErr_Print();
        Py_FinalizeEx();
        return 1;
    }
    return Py_RunMain();
}
