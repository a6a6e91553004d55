from setuptools import setup, Extension

setup(
    name="other",
    ext_modules=[Extension("other._fast", ["csrc/fast.c"])],
)
