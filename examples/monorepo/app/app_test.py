"""Runs inside a py_static_test: the extensions must be the static ones."""

import importlib.util
import pickle
import sys
import unittest

import alpha
import beta
from geometry._geom import shapes
from mathext import _fastmath


class StaticExtensionsTest(unittest.TestCase):
    def test_same_short_name_in_two_packages(self):
        self.assertEqual(alpha.flavour(), "alpha")
        self.assertEqual(beta._speedups.flavour(), "beta")
        self.assertEqual(sys.modules["alpha._speedups"].__name__, "alpha._speedups")
        self.assertEqual(beta._speedups.__name__, "beta._speedups")

    def test_multi_phase_state(self):
        first = beta._speedups.count()
        self.assertEqual(beta._speedups.count(), first + 1)

    def test_pybind11_submodule_has_full_name(self):
        self.assertEqual(shapes.__name__, "geometry._geom.shapes")
        self.assertEqual(shapes.Circle.__module__, "geometry._geom.shapes")
        circle = pickle.loads(pickle.dumps(shapes.Circle(1.5)))
        self.assertEqual(circle.radius, 1.5)

    def test_helpers_in_second_file(self):
        self.assertEqual(_fastmath.fib(10), 55)
        with self.assertRaises(ValueError):
            _fastmath.fib(-1)

    def test_served_statically(self):
        for name in ["alpha._speedups", "beta._speedups", "geometry._geom", "mathext._fastmath"]:
            spec = importlib.util.find_spec(name)
            self.assertIsNotNone(spec, name)
            self.assertNotIn("ExtensionFileLoader", type(spec.loader).__name__, name)


if __name__ == "__main__":
    unittest.main()
