# Included by geo/_fast.pyx from its parent directory (as uvloop's
# handles/*.pyx are by loop.pyx): no module of its own.
cdef int FROM_PARTS = 2
