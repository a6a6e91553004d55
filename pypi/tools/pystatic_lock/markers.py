"""Environment markers (`; python_version < "3.11"`), evaluated for the lock's target.

The target is Linux and the Python version given to lock.py (--python-version,
default the running interpreter's). pip's own copy of `packaging` does the
evaluation, so markers mean what they mean to pip.
"""

import platform
import sys

from . import LockError

try:
    from packaging.markers import InvalidMarker, Marker
except ImportError:  # pip vendors it
    try:
        from pip._vendor.packaging.markers import InvalidMarker, Marker
    except ImportError:  # pragma: no cover - checked by lock.py at start-up
        Marker = None


def environment(python_version):
    """pip's marker environment for a Linux x86_64 CPython of python_version (X.Y)."""
    return {
        "implementation_name": "cpython",
        "implementation_version": python_version + ".0",
        "os_name": "posix",
        "platform_machine": platform.machine() or "x86_64",
        "platform_python_implementation": "CPython",
        "platform_release": "",
        "platform_system": "Linux",
        "platform_version": "",
        "python_full_version": python_version + ".0",
        "python_version": python_version,
        "sys_platform": "linux",
    }


def default_python_version():
    return "%d.%d" % sys.version_info[:2]


def evaluate(marker, python_version, where, extra=None):
    """True when the marker holds on the target; LockError naming `where` if it is not a marker."""
    if not marker:
        return True
    if Marker is None:
        raise LockError("%s: marker \"%s\": evaluating markers needs the `packaging` module (pip has it): "
                        "run lock.py with a python3 that has pip" % (where, marker))
    try:
        env = environment(python_version)
        env["extra"] = extra or ""
        return Marker(marker).evaluate(env)
    except InvalidMarker as e:
        raise LockError("%s: invalid environment marker \"%s\": %s" % (where, marker, e))
