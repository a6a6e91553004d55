import pytest

from pkg import helpers


@pytest.fixture
def answer():
    return helpers.ANSWER
