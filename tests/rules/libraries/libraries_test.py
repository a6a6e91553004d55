"""py_static_py_library and py_static_cc_library in a static program: the
library's .py file is in runfiles, the extension is linked in."""

import sys

import _pystatic

from tests.rules.libraries import greeting

assert greeting.greet("world") == "hello, world", greeting.greet("world")
info = _pystatic.module_info("tests.rules.libraries._greet")
# Named as in Bazel's own messages, in every mode (not str(Label): @@//...).
assert info["label"] == "//tests/rules/libraries:_greet", info
print("ok")
sys.exit(0)
