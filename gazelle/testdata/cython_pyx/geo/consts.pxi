include "more.pxi"
SCALE = 2
