#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <string.h>

NB_MODULE(_nb, m) {
    m.def("g", [] { return 2; });
}
