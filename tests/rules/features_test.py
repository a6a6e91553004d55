"""Rule features seen from inside a py_static_test: shared C deps linked once,
a compiled package, args, env, data, and the basic extension."""

import os
import sys
import unittest

from tests.rules.basic import _speedups
from tests.rules.custom_info import _handmade
from tests.rules.shared_lib import _left, _right
from tests.rules.unity import _unity


class FeaturesTest(unittest.TestCase):
    def test_shared_cc_library_is_linked_once(self):
        first = _left.bump()
        self.assertEqual(_right.bump(), first + 1)
        self.assertEqual(_left.bump(), first + 2)

    def test_compiled_package_with_python_submodule(self):
        import tests.rules.pkgext as pkgext
        from tests.rules.pkgext import helper

        self.assertEqual(pkgext.KIND, "compiled package")
        self.assertTrue(hasattr(pkgext, "__path__"))
        self.assertEqual(helper.ANSWER, 42)
        self.assertEqual(helper.__name__, "tests.rules.pkgext.helper")

    def test_args_env_and_data(self):
        self.assertEqual(sys.argv[1:3], ["--from-args", "two words"])
        self.assertEqual(os.environ.get("FEATURES_TEST_ENV"), "set by env")
        # Beside this file in the runfiles, whatever the main repository's
        # runfiles directory is called (_main with bzlmod, else the workspace
        # name): data is found the way a Python program finds its own files.
        runfiles = os.environ.get("RUNFILES_DIR") or os.environ["TEST_SRCDIR"]
        here = os.path.dirname(os.path.abspath(__file__))
        self.assertTrue(here.startswith(os.path.abspath(runfiles) + os.sep), (here, runfiles))
        with open(os.path.join(here, "data.txt")) as f:
            self.assertEqual(f.read(), "payload\n")

    def test_licence_texts_a_binary_ships_are_at_hand(self):
        # docs/licenses.md: the binary links the runtime (Apache-2.0, the
        # repository's LICENSE) and libpython plus the stdlib (the PSF
        # licence, LICENSE.txt in the stdlib directory, in the runfiles).
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, "..", "..", "LICENSE")) as f:
            ours = f.read()
        self.assertIn("Apache License", ours)
        self.assertIn("Version 2.0, January 2004", ours)
        self.assertIn("END OF TERMS AND CONDITIONS", ours)  # the full text
        import json  # a stdlib package that is never frozen, unlike os

        stdlib = os.path.dirname(os.path.dirname(json.__file__))
        with open(os.path.join(stdlib, "LICENSE.txt")) as f:
            self.assertIn("PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2", f.read())

    def test_extension_from_a_rule_authors_own_rule(self):
        # tests/rules/custom_info: a rule that returns PyStaticExtensionInfo
        # through the public py_static_extension_info/py_static_init_symbol.
        import _pystatic

        self.assertEqual(_handmade.origin(), "handmade rule")
        self.assertEqual(_handmade.__name__, "tests.rules.custom_info._handmade")
        info = _pystatic.module_info("tests.rules.custom_info._handmade")
        self.assertTrue(info["imported"])
        self.assertEqual(info["label"], "//tests/rules/custom_info:_handmade", info)

    def test_unity_build(self):
        self.assertEqual(_unity.answer(), 42)

    def test_init_functions_are_not_exported(self):
        # The binary is linked with --export-dynamic so that lib-dynload's
        # modules (_ctypes is one) find the C API in it; the renamed init
        # functions are linked hidden (runtime/include/pystatic/registry.h),
        # so they stay out of its dynamic symbol table.
        import ctypes

        exe = ctypes.CDLL(None)
        self.assertTrue(hasattr(exe, "PyLong_FromLong"))
        self.assertFalse(hasattr(exe, "PyStatic_Init_5tests5rules5basic9_speedups"))
        self.assertEqual(_speedups.add(1, 1), 2)

    def test_basic_extension(self):
        self.assertEqual(_speedups.add(2, 3), 5)
        # Compiled with sysconfig's -DNDEBUG, as setuptools would, except
        # under -c dbg, which keeps asserts.
        dbg = os.environ["COMPILATION_MODE"] == "dbg"
        self.assertEqual(_speedups.built_with_ndebug(), not dbg)
        self.assertEqual(_speedups.__name__, "tests.rules.basic._speedups")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
