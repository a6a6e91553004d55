cdef class Shape:
    cdef double area(self)
