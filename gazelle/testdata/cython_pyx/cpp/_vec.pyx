# cython: language_level=3
# distutils: language = c++
from libcpp.vector cimport vector
from geo._shapes cimport Shape
cimport geo.helpers
cdef extern from "zlib.h":
    pass

def make():
    cdef vector[int] v
    return v
