"""rules_python for Bazel 4.2.3: forwards to the built-in Python rules and PyInfo.

Bazel 8 removed the built-ins, so rules_pystatic and generated BUILD files load
these names from @rules_python; on 4.2.3 this shim supplies them offline.
"""

load(":builtins.bzl", "BUILTIN_PY_INFO", "BUILTIN_PY_RUNTIME_INFO")

PyInfo = BUILTIN_PY_INFO
PyRuntimeInfo = BUILTIN_PY_RUNTIME_INFO
py_binary = native.py_binary
py_library = native.py_library
py_runtime = native.py_runtime
py_test = native.py_test
