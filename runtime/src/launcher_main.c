/*
 * main() of every py_static_binary: everything is in PyStatic_Main()
 * (launcher.c), so programs that need their own main() can call it too.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pystatic/runtime.h"

int
main(int argc, char **argv)
{
    return PyStatic_Main(argc, argv);
}
