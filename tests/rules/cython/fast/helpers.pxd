# A .pxd of the same package, cimported with `from ... cimport helpers`; its
# C function comes from a header beside it (the extension's srcs).
cdef extern from "square.h":
    double square_of(double x)

cdef inline double square(double x):
    return square_of(x)
