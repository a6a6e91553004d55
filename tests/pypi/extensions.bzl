"""@pystatic_test_pytest (target :pytest): pytest for this repository's own
tests (tests/rules/pytest), through the packages harness's pypi_wheels
repository rule. A dev dependency: users of rules_pystatic never fetch it."""

load("//tests/packages/workspace:pypi_wheels.bzl", "pypi_wheels")
load(":requirements.bzl", "PYTEST_REQUIREMENTS")

def _pytest_wheels_impl(_mctx):
    pypi_wheels(
        name = "pystatic_test_pytest",
        library = "pytest",
        requirements = PYTEST_REQUIREMENTS,
    )

pytest_wheels = module_extension(implementation = _pytest_wheels_impl)
