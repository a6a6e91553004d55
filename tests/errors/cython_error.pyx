# cython: language_level=3
# A Cython compile error: the build must fail naming this file and line 6.

def broken(int x):
    cdef int y = x
    return y + undefined_name_here
