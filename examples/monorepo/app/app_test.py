"""Runs inside a py_static_unittest_test: the extensions must be the static ones."""

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

    def test_stdlib_extension_modules_load(self):
        # lib-dynload's .so files resolve the C API against the binary, so
        # every libpython symbol must be linked and exported, not only those
        # the program itself uses.
        import ctypes
        import decimal
        import hashlib
        import json
        import sqlite3

        self.assertEqual(json.loads('{"a": [1, 2]}'), {"a": [1, 2]})
        self.assertEqual(str(decimal.Decimal("1.10") + decimal.Decimal("2.20")), "3.30")
        self.assertEqual(hashlib.sha256(b"").hexdigest()[:8], "e3b0c442")
        self.assertEqual(sqlite3.connect(":memory:").execute("select 6 * 7").fetchone(), (42,))
        self.assertEqual(ctypes.sizeof(ctypes.c_int32), 4)
        if sys.version_info >= (3, 13):
            import _interpreters  # needs symbols no other part of the program uses

            self.assertTrue(callable(_interpreters.create))

    def test_served_statically(self):
        for name in ["alpha._speedups", "beta._speedups", "geometry._geom", "mathext._fastmath"]:
            spec = importlib.util.find_spec(name)
            self.assertIsNotNone(spec, name)
            self.assertNotIn("ExtensionFileLoader", type(spec.loader).__name__, name)


if __name__ == "__main__":
    unittest.main()
