from setuptools import setup, Extension

def find_sources():
    return ["dyn/_d.c"]

setup(ext_modules=[Extension("dyn._d", sources=find_sources())])
