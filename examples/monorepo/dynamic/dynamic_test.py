"""The extensions, imported the ordinary way: each from its .so in runfiles."""

import importlib.machinery
import importlib.util
import unittest

import alpha
import beta
from geometry._geom import shapes
from mathext import _fastmath


class DynamicExtensionsTest(unittest.TestCase):
    def test_loaded_from_shared_objects(self):
        for name in ["alpha._speedups", "beta._speedups", "geometry._geom", "mathext._fastmath"]:
            spec = importlib.util.find_spec(name)
            self.assertIsInstance(spec.loader, importlib.machinery.ExtensionFileLoader, name)
            self.assertTrue(spec.origin.endswith(importlib.machinery.EXTENSION_SUFFIXES[0]), spec.origin)

    def test_same_behaviour_as_static(self):
        self.assertEqual(alpha.flavour(), "alpha")
        self.assertEqual(beta._speedups.flavour(), "beta")
        self.assertEqual(_fastmath.fib(10), 55)
        self.assertEqual(shapes.__name__, "geometry._geom.shapes")


if __name__ == "__main__":
    unittest.main()
