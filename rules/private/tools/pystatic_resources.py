"""importlib.resources for the modules of a single-file binary.

Packed into every single-file binary by rules_pystatic (pack_program.py) as
the module `_pystatic_resources`; the packed importer's
get_resource_reader() returns `reader(name, directory)`.  The tree lives in
the executable (runtime/include/pystatic/pack.h); `_pystatic_pack` reads it.
Nothing is written to disk.
"""

import io
import posixpath
import sys

import _pystatic_pack

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable, TraversableResources
else:
    from importlib.abc import Traversable, TraversableResources

_FILE, _DIR = 1, 2


class PackedPath(Traversable):
    """A file or directory of the packed tree, relative to its root."""

    def __init__(self, path):
        self._path = path

    def __repr__(self):
        return "PackedPath({!r})".format(self._path)

    def __str__(self):
        return posixpath.join(sys.executable, self._path)

    def __eq__(self, other):
        return isinstance(other, PackedPath) and other._path == self._path

    def __hash__(self):
        return hash(self._path)

    @property
    def name(self):
        return posixpath.basename(self._path)

    def iterdir(self):
        if not self.is_dir():
            raise NotADirectoryError(str(self))
        return iter([PackedPath(posixpath.join(self._path, n))
                     for n in _pystatic_pack._listdir(self._path)])

    def is_dir(self):
        return _pystatic_pack._file_kind(self._path) == _DIR

    def is_file(self):
        return _pystatic_pack._file_kind(self._path) == _FILE

    def joinpath(self, *descendants):
        path = self._path
        for d in descendants:
            for part in str(d).split("/"):
                if part in ("", "."):
                    continue
                if part == "..":
                    path = posixpath.dirname(path)
                else:
                    path = posixpath.join(path, part) if path else part
        return PackedPath(path)

    def __truediv__(self, child):
        return self.joinpath(child)

    def read_bytes(self):
        data = _pystatic_pack._read(self._path)
        if data is None:
            if self.is_dir():
                raise IsADirectoryError(str(self))
            raise FileNotFoundError(str(self))
        return bytes(data)

    def read_text(self, encoding=None, errors=None):
        return self.read_bytes().decode(encoding or "utf-8", errors or "strict")

    def open(self, mode="r", *args, **kwargs):
        if mode not in ("r", "rb"):
            raise ValueError("packed files are read-only: open({!r}, {!r})".format(str(self), mode))
        stream = io.BytesIO(self.read_bytes())
        if mode == "rb":
            return stream
        return io.TextIOWrapper(stream, *args, **kwargs)


class PackedReader(TraversableResources):
    """The resource reader of one packed package."""

    def __init__(self, directory):
        self._directory = directory

    def files(self):
        return PackedPath(self._directory)


def reader(name, directory):
    return PackedReader(directory)
