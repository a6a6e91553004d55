from _w import *
