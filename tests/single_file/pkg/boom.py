"""Raises from packed code: the traceback must show these source lines."""


def explode():
    value = "boom from packed code"
    raise RuntimeError(value)  # the line a traceback must show
