"""WORKSPACE: the packages of a lock file written by the lock tool (docs/pypi.md).

    load("@rules_pystatic//pypi:repositories.bzl", "pystatic_pypi_lock")
    pystatic_pypi_lock(name = "pystatic_pypi", lock = "//:pystatic_pypi.lock.json")
    load("@pystatic_pypi//:packages.bzl", "install_packages")
    install_packages()
"""

load("//pypi/private:hub_repo.bzl", "pypi_hub")

def pystatic_pypi_lock(name = "pystatic_pypi", lock = None):
    """The hub repository of a lock; its packages.bzl's install_packages() declares the packages.

    Args:
      name: the hub's name, which the lock was written for (lock.py --hub).
      lock: label of the lock file.
    """
    if not lock:
        fail("pystatic_pypi_lock(name = \"{}\"): lock is required: the label of the lock file that pypi/tools/lock.py wrote".format(name))
    pypi_hub(name = name, hub = name, lock = lock)
