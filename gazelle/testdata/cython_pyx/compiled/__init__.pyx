# A compiled package: the module is the package itself.
def f(): pass
