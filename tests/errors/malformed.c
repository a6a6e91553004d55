/* Not valid C: the compiler's message must name this file. */
#include <Python.h>

PyMODINIT_FUNC
PyInit_malformed(void)
{
    return PyModule_Create(&undeclared_def)
}
