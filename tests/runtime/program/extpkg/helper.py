# A pure-Python submodule of the extension package `extpkg`.
HELPER = "extpkg.helper"
