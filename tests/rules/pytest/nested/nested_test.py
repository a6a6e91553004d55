"""Needs the fixture of ../conftest.py, a directory above: pytest loads it only
when its rootdir is above both (the runner's --rootdir), not from the test
files' common directory, which is this one."""


def test_fixture_from_parent_conftest(answer):
    assert answer == 42
