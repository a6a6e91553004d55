/*
 * main() of the benchmark's static binaries.  It registers `_benchctl`
 * (benchctl.c) and, for the inittab baseline, the generated table
 * `pystatic_bench_inittab` (the benchmark modules under their dotted names,
 * CPython's own way: PyImport_ExtendInittab + BuiltinImporter), then runs
 * the rules_pystatic launcher exactly as runtime/src/launcher_main.c does.
 * In the rules_pystatic binaries that table is empty and the modules are
 * in the registry instead.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pystatic/runtime.h"

PyMODINIT_FUNC PyInit__benchctl(void);
extern struct _inittab pystatic_bench_inittab[];

int
main(int argc, char **argv)
{
    if (PyImport_AppendInittab("_benchctl", PyInit__benchctl) < 0) {
        return 1;
    }
    if (pystatic_bench_inittab[0].name != NULL
        && PyImport_ExtendInittab(pystatic_bench_inittab) < 0) {
        return 1;
    }
    return PyStatic_Main(argc, argv);
}
