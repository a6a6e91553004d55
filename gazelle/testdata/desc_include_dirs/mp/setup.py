from setuptools import setup, Extension
setup(ext_modules=[Extension("mp._c", ["mp/_c.c"], include_dirs=["."])])
