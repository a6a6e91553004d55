"""sys.executable of a python_cli binary runs -c, -m and spawn children
with the binary's static extensions and sys.path."""

import multiprocessing
import os
import subprocess
import sys
import unittest

from tests.rules.python_cli import work


def run(*args, **kwargs):
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=True, **kwargs
    ).stdout


class PythonCliTest(unittest.TestCase):
    def test_program_arguments_still_reach_main(self):
        self.assertEqual(sys.argv[1:], ["--not-a-python-option"])

    def test_dash_c_imports_a_static_extension(self):
        out = run("-c", "import sys; from tests.rules.basic import _speedups; print(_speedups.__name__, sys.argv)")
        self.assertEqual(out.strip(), "tests.rules.basic._speedups ['-c']")

    def test_dash_m_runs_a_module_of_the_program(self):
        out = run("-m", "tests.rules.python_cli.work")
        self.assertEqual(out.strip(), "work as __main__: (49, 'tests.rules.basic._speedups')")

    def test_interpreter_flags_first(self):
        out = run("-I", "-X", "utf8", "-c", "import sys; print(sys.flags.isolated, sys.flags.utf8_mode)")
        self.assertEqual(out.split(), ["1", "1"])

    def test_child_exit_status(self):
        result = subprocess.run([sys.executable, "-c", "raise SystemExit(3)"])
        self.assertEqual(result.returncode, 3)

    def test_multiprocessing_spawn(self):
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(2) as pool:
            results = pool.map(work.square_and_module, [2, 3])
        self.assertEqual(results, [(4, "tests.rules.basic._speedups"), (9, "tests.rules.basic._speedups")])

    def test_environment_variable_forces_interpreter_mode(self):
        env = dict(os.environ, PYSTATIC_INTERPRETER="1")
        out = run("-c", "print('interpreter')", env=env)
        self.assertEqual(out.strip(), "interpreter")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
