# distutils: language = fortran
def f(): pass
