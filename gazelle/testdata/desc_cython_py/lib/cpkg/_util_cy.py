import cython


def util(x: cython.int) -> int:
    return x + 1
