"""Without python_cli, "-c" is the program's own argument."""

import sys

assert sys.argv[1:] == ["-c"], sys.argv
assert sys.orig_argv[1:] == ["-c"] if hasattr(sys, "orig_argv") else True
print("program_cli_test: ok")
