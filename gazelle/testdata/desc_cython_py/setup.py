from setuptools import setup
from Cython.Distutils.extension import Extension as _cy_Extension

MODULES = ("eng._row_cy", "_util_cy")
ext_modules = [
    _cy_Extension(f"cpkg.{m}", sources=[f"lib/cpkg/{m.replace('.', '/')}.py"])
    for m in MODULES
]
setup(package_dir={"": "lib"}, packages=["cpkg", "cpkg.eng"], ext_modules=ext_modules)
