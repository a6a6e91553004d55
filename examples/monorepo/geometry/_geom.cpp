// geometry._geom: a pybind11 module inside a package that creates a
// submodule with def_submodule.  Its full name, geometry._geom.shapes, comes
// from the package context the loader sets: without it the submodule would be
// called _geom.shapes.
#include <pybind11/pybind11.h>

#include <cmath>
#include <string>

namespace py = pybind11;

namespace {

struct Circle {
    explicit Circle(double r) : radius(r) {}
    double area() const { return M_PI * radius * radius; }
    double radius;
};

}  // namespace

PYBIND11_MODULE(_geom, m) {
    m.doc() = "Geometry in C++ (pybind11).";
    m.def("hypot", [](double a, double b) { return std::hypot(a, b); });

    py::module_ shapes = m.def_submodule("shapes", "Shapes.");
    py::class_<Circle>(shapes, "Circle")
        .def(py::init<double>())
        .def_readonly("radius", &Circle::radius)
        .def("area", &Circle::area)
        .def(py::pickle([](const Circle &c) { return py::make_tuple(c.radius); },
                        [](py::tuple t) { return Circle(t[0].cast<double>()); }));
}
