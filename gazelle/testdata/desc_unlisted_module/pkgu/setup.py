from setuptools import setup, Extension
setup(ext_modules=[Extension("pkgu._real", ["pkgu/_real.c"])])
