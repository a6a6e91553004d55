// nbpkg.nbext: a nanobind module inside a package, with a submodule and a
// bound class.  nanobind's own runtime (libnanobind) is compiled into the
// same isolated object, so each nanobind module keeps a private copy.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include <string>

namespace nb = nanobind;

namespace {

struct Greeter {
    std::string who;
    explicit Greeter(std::string w) : who(std::move(w)) {}
    std::string greet() const { return "hello " + who; }
};

}  // namespace

NB_MODULE(nbext, m) {
    m.def("add", [](int a, int b) { return a + b; });
    nb::class_<Greeter>(m, "Greeter")
        .def(nb::init<std::string>())
        .def("greet", &Greeter::greet);
    nb::module_ sub = m.def_submodule("sub", "a submodule");
    sub.def("triple", [](int x) { return 3 * x; });
}
