cdef int PART = 1
