"""An extension built with CPython's internal headers works in a static binary."""

import sys

from tests.toolchain.internal_headers import _internal

assert _internal.internal_matches_public() is True, "internal and public thread/interpreter state differ"
assert "_internal" not in sys.builtin_module_names
print("internal headers: ok on", sys.version.split()[0])
