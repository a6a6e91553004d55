"""A pure-Python submodule of the compiled package tests.rules.pkgext."""

ANSWER = 42
