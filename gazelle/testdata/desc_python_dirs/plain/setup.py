from setuptools import setup, Extension
setup(py_modules=["b"], package_dir={"": "python"}, ext_modules=[Extension("_b", ["python/_b.c", "c/common/x.c"], include_dirs=["c"])])
