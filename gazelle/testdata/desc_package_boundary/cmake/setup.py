from setuptools import setup, Extension

class CMakeExtension(Extension):
    pass

setup(ext_modules=[CMakeExtension("cm._c")])
