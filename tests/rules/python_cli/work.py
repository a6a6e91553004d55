"""Work done in child processes: importable by name, as spawn needs."""

from tests.rules.basic import _speedups


def square_and_module(x):
    return x * x, _speedups.__name__


if __name__ == "__main__":
    print("work as __main__:", square_and_module(7))
