"""The example application: imports every extension of the monorepo, which
the static binary serves from inside itself."""

import importlib.util
import pickle
import sys

import alpha
import beta
import geometry
from geometry._geom import shapes
from mathext import _fastmath


def main(argv):
    circle = shapes.Circle(2.0)
    restored = pickle.loads(pickle.dumps(circle))
    lines = [
        "args: {}".format(" ".join(argv) or "(none)"),
        "alpha._speedups: checksum(b'static') = {} ({})".format(alpha.checksum(b"static"), alpha.flavour()),
        "beta._speedups: count() = {}, {} ({}, {} phases)".format(
            beta._speedups.count(), beta._speedups.count(), beta._speedups.flavour(), beta._speedups.PHASES
        ),
        "mathext._fastmath: fib(90) = {}".format(_fastmath.fib(90)),
        "geometry._geom: hypot(3, 4) = {}".format(geometry.hypot(3, 4)),
        "{}: Circle(2).area() = {:.4f}, pickled radius {}".format(shapes.__name__, circle.area(), restored.radius),
        "spec origin of mathext._fastmath: {}".format(importlib.util.find_spec("mathext._fastmath").origin),
        "python {}.{}".format(*sys.version_info[:2]),
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
