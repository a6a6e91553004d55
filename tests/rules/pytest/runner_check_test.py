"""The runners of py_static_pytest_test and py_static_unittest_test, run as
programs: exit codes (pass, fail, nothing collected), argument passthrough
(-k, as `bazel test --test_arg=-k --test_arg=...` gives it), --test_filter
(TESTBRIDGE_TEST_ONLY) and --junitxml (XML_OUTPUT_FILE)."""

import os
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ET


def run(binary, *args, cwd=None, **env):
    child_env = dict(os.environ)
    # This test's own Bazel variables are not the child's.
    for name in ("XML_OUTPUT_FILE", "TESTBRIDGE_TEST_ONLY", "BREAK_UNITTEST_CASES"):
        child_env.pop(name, None)
    child_env.update(env)
    result = subprocess.run([os.path.abspath(os.environ[binary]), *args], env=child_env, cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    return result.returncode, result.stdout


class PytestRunnerTest(unittest.TestCase):
    def test_failing_file_fails_with_pytest_report(self):
        code, out = run("FAILING_PYTEST")
        self.assertEqual(code, 1, out)
        self.assertIn("deliberately failing", out)
        self.assertIn("1 failed, 1 passed", out)

    def test_k_from_args_selects_tests(self):
        code, out = run("FAILING_PYTEST", "-k", "test_passes")
        self.assertEqual(code, 0, out)
        self.assertIn("1 passed, 1 deselected", out)

    def test_nothing_collected_fails(self):
        code, out = run("FAILING_PYTEST", "-k", "no_such_test")
        self.assertEqual(code, 5, out)
        self.assertIn("2 deselected", out)

    def test_test_filter_becomes_k(self):
        code, out = run("FAILING_PYTEST", TESTBRIDGE_TEST_ONLY="test_passes")
        self.assertEqual(code, 0, out)

    def test_other_pytest_options_pass_through(self):
        code, out = run("PASSING_PYTEST", "-v")
        self.assertEqual(code, 0, out)
        self.assertIn("passing_test.py::test_fixture_from_conftest PASSED", out)
        self.assertIn("3 passed", out)

    def test_conftest_above_the_tests_from_any_directory(self):
        # Run from elsewhere than the runfiles (as bazel-bin/... can be),
        # pytest would start from nested/ and miss ../conftest.py's fixture.
        code, out = run("NESTED_CONFTEST", cwd="/")
        self.assertEqual(code, 0, out)
        self.assertIn("1 passed", out)

    def test_junit_xml_for_bazel(self):
        with tempfile.TemporaryDirectory() as tmp:
            xml = os.path.join(tmp, "test.xml")
            code, out = run("FAILING_PYTEST", XML_OUTPUT_FILE=xml)
            self.assertEqual(code, 1, out)
            cases = {c.get("name"): c for c in ET.parse(xml).iter("testcase")}
        self.assertEqual(sorted(cases), ["test_fails", "test_passes"])
        self.assertIsNotNone(cases["test_fails"].find("failure"))


class UnittestRunnerTest(unittest.TestCase):
    def test_passes(self):
        code, out = run("UNITTEST_CASES")
        self.assertEqual(code, 0, out)
        self.assertIn("Ran 3 tests", out)

    def test_failure_fails(self):
        code, out = run("UNITTEST_CASES", BREAK_UNITTEST_CASES="1")
        self.assertEqual(code, 1, out)
        self.assertIn("FAIL: test_maybe_fails", out)

    def test_k_selects_and_nothing_ran_fails(self):
        code, out = run("UNITTEST_CASES", "-k", "test_second")
        self.assertEqual(code, 0, out)
        self.assertIn("Ran 1 test", out)
        code, out = run("UNITTEST_CASES", "-k", "no_such_test")
        self.assertEqual(code, 5, out)
        self.assertIn("no test ran", out)


if __name__ == "__main__":
    unittest.main()
