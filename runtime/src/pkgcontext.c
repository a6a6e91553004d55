/*
 * The package context, per Python version.
 *
 * While a single-phase init function runs, CPython's extension loader
 * publishes the module's full dotted name; PyModule_Create() then names a
 * module whose m_name is the short name "_mod" as "pkg.sub._mod" (and
 * consumes the context, so modules created later in the same init, such as
 * pybind11's def_submodule(), keep their own names).  Without it the module
 * would be called "_mod" and its submodules "_mod.sub".
 *
 *   3.10, 3.11:  the global `_Py_PackageContext` (declared by Python.h).
 *   3.12-3.14:   `_PyImport_SwapPackageContext()`, declared only by the
 *                internal headers but a global symbol of libpython.
 *   3.15+:       nothing here: PyImport_CreateModuleFromInitfunc()
 *                (initfunc.c) runs the init function, with the package
 *                context set by CPython itself, and does every check and
 *                all the bookkeeping; the runtime uses no private symbol.
 *
 * Also here: CPython 3.12's refusal of single-phase modules in isolated
 * subinterpreters, through the same libpython-internal symbol CPython's own
 * loader calls, so the rules (and the override used by CPython's tests)
 * stay CPython's.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pystatic_internal.h"

#if PY_VERSION_HEX < 0x030F0000

#if PY_VERSION_HEX >= 0x030C0000
/* Include/internal/pycore_import.h; exported by the static libpython. */
extern const char *_PyImport_SwapPackageContext(const char *newcontext);
extern int _PyImport_CheckSubinterpIncompatibleExtensionAllowed(
    const char *name);
#endif

const char *
pystatic_swap_package_context(const char *context)
{
#if PY_VERSION_HEX >= 0x030C0000
    return _PyImport_SwapPackageContext(context);
#else
    const char *old = _Py_PackageContext;
    _Py_PackageContext = context;
    return old;
#endif
}

int
pystatic_check_singlephase_allowed(const char *name)
{
#if PY_VERSION_HEX >= 0x030C0000
    /* Raises ImportError("module NAME does not support loading in
     * subinterpreters") when the interpreter was created with
     * check_multi_interp_extensions (the default for isolated ones). */
    return _PyImport_CheckSubinterpIncompatibleExtensionAllowed(name);
#else
    (void)name;
    return 0;
#endif
}

#endif /* < 3.15 */
