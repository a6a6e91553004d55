from _b import *
