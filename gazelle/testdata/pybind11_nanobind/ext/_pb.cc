#include <pybind11/pybind11.h>
#include <vector>

PYBIND11_MODULE(_pb, m, py::mod_gil_not_used()) {
    m.def("f", [] { return 1; });
}
