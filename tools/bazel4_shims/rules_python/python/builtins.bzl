"""The built-in providers under names that do not shadow them."""

BUILTIN_PY_INFO = PyInfo
BUILTIN_PY_RUNTIME_INFO = PyRuntimeInfo
