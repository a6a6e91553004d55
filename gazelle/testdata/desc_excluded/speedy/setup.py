from setuptools import setup, Extension

setup(
    name="speedy",
    ext_modules=[Extension("speedy._speed", ["csrc/speed.c"])],
)
