include "not_here.pxi"
# distutils: sources = gone.c
