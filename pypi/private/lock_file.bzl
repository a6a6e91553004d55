"""Reading a lock file written by pypi/tools/lock.py (private)."""

LOCK_VERSION = 1

def repo_name(hub, package):
    """The repository of one package: the hub's name, _, its normalized name with - and . as _.

    lock.py's build_files.repo_name says the same; the labels in the lock use it.
    """
    return "{}_{}".format(hub, package.replace("-", "_").replace(".", "_"))

def hub_package(package):
    """The hub's package for a locked package: @hub//<this>."""
    return package.replace("-", "_").replace(".", "_")

def decode_lock(text, lock, hub):
    """The decoded lock, checked.

    Args:
      text: the lock file's contents.
      lock: its label (for messages).
      hub: the hub name it is used under.

    Returns:
      The lock as a dict.
    """
    data = json.decode(text)
    if data.get("lock_version") != LOCK_VERSION:
        fail("{}: lock_version {} is not {}, the version this rules_pystatic reads: run the lock tool of this rules_pystatic again (docs/pypi.md)".format(lock, data.get("lock_version"), LOCK_VERSION))
    if data.get("hub") != hub:
        fail("{}: the lock was written for the hub \"{}\", and is used as \"{}\": its BUILD files name the packages' repositories after the hub. Fix: name the hub \"{}\", or run the lock tool again with --hub {}".format(lock, data.get("hub"), hub, data.get("hub"), hub))
    return data
