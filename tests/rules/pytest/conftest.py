"""A fixture for passing_test.py: pytest finds this file only if the runner
gives it the right rootdir and the file is in the test's runfiles."""

import pytest


@pytest.fixture
def answer():
    return 42
