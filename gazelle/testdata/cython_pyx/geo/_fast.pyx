# cython: language_level=3
"""
cimport fake_in_docstring
"""
from geo._shapes cimport Shape
from . cimport helpers
from libc.math cimport sqrt
include "consts.pxi"
include "parts/piece.pyx"

cdef class Square(Shape):
    cdef double area(self):
        return helpers.vec_norm(1, 1) * SCALE + EXTRA
