"""Third-party packages in a static binary: markupsafe's C extension, built
from its sdist and linked in, and attrs, a pure-Python wheel."""

import importlib.resources
import sys

import _pystatic  # the runtime's own module (docs/runtime.md)
import attr
import markupsafe


@attr.s(frozen=True)
class Greeting:
    text = attr.ib()


print("markupsafe.escape:", markupsafe.escape(Greeting("<static>").text))
print("markupsafe._speedups linked into this binary from", _pystatic.module_info("markupsafe._speedups")["label"])
print("markupsafe's py.typed:", importlib.resources.files("markupsafe").joinpath("py.typed").is_file())
print("attrs", attr.__version__, "from", attr.__file__.split("/")[-3])
print("python {}.{}".format(*sys.version_info[:2]))
