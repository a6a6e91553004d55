from setuptools import setup, Extension
setup(ext_modules=[Extension("kiwi._cext", ["py/src/cext.cpp"], include_dirs=["."], language="c++")])
