import unittest


class CasesTest(unittest.TestCase):
    def test_one(self):
        self.assertEqual(1, 1)
