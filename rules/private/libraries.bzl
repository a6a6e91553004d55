"""py_static_cc_library and py_static_py_library: the C and Python libraries
that rules_pystatic's Gazelle language generates.

Each is rules_cc's cc_library or rules_python's py_library under a name of
its own. Gazelle gives every rule kind to one language only: the language
that lists the kind last indexes, resolves and merges every rule of that
kind in the repository, including rules another language wrote. The Gazelle
plugins of rules_cc users (gazelle_cc) and of rules_python own cc_library and
py_library; with kinds of its own, rules_pystatic's language can be loaded
next to them in any order, and neither plugin is handed a rule whose
dependencies it cannot read (docs/gazelle/README.md, "Next to other
plugins").
"""

load("@rules_cc//cc:defs.bzl", "cc_library")
load("@rules_python//python:defs.bzl", "py_library")

def py_static_cc_library(name, **kwargs):
    """A cc_library of C or C++ helper sources, written by rules_pystatic's Gazelle language.

    Gazelle generates one, named `py_static_common`, in a directory where
    several extension modules share helper sources and headers (a `.c` file
    that defines no module, or a header more than one extension includes).
    The directory's `py_static_extension` rules depend on it.

    It is exactly rules_cc's `cc_library`: every attribute is passed on
    unchanged, and it provides `CcInfo` like any `cc_library`. Only the name
    of the kind differs, so that Gazelle gives rules of this kind to
    rules_pystatic's language alone and leaves `cc_library` to gazelle_cc.
    Write a plain `cc_library` by hand instead where Gazelle should not
    manage the rule: the language still finds its headers for `#include`
    resolution.

    Args:
      name: A unique name for this target.
      **kwargs: Any attribute of `cc_library` (`srcs`, `hdrs`, `textual_hdrs`,
        `deps`, `copts`, `visibility`, ...). Gazelle sets `srcs`, `hdrs`,
        `textual_hdrs` and `deps`, and `visibility` on a new rule.
    """
    cc_library(name = name, **kwargs)

def py_static_py_library(name, **kwargs):
    """A py_library of pure-Python sources, written by rules_pystatic's Gazelle language.

    Gazelle generates one for a directory's Python files that are neither
    its program's main file nor tests when `# gazelle:py_static_py_library
    true` applies (named by `# gazelle:py_static_naming library`, by default
    `<package>_py`), and one named `conftest` for a `conftest.py` when tests
    are generated. The directory's programs and tests depend on it.

    It is exactly rules_python's `py_library`: every attribute is passed on
    unchanged, and it provides `PyInfo` like any `py_library`, so
    `py_static_binary`, `py_binary` and `py_library` rules can all depend on
    it. Only the name of the kind differs, so that Gazelle gives rules of
    this kind to rules_pystatic's language alone and leaves `py_library` to
    rules_python's plugin.

    Args:
      name: A unique name for this target.
      **kwargs: Any attribute of `py_library` (`srcs`, `deps`, `imports`,
        `data`, `testonly`, `visibility`, ...). Gazelle sets `srcs` and
        `deps`, and `imports`, `testonly` and `visibility` on a new rule.
    """
    py_library(name = name, **kwargs)
