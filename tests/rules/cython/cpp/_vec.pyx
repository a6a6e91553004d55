# cython: language_level=3
# distutils: language = c++
"""A Cython module compiled as C++: a std::vector and a std::string."""

from libcpp.string cimport string
from libcpp.vector cimport vector


def sorted_unique(values):
    cdef vector[long] v = values
    cdef vector[long] out
    cdef long item
    v_sorted = sorted(v)
    for item in v_sorted:
        if out.empty() or out.back() != item:
            out.push_back(item)
    return out


def cpp_upper(bytes text):
    cdef string s = text
    cdef size_t i
    for i in range(s.size()):
        if 97 <= s[i] <= 122:
            s[i] = s[i] - 32
    return s
