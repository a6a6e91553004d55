#include <Python.h>
/* module "café" */
PyMODINIT_FUNC PyInitU_caf_dma(void) { return NULL; }
