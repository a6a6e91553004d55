"""Three pytest tests that pass, run by the py_static_pytest_test runner: one
needs conftest.py's fixture, two are one parametrized test, and one calls an
extension linked into the binary."""

import pytest

from tests.rules.basic import _speedups


def test_fixture_from_conftest(answer):
    assert answer == 42


@pytest.mark.parametrize("a,b", [(1, 2), (40, 2)])
def test_static_extension_adds(a, b):
    import _pystatic

    assert "tests.rules.basic._speedups" in _pystatic.modules()
    assert _speedups.add(a, b) == a + b
