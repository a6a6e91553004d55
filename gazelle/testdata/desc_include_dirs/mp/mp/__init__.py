from ._c import *
