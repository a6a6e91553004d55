from setuptools import setup, Extension
setup(py_modules=["b"], package_dir={"": "python"}, ext_modules=[Extension("_w", ["python/_w.c", "c/common/x.c"], include_dirs=["c"])])
