import unittest
import simplejson


class TestDump(unittest.TestCase):
    def test_dump(self):
        self.assertEqual(simplejson.__name__, "simplejson")
