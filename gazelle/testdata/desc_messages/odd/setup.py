from setuptools import Extension, setup
setup(ext_modules=[
    Extension("odd._cy", ["odd/_cy.pyx"]),
    Extension("odd._gen", ["odd/_gen.c"]),
    Extension("odd.bad-name", ["odd/bad.c"]),
    Extension("odd._noinit", ["odd/noinit.c"]),
])
