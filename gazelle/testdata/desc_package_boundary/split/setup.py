from setuptools import setup, Extension
setup(ext_package="split", ext_modules=[Extension("_s", ["src/_s.c", "vendor/v.c"], include_dirs=["vendor"])])
