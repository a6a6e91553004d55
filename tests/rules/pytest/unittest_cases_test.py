"""unittest tests with no __main__ block: the py_static_unittest_test runner
must run them (a plain py_static_test would run none and pass)."""

import unittest

from tests.rules.basic import _speedups


class AddTest(unittest.TestCase):
    def test_static_extension(self):
        self.assertEqual(_speedups.add(2, 3), 5)

    def test_second(self):
        self.assertTrue(True)


class FailingTest(unittest.TestCase):
    """Fails unless BREAK_UNITTEST_CASES is unset: runner_check_test.py sets
    it to see the runner report a failure."""

    def test_maybe_fails(self):
        import os

        self.assertNotIn("BREAK_UNITTEST_CASES", os.environ)
