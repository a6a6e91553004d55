/*
 * The program: what the launcher runs and where it finds Python code.
 *
 * One translation unit per binary defines `pystatic_program`.  Like the
 * registry it is generated at build time (rules/private/program.bzl, and the
 * runtime test harness), so the launcher reads no configuration file.
 *
 *     #include "pystatic/program.h"
 *     static const char *const path[] = {"_main", "_main/app", NULL};
 *     const PyStatic_Program pystatic_program = {
 *         PYSTATIC_PROGRAM_ABI,
 *         "_main/app/main.py",                      // main
 *         path,                                     // path
 *         "pystatic_python_3_12/lib/python3.12",    // stdlib
 *         "pystatic_python_3_12/lib/python3.12/lib-dynload",
 *         PYSTATIC_PROGRAM_ISOLATED,                // flags
 *     };
 *
 * Every path is either absolute (used as is; the runtime tests do this) or
 * relative to the binary's runfiles directory, found at start-up as, in
 * order: $RUNFILES_DIR, then "<the executable>.runfiles" next to the
 * resolved /proc/self/exe, then "<argv[0]>.runfiles".
 */
#ifndef PYSTATIC_PROGRAM_H
#define PYSTATIC_PROGRAM_H

#include <stddef.h>  /* NULL, for the generated path list */

#ifdef __cplusplus
extern "C" {
#endif

#define PYSTATIC_PROGRAM_ABI 1

enum {
    /* Isolated start-up: PYTHON* environment variables, user site-packages
     * and the current directory are ignored.  Cleared by the binary's
     * `isolated = False`; also overridable at run time by
     * PYSTATIC_INHERIT_ENVIRONMENT=1 (see docs/runtime.md). */
    PYSTATIC_PROGRAM_ISOLATED = 1u << 0,
    /* Single-file mode (py_static_binary(single_file = True)): the
     * program, its data and the stdlib are packed into the executable
     * (pystatic/pack.h); `main`, `path`, `stdlib` and `dynload` are unused
     * and no runfiles directory is looked for.  A flag, not a field: the
     * layout (PYSTATIC_PROGRAM_ABI 1) is unchanged. */
    PYSTATIC_PROGRAM_SINGLE_FILE = 1u << 1,
    /* py_static_binary(python_cli = True): when the first argument is a
     * Python option (-c, -m, -I, -X, ...), the binary runs as `python`
     * would with those arguments instead of running `main`, so that
     * `sys.executable -c ...`, `-m` and multiprocessing's spawn work in
     * the binary's own world (its static extensions and its sys.path).
     * PYSTATIC_INTERPRETER=1 in the environment does the same whatever the
     * flag and the arguments (see docs/runtime.md). */
    PYSTATIC_PROGRAM_PYTHON_CLI = 1u << 2,
};

typedef struct {
    unsigned int abi;          /* PYSTATIC_PROGRAM_ABI */
    const char *main;          /* the main .py file, run as __main__ */
    const char *const *path;   /* sys.path entries before the stdlib,
                                * NULL-terminated */
    const char *stdlib;        /* directory of the pure-Python stdlib */
    const char *dynload;       /* directory of the stdlib's extension .so
                                * files, or NULL */
    unsigned int flags;        /* PYSTATIC_PROGRAM_* */
} PyStatic_Program;

extern const PyStatic_Program pystatic_program;

#ifdef __cplusplus
}
#endif

#endif /* PYSTATIC_PROGRAM_H */
