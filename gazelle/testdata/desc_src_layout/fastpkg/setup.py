from setuptools import Extension, setup

setup(ext_modules=[Extension("fastpkg._core", ["src/fastpkg/_core.c"])])
