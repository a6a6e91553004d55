#include <pybind11/pybind11.h>
#include <numpy/arrayobject.h>
#include "vendor/a.h"
#include <vendor/special.h>
#include <nanobind/nanobind.h>
PYBIND11_MODULE(_m, m) {}
