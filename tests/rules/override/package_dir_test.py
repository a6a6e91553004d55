"""An extension whose module (regexlike._fast) names another package than
its directory (regexlike_3/), as `py_static_override regex_3._regex
module=regex._regex` does for regex: `import regexlike` must run the
package's own __init__.py from that directory, as pip's install of the
package_dir mapping would, not get the runtime's empty parent package."""
import unittest

import regexlike


class PackageDirTest(unittest.TestCase):
    def test_the_package_is_the_directorys_python_code(self):
        self.assertEqual(regexlike.KIND, "real package")
        self.assertEqual(regexlike.helper.WHERE, "regexlike.helper")
        self.assertTrue(regexlike.__file__.endswith("regexlike/__init__.py"), regexlike.__file__)

    def test_its_extension_is_the_static_one(self):
        import _pystatic

        self.assertEqual(regexlike.answer(), 7)
        self.assertIn("regexlike._fast", _pystatic.imported())


if __name__ == "__main__":
    unittest.main()
