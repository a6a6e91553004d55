import os
from setuptools import setup, Extension

if os.getenv("HASHY_LINK_SO"):
    libraries = ["hash"]
    source = ["src/_hashy.c"]
    include_dirs = []
else:
    libraries = []
    source = ["src/_hashy.c", "deps/hash/hash.c"]
    include_dirs = ["deps/hash"]

ext_modules = [Extension("_hashy", source, include_dirs=include_dirs, libraries=libraries)]

setup(name="hashy", packages=["hashy"], ext_package="hashy", ext_modules=ext_modules)
