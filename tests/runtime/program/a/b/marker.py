# a.b has no __init__.py: a namespace package, found on disk by PathFinder.
# a.b.c has no directory at all: the runtime serves it.
MARKER = "a.b.marker"
