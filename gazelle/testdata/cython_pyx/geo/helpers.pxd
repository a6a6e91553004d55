cdef extern from "vec.h":
    double vec_norm(double x, double y)
