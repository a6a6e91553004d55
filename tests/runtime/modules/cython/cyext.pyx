# cython: language_level=3
# cypkg.cyext: Cython 3 (multi-phase init by default), inside a package.
# The class pickles through Cython's generated __reduce_cython__.

cdef class Box:
    cdef public object value

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, Box) and self.value == (<Box>other).value


def square(int x):
    return x * x


def whoami():
    return __name__
