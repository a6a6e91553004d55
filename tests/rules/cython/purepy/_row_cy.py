"""A module in Cython's pure Python mode (as sqlalchemy's engine/_row_cy.py):
plain Python that Cython compiles, typed through the `cython` shadow module
and the .pxd beside it."""

import cython


def _is_compiled() -> bool:
    """True when Cython compiled this file (cython.compiled is a constant)."""
    return cython.compiled


def total(n: cython.int) -> cython.long:
    acc: cython.long = 0
    i: cython.int
    for i in range(n):
        acc += i
    return acc


@cython.cclass
class Row:
    width: cython.int

    def __init__(self, width):
        self.width = width

    def doubled(self):
        return self.width * 2


def triple(x):
    """Declared `cpdef int triple(int x)` in _row_cy.pxd: a C int here."""
    return x * 3
