import pytest


@pytest.mark.parametrize("n", [1, 2])
def test_uses_the_parent_conftest(answer, n):
    assert answer == 42
