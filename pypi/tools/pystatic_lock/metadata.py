"""A distribution's dependencies (Requires-Dist) from a wheel's METADATA or an sdist's PKG-INFO."""

import email.parser
import re
import tarfile
import zipfile

from .requirements import normalize

_DEP = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?:\(?[^;]*\)?)?\s*(?:;\s*(.*))?$")


def _parse(text):
    """[(normalized name, marker or None)] of every Requires-Dist."""
    message = email.parser.Parser().parsestr(text, headersonly=True)
    out = []
    for value in message.get_all("Requires-Dist") or []:
        m = _DEP.match(value)
        if m:
            out.append((normalize(m.group(1)), (m.group(2) or "").strip() or None))
    return out


def from_wheel(path):
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            parts = name.split("/")
            if len(parts) == 2 and parts[0].endswith(".dist-info") and parts[1] == "METADATA":
                return _parse(z.read(name).decode("utf-8", "replace"))
    return []


def from_sdist(path):
    """PKG-INFO at the top of the sdist (metadata 2.2+ lists Requires-Dist there; older ones may not)."""
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.count("/") == 1 and name.endswith("/PKG-INFO"):
                    return _parse(z.read(name).decode("utf-8", "replace"))
        return []
    with tarfile.open(path) as t:
        for member in t.getmembers():
            if member.name.count("/") == 1 and member.name.endswith("/PKG-INFO"):
                return _parse(t.extractfile(member).read().decode("utf-8", "replace"))
    return []
