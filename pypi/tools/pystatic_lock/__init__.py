"""The lock tool's parts (pypi/tools/lock.py is the command). See docs/pypi.md."""


class LockError(Exception):
    """An error a user can fix: the message names the package, the file and the fix."""
