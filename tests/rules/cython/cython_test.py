"""Cython sources compiled by the pinned Cython inside the build, linked
statically: a .pyx with a .pxd of its own package, a .pxd of another target
and an included .pxi; directives from the file header and from
cython_directives; a C++ module."""

import importlib.util
import os
import pickle
import unittest

import _pystatic

from tests.rules.cython.cpp import _vec
from tests.rules.cython.fast import _fast
from tests.rules.cython.purepy import _row_cy
from tests.rules.cython.shapes import _shapes


class CythonTest(unittest.TestCase):
    def test_linked_statically_under_the_full_dotted_name(self):
        for module, name, label in [
            (_fast, "tests.rules.cython.fast._fast", "//tests/rules/cython/fast:_fast"),
            (_shapes, "tests.rules.cython.shapes._shapes", "//tests/rules/cython/shapes:_shapes"),
            (_vec, "tests.rules.cython.cpp._vec", "//tests/rules/cython/cpp:_vec"),
            (_row_cy, "tests.rules.cython.purepy._row_cy", "//tests/rules/cython/purepy:_row_cy"),
        ]:
            self.assertEqual(module.__name__, name)
            self.assertEqual(importlib.util.find_spec(name).origin, module.__spec__.origin)
            # Linked into this binary (the registry knows its target), and
            # no .so of it exists (docs/runtime.md: origin is where it would be).
            self.assertTrue(_pystatic.module_info(name)["label"].endswith(label), _pystatic.module_info(name))
            self.assertFalse(os.path.exists(module.__spec__.origin), module.__spec__.origin)

    def test_cimport_of_another_targets_pxd(self):
        square = _fast.Square(3.0, scale=2.0)
        self.assertIsInstance(square, _shapes.Shape)
        # Shape.scaled_area calls the cdef method area() that _fast overrides.
        self.assertEqual(square.scaled_area(), 18.0)
        self.assertEqual(_shapes.Shape(5.0).scaled_area(), 0.0)

    def test_cython_records_the_module_name(self):
        self.assertEqual(_fast.module_of_square(), "tests.rules.cython.fast._fast")
        self.assertEqual(_fast.Square.__module__, "tests.rules.cython.fast._fast")
        self.assertEqual(_shapes.Shape.__qualname__, "Shape")
        # Classes pickle by reference: module name and qualname must import back.
        self.assertIs(pickle.loads(pickle.dumps(_fast.Square)), _fast.Square)

    def test_included_pxi(self):
        self.assertEqual(_fast.offset(1), 1001)

    def test_included_pyx_is_part_of_the_module(self):
        self.assertEqual(_fast.from_included_pyx(), "included")
        self.assertEqual(_fast.from_included_pyx.__module__, "tests.rules.cython.fast._fast")

    def test_header_directive_embedsignature(self):
        self.assertTrue(_fast.offset.__doc__.startswith("offset(int x)"), _fast.offset.__doc__)

    def test_cython_directives_attribute_cdivision(self):
        # C truncates toward zero; Python (cdivision=False) floors.
        self.assertEqual(_fast.floor_div(-7, 2), -3)

    def test_package_compiled_from_init_pyx(self):
        import tests.rules.cython.cypkg as cypkg

        self.assertEqual(cypkg.KIND, "compiled package")
        self.assertEqual(cypkg.package_name(), "tests.rules.cython.cypkg")
        self.assertTrue(hasattr(cypkg, "__path__"))
        self.assertTrue(_pystatic.module_info("tests.rules.cython.cypkg")["is_package"])

    def test_pure_python_mode_py_compiled_by_cython(self):
        # The .py itself is not in the binary: what runs is Cython's output.
        self.assertTrue(_row_cy._is_compiled())
        self.assertEqual(_row_cy.total(5), 10)
        self.assertEqual(_row_cy.Row(4).doubled(), 8)
        # The .pxd beside the .py typed triple() as a C int function.
        self.assertEqual(_row_cy.triple(7), 21)
        with self.assertRaises(TypeError):
            _row_cy.triple("x")
        # A cclass is an extension type: no instance __dict__.
        self.assertFalse(hasattr(_row_cy.Row(1), "__dict__"))

    def test_cplusplus_module(self):
        self.assertEqual(list(_vec.sorted_unique([3, 1, 3, 2, 1])), [1, 2, 3])
        self.assertEqual(_vec.cpp_upper(b"static cython"), b"STATIC CYTHON")


if __name__ == "__main__":
    unittest.main()
