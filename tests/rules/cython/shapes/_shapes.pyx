# cython: language_level=3
"""A cdef class that another extension subclasses through its .pxd."""

cdef class Shape:
    def __init__(self, double scale=1.0):
        self.scale = scale

    cdef double area(self):
        return 0.0

    def scaled_area(self):
        # A C-level virtual call: a subclass in another module overrides area().
        return self.area() * self.scale
