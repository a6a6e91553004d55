# Augments _row_cy.py: Cython reads it when compiling the .py.
cpdef int triple(int x)
