"""Prints corpus entries for NAME==VERSION arguments, from PyPI's JSON API:
the sdist and the CPython 3.12 manylinux x86_64 wheel (cp312, or abi3 from an
older cp3X), each with its URL and the sha256 PyPI publishes.  Paste the output
into corpus.py; nothing here runs during a measurement.

    python3 tests/discovery/pin.py psutil==7.2.2 ujson==6.1.0
"""
import json
import re
import sys
import urllib.parse
import urllib.request

WHEEL = re.compile(r"-(?P<py>cp3\d+)-(?P<abi>cp3\d+|abi3)-(?P<plat>[^-]+)\.whl$")


def cp312_manylinux(filename):
    m = WHEEL.search(filename)
    if not m or "manylinux" not in m.group("plat") or "x86_64" not in m.group("plat"):
        return False
    if m.group("abi") == "abi3":
        return int(m.group("py")[3:]) <= 12
    return m.group("py") == "cp312"


def entry(name, version):
    # The project's page, not /pypi/NAME/VERSION/json: the PyPI these machines
    # reach serves only the former.
    page = "https://pypi.org/pypi/%s/json" % name
    with urllib.request.urlopen(page, timeout=60) as resp:
        files = json.load(resp)["releases"].get(version) or []
    sdists = [f for f in files if f["packagetype"] == "sdist"]
    wheels = [f for f in files if f["packagetype"] == "bdist_wheel" and cp312_manylinux(f["filename"])]
    if not sdists or not wheels:
        raise SystemExit("%s %s: no sdist or no cp312 manylinux x86_64 wheel on PyPI" % (name, version))
    # The newest manylinux tag sorts last among a release's builds of one wheel;
    # any of them has the same modules, so take the first, stably.
    wheels.sort(key=lambda f: f["filename"])
    # Some PyPI mirrors give URLs relative to the JSON page.
    pick = lambda f: dict(file=f["filename"], url=urllib.parse.urljoin(page, f["url"]),
                          sha256=f["digests"]["sha256"])
    return dict(name=name, version=version, sdist=pick(sdists[0]), wheel=pick(wheels[0]))


def main(argv):
    for arg in argv:
        name, _, version = arg.partition("==")
        if not version:
            raise SystemExit("usage: pin.py NAME==VERSION ...")
        print(json.dumps(entry(name, version), indent=4) + ",")


if __name__ == "__main__":
    main(sys.argv[1:])
