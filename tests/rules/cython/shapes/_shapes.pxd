# Declarations other modules cimport: tests/rules/cython/fast/_fast.pyx
# subclasses Shape across targets (the cimport goes through this file).
cdef class Shape:
    cdef readonly double scale
    cdef double area(self)
