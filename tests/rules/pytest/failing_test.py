"""One pytest test that fails and one that passes: its py_static_pytest_test
must fail, unless -k selects only the passing one (runner_check_test.py runs
it; the target is manual, as `bazel test //tests/...` would see it fail)."""


def test_fails():
    assert 1 + 1 == 3, "deliberately failing"


def test_passes():
    assert True
