"""a._speedups and b._speedups: the same short name, init function and
global symbols, in one binary; each keeps its own code and data."""
import a._speedups
import b._speedups

assert a._speedups.__name__ == "a._speedups"
assert b._speedups.__name__ == "b._speedups"
assert a._speedups.FLAVOR == "a" and b._speedups.FLAVOR == "b"
assert a._speedups.bump() == ("a", 1)
assert a._speedups.bump() == ("a", 2)
assert b._speedups.bump() == ("b", 1)   # its own counter
assert a._speedups is not b._speedups
# `b` exists only as the served parent of b._speedups.
import sys
assert sys.modules["b"].__path__ == []
print("ok")
