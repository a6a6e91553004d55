import cython


@cython.cclass
class Row:
    pass
