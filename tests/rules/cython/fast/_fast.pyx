# cython: language_level=3, embedsignature=True
"""A .pyx that cimports a .pxd of its own package and one of another
target, and includes a .pxi (tests/rules/cython/cython_test.py)."""

from tests.rules.cython.shapes._shapes cimport Shape
from tests.rules.cython.fast cimport helpers

include "constants.pxi"
include "_extra.pyx"


cdef class Square(Shape):
    cdef double side

    def __init__(self, double side, double scale=1.0):
        super().__init__(scale)
        self.side = side

    cdef double area(self):
        return helpers.square(self.side)


def offset(int x):
    return x + OFFSET


def floor_div(int a, int b):
    # cdivision (cython_directives) makes this C's truncating division.
    return a // b


def module_of_square():
    return Square.__module__
