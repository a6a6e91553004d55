import os
from setuptools import setup, Extension

try:
    from Cython.Build import cythonize
except ImportError:
    cythonize = None

experimental_env = os.environ.get("ZP_EXPERIMENTAL", "False")
if experimental_env.upper() in ("1", "TRUE"):
    experimental = True
else:
    experimental = False

block_sources = find_sources("block")
stream_sources = find_sources("stream")
block = Extension("zp.block._block", block_sources)
stream = Extension("zp.stream._stream", stream_sources)
ext_modules = [block]
if experimental is True:
    ext_modules.append(stream)
if cythonize is not None:
    ext_modules += cythonize([Extension("zp._cy", ["zp/_cy.pyx"])])
setup(name="zp", packages=["zp", "zp.block", "zp.stream"], ext_modules=ext_modules)
