"""Pure Python in a py_static_py_library, over the extension."""

from tests.rules.libraries import _greet


def greet(name):
    return "%s, %s" % (_greet.word(), name)
