# distutils: sources = gone.c
def f(): pass
