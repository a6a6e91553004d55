# Included by _fast.pyx: a .pyx that is part of another module (as msgpack's
# _packer.pyx is of _cmsgpack.pyx), not a module of its own.

def from_included_pyx():
    return "included"
