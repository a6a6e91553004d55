// pbpkg.ext: a pybind11 module inside a package that makes submodules with
// def_submodule().  pybind11 (2.x) uses single-phase init and names the
// submodules "<module __name__>.sub": right only if the package context
// made the module's own name "pbpkg.ext".
#include <pybind11/pybind11.h>

#include <string>

namespace py = pybind11;

namespace {

struct Pet {
    std::string name;
    explicit Pet(std::string n) : name(std::move(n)) {}
};

}  // namespace

PYBIND11_MODULE(ext, m) {
    m.doc() = "pybind11 test module";
    m.def("add", [](int a, int b) { return a + b; });

    py::class_<Pet>(m, "Pet")
        .def(py::init<std::string>())
        .def_readonly("name", &Pet::name)
        .def(py::pickle(
            [](const Pet &p) { return py::make_tuple(p.name); },
            [](py::tuple t) { return Pet(t[0].cast<std::string>()); }));

    py::module_ sub = m.def_submodule("sub", "a submodule");
    sub.def("twice", [](int x) { return 2 * x; });
    py::module_ deeper = sub.def_submodule("deeper");
    deeper.attr("LEVEL") = 2;
}
