from os.path import join
from setuptools import setup, Extension as Ext

CSRC = "csrc"
setup(
    name="speedy",
    ext_modules=[
        Ext("speedy._speed", [join(CSRC, "speed.c")]),
        Ext(name="_accel", sources=[join(CSRC, "accel.c")]),
        Ext("speedy._wrongname", sources=["csrc/other.c"]),
    ],
)
