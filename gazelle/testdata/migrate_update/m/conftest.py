import pytest

from m import util


@pytest.fixture
def value():
    return util
