/*
 * CPython's own `python` (Programs/python.c is this one call), linked
 * against the same static libpython as the rules_pystatic binaries: the
 * start-up baseline without the dynamic loader's cost of a shared
 * libpython (pyenv's python3.X links libpython3.X.so).
 */
#include <Python.h>

int
main(int argc, char **argv)
{
    return Py_BytesMain(argc, argv);
}
