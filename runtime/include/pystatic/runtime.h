/*
 * The runtime's public entry points, for the launcher and for programs that
 * embed CPython themselves.
 *
 * Every binary built by py_static_binary links the runtime library, one
 * generated `pystatic_registry` (registry.h), one generated
 * `pystatic_program` (program.h) and launcher_main.c, whose main() calls
 * PyStatic_Main().  A program with its own main() instead calls
 * PyStatic_AppendInittab() before initializing Python and imports
 * `_pystatic` afterwards: importing it installs the finder.
 *
 * Include Python.h before this header.
 */
#ifndef PYSTATIC_RUNTIME_H
#define PYSTATIC_RUNTIME_H

#include <stddef.h>

#include "pystatic/program.h"
#include "pystatic/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Name of the built-in module that holds the finder. */
#define PYSTATIC_MODULE_NAME "_pystatic"

/* Environment variables (see docs/runtime.md). */
#define PYSTATIC_ENV_DEBUG "PYSTATIC_DEBUG"
#define PYSTATIC_ENV_INHERIT "PYSTATIC_INHERIT_ENVIRONMENT"
#define PYSTATIC_ENV_INTERPRETER "PYSTATIC_INTERPRETER"

/* The launcher: runs `pystatic_program` with `pystatic_registry` and
 * returns the process exit status, like `python` would. */
int PyStatic_Main(int argc, char **argv);

/* The stdlib's extension modules linked into the binary by a toolchain that
 * has their object files (the toolchain's `stdlib_extensions`, generated
 * from its module list): CPython's inittab format, ended by an entry whose
 * name is NULL.  Declared weak by the runtime: absent with a toolchain that
 * has only .so files (lib-dynload). */
extern struct _inittab pystatic_stdlib_inittab[];

/* Registers `_pystatic`, and the stdlib's statically linked extension
 * modules if the binary has `pystatic_stdlib_inittab`, as built-in modules.
 * Must be called before Py_Initialize*(); returns 0, or -1 if the inittab
 * could not be grown. */
int PyStatic_AppendInittab(void);

/* Init function of the `_pystatic` built-in module (for an inittab of
 * your own; PyStatic_AppendInittab() registers it). */
struct _object *PyStatic_ModuleInit(void);

/* Checks that `registry` was generated for this runtime and for the running
 * interpreter, and that it is sorted and free of duplicates.  Returns 0, or
 * -1 after writing a message naming the problem into `err` (of size
 * `errsize`).  Needs no initialized interpreter. */
int PyStatic_CheckRegistry(const PyStatic_Registry *registry,
                           char *err, size_t errsize);

/* The directory static modules without a package directory of their own
 * get their __file__ in (see docs/runtime.md); the launcher sets it to the
 * program's first sys.path entry.  The string is copied.  Returns 0, or -1
 * on memory exhaustion.  Call before importing `_pystatic`. */
int PyStatic_SetModuleRoot(const char *path);

#ifdef __cplusplus
}
#endif

#endif /* PYSTATIC_RUNTIME_H */
