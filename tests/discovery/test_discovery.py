"""The quick discovery check (tools/test.sh discovery): the packages of
corpus.QUICK re-measured with this checkout's Gazelle must do no worse than
docs/discovery.json says, and docs/discovery.md must be what that JSON renders
to.  The full measurement is tests/discovery/run.sh.

Run: PYSTATIC_DISCOVERY_GAZELLE=BIN python3 -m pytest tests/discovery
(the Gazelle binary from gazelle/build.sh; tools/test.sh builds it).
"""
import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import corpus  # noqa: E402
import discover  # noqa: E402
import render  # noqa: E402

BASELINE = json.load(open(discover.DOC_JSON))
BY_NAME = {r["name"]: r for r in BASELINE["packages"]}
PKGS = {p["name"]: p for p in corpus.PACKAGES}


def gazelle():
    path = os.environ.get("PYSTATIC_DISCOVERY_GAZELLE")
    if not path or not os.access(path, os.X_OK):
        pytest.fail("PYSTATIC_DISCOVERY_GAZELLE must name a Gazelle binary (bash gazelle/build.sh OUT); got %r" % path)
    return path


def errors(result):
    return len(result["wrong"]) + len(result["false_positive"]) + len(result["missed"])


@pytest.mark.parametrize("name", corpus.QUICK)
def test_no_worse_than_the_table(name):
    base = BY_NAME[name]
    pkg = PKGS[name]
    assert pkg["version"] == base["version"], (
        "%s: corpus.py pins %s, docs/discovery.json measured %s; re-run bash tests/discovery/run.sh"
        % (name, pkg["version"], base["version"]))
    now = discover.measure(pkg, gazelle())
    assert now["wheel"] == base["wheel"], "%s: the wheel's modules changed: %s" % (name, now["wheel"])
    lost = sorted(set(base["right"]) - set(now["right"]))
    assert not lost, "%s: no longer found under the right name: %s (rules now: %s)" % (
        name, lost, [r["module"] for r in now["rules"]])
    # A wrong name that becomes a miss, or a new false positive, is worse
    # even when the number of errors stays the same.
    for kind in ("missed", "false_positive"):
        assert len(now[kind]) <= len(base[kind]), "%s: %s %s, docs/discovery.md says %s" % (
            name, kind.replace("_", " "), now[kind], base[kind])
    assert errors(now) <= errors(base), (
        "%s: %d errors, docs/discovery.md says %d: wrong %s, false positives %s, missed %s" % (
            name, errors(now), errors(base), now["wrong"], now["false_positive"], now["missed"]))
    if errors(now) < errors(base) or len(now["right"]) > len(base["right"]):
        print("%s improved on docs/discovery.md; re-run bash tests/discovery/run.sh to record it" % name)


def test_page_is_rendered_from_the_json():
    with open(discover.DOC_MD) as fh:
        page = fh.read()
    assert page == render.markdown(BASELINE, corpus.PACKAGES), (
        "docs/discovery.md is not what docs/discovery.json and tests/discovery/corpus.py render to; "
        "re-run bash tests/discovery/run.sh")


def test_every_corpus_package_is_measured():
    assert [p["name"] for p in corpus.PACKAGES] == [r["name"] for r in BASELINE["packages"]], (
        "tests/discovery/corpus.py and docs/discovery.json list different packages; re-run bash tests/discovery/run.sh")
    assert len(corpus.PACKAGES) >= 30


@pytest.mark.parametrize("found, truth, not_discoverable, want", [
    # exact names
    (["a._x"], ["a._x"], {}, dict(right=["a._x"], wrong=[], false_positive=[], missed=[], not_discoverable=[])),
    # a src/ layout: paired by the last component
    (["src.a._x"], ["a._x"], {}, dict(right=[], wrong=[["src.a._x", "a._x"]], false_positive=[], missed=[],
                                      not_discoverable=[])),
    # a module the wheel lacks, and one Gazelle did not find
    (["a._win"], ["a._linux"], {}, dict(right=[], wrong=[], false_positive=["a._win"], missed=["a._linux"],
                                        not_discoverable=[])),
    # two rules for one module: the second is a false positive
    (["a._x", "a._x"], ["a._x"], {}, dict(right=["a._x"], wrong=[], false_positive=["a._x"], missed=[],
                                          not_discoverable=[])),
    # cffi: not counted as missed, counted as right when found
    ([], ["a._cffi"], {"a._cffi": "cffi"}, dict(right=[], wrong=[], false_positive=[], missed=[],
                                                not_discoverable=["a._cffi"])),
    (["a._cffi"], ["a._cffi"], {"a._cffi": "cffi"}, dict(right=["a._cffi"], wrong=[], false_positive=[], missed=[],
                                                         not_discoverable=[])),
])
def test_compare(found, truth, not_discoverable, want):
    assert discover.compare(found, truth, not_discoverable) == want


def test_totals():
    results = [discover.compare(["src.a._x", "a._y", "a._z"], ["a._x", "a._y", "a._w"], {})]
    results[0]["wheel"] = ["a._w", "a._x", "a._y"]
    t = discover.totals(results)
    # 1 right of 3 rules written; 1 right of 3 modules to find.
    assert (t["right"], t["wrong"], t["false_positive"], t["missed"]) == (1, 1, 1, 1)
    assert t["precision"] == round(1 / 3, 4) and t["recall"] == round(1 / 3, 4)
