# cython: language_level=3
# distutils: language = c++
# Asks for C++, but its target leaves cython_language at "c".

def ok():
    return 1
