cpdef int util(int x)
