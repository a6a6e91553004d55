import os
from setuptools import setup, Extension

if os.environ.get("XX_SYSTEM"):
    source = ["src/_x.c"]
else:
    source = ["src/_x.c"]
    source += [os.path.join("vendor", "lib.c")] if os.name == "posix" else []

setup(name="xpkg", packages=["xpkg"], ext_package="xpkg", ext_modules=[Extension("_x", source)])
