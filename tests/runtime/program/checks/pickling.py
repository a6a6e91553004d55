"""Types defined in static modules pickle and unpickle by reference to their
module: a static type (single-phase), a heap type (multi-phase), a pybind11
class and a Cython class."""
import pickle

import a.b.c._deep_single as single
import a.b.c._deep_multi as multi
import cypkg.cyext
import pbpkg.ext

for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    t = pickle.loads(pickle.dumps(single.Token(7), proto))
    assert type(t) is single.Token and t == single.Token(7)
    p = pickle.loads(pickle.dumps(multi.Point(1.5, -2.0), proto))
    assert type(p) is multi.Point and (p.x, p.y) == (1.5, -2.0)
    if proto >= 2:  # pybind11's py::pickle needs protocol 2 (its docs)
        pet = pickle.loads(pickle.dumps(pbpkg.ext.Pet("Rex"), proto))
        assert type(pet) is pbpkg.ext.Pet and pet.name == "Rex"
    box = pickle.loads(pickle.dumps(cypkg.cyext.Box([1, 2]), proto))
    assert type(box) is cypkg.cyext.Box and box.value == [1, 2]

assert single.Token.__qualname__ == "Token"
assert multi.Point.__qualname__ == "Point"
assert pbpkg.ext.Pet.__module__ == "pbpkg.ext"
assert cypkg.cyext.Box.__module__ == "cypkg.cyext"
# Unpickling in a fresh state imports the module through the finder.
import sys
data = pickle.dumps(multi.Point(3.0, 4.0))
del sys.modules["a.b.c._deep_multi"]
q = pickle.loads(data)
assert type(q).__module__ == "a.b.c._deep_multi"
assert sys.modules["a.b.c._deep_multi"].Point is type(q)
print("ok")
