"""Measures our Gazelle's extension discovery on real sdists, with each
project's CPython 3.12 manylinux wheel as the truth.

    python3 tests/discovery/discover.py --gazelle BIN [--only a,b] [--no-docs]
    python3 tests/discovery/discover.py --render   # the page again, after editing corpus causes

(tests/discovery/run.sh builds Gazelle and calls this.)  For every package of
corpus.py: download the sdist and the wheel (sha256 checked, cached under
$PYSTATIC_CACHE/discovery/dist), read the wheel's extension modules, unpack
the sdist afresh as a repository of its own, run Gazelle on it with no
directives (`-lang py_static`), read the `module` of every
`py_static_extension` it wrote, and count per package:

  right      a module of the wheel, under its exact dotted name
  wrong      a module of the wheel found under another dotted name (paired
             by the last name component, e.g. `_yaml` for `yaml._yaml`)
  false pos  a rule for a module the wheel does not have
  missed     a module of the wheel with no rule

precision = right / rules written, recall = right / modules in the wheel
(modules listed in corpus `not_discoverable` left out unless found).
Writes docs/discovery.json and docs/discovery.md (unless --no-docs), and the
same JSON to $PYSTATIC_CACHE/test-results/discovery.json.
"""
import argparse
import datetime
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import corpus  # noqa: E402
import render  # noqa: E402

CACHE = os.path.join(os.environ.get("PYSTATIC_CACHE") or os.path.expanduser("~/.cache/rules_pystatic"), "discovery")
DOC_JSON = os.path.join(ROOT, "docs", "discovery.json")
DOC_MD = os.path.join(ROOT, "docs", "discovery.md")

IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# A rule as buildtools formats it: `py_static_extension(` at the start of a
# line, attributes one per line, `)` alone on a line.
RULE = re.compile(r"^py_static_extension\(\n(.*?)^\)", re.S | re.M)
STRING_ATTR = r'^\s+%s = "([^"]*)",?$'


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(dist):
    """The file of a corpus pin, downloaded once; a hash mismatch is fatal."""
    d = os.path.join(CACHE, "dist")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, dist["file"])
    if os.path.exists(path) and sha256(path) == dist["sha256"]:
        return path
    tmp = path + ".part"
    with urllib.request.urlopen(dist["url"], timeout=300) as resp, open(tmp, "wb") as out:
        shutil.copyfileobj(resp, out)
    got = sha256(tmp)
    if got != dist["sha256"]:
        os.remove(tmp)
        raise RuntimeError("%s: sha256 %s, corpus.py pins %s" % (dist["url"], got, dist["sha256"]))
    os.replace(tmp, path)
    return path


def exports_init(data, short):
    """Whether an ELF file exports PyInit_<short> (PyInitU_ for non-ASCII
    names): what makes a `.so` an extension module rather than a bundled
    library."""
    with tempfile.NamedTemporaryFile(suffix=".so") as tmp:
        tmp.write(data)
        tmp.flush()
        out = subprocess.run(["nm", "-D", "--defined-only", tmp.name], capture_output=True, text=True).stdout
    names = {line.split()[-1] for line in out.splitlines() if line.strip()}
    return "PyInit_" + short in names or any(n.startswith("PyInitU_") for n in names)


def wheel_modules(path):
    """Dotted names of the extension modules in a wheel."""
    found = []
    with zipfile.ZipFile(path) as whl:
        for member in whl.namelist():
            if not member.endswith(".so"):
                continue
            parts = member.split("/")
            # NAME-VER.data/platlib/... installs at the root.
            if parts[0].endswith(".data") and len(parts) > 2:
                parts = parts[2:]
            short = parts[-1].split(".", 1)[0]
            dotted = parts[:-1] + [short]
            if not all(IDENT.match(p) for p in dotted):
                continue  # auditwheel's NAME.libs/ and the like
            if exports_init(whl.read(member), short):
                found.append(".".join(dotted))
    return sorted(found)


def unpack(sdist, dest):
    """The sdist's top directory becomes dest (a fresh copy every run, since
    Gazelle writes BUILD files into it)."""
    if os.path.exists(dest):
        shutil.rmtree(dest)
    tmp = dest + ".unpack"
    if os.path.exists(tmp):
        shutil.rmtree(tmp)
    os.makedirs(tmp)
    if sdist.endswith(".zip"):
        with zipfile.ZipFile(sdist) as z:
            z.extractall(tmp)
    else:
        with tarfile.open(sdist) as t:
            t.extractall(tmp, filter="data")
    tops = os.listdir(tmp)
    if len(tops) != 1:
        raise RuntimeError("%s: expected one top directory, found %s" % (sdist, tops))
    os.replace(os.path.join(tmp, tops[0]), dest)
    os.rmdir(tmp)


def generated_rules(ws):
    """(module, BUILD package, srcs) of every py_static_extension under ws."""
    rules = []
    for dirpath, dirs, files in os.walk(ws):
        dirs.sort()
        for f in sorted(files):
            if f not in ("BUILD.bazel", "BUILD"):
                continue
            with open(os.path.join(dirpath, f), encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            pkg = os.path.relpath(dirpath, ws).replace(os.sep, "/")
            for m in RULE.finditer(text):
                body = m.group(1)
                mod = re.search(STRING_ATTR % "module", body, re.M)
                srcs = re.search(r"^\s+srcs = \[(.*?)\]", body, re.M | re.S)
                rules.append(dict(
                    module=mod.group(1) if mod else None,
                    package="" if pkg == "." else pkg,
                    srcs=re.findall(r'"([^"]+)"', srcs.group(1)) if srcs else [],
                ))
    return rules


def run_gazelle(gazelle, ws):
    t0 = time.time()
    proc = subprocess.run([gazelle, "-lang", "py_static", "-repo_root", ws, ws],
                          cwd=ws, capture_output=True, text=True, timeout=600)
    elapsed = time.time() - t0
    messages = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    return proc.returncode, messages, elapsed


def compare(found, truth, not_discoverable):
    """Counts of one package.  found: dotted names of the rules (in order,
    repeats kept); truth: the wheel's modules."""
    truth = set(truth)
    found_set = set()
    extra = []
    for name in found:
        if name in found_set or name is None:
            extra.append(name)  # a second rule for one module, or no name
        else:
            found_set.add(name)
    right = sorted(found_set & truth)
    skipped = sorted((truth & set(not_discoverable)) - found_set)
    expected = truth - set(skipped)
    unfound = sorted(expected - found_set)
    extra = sorted(found_set - truth) + extra
    wrong = []
    for name in list(extra):
        if name is None:
            continue
        short = name.rsplit(".", 1)[-1]
        match = [t for t in unfound if t.rsplit(".", 1)[-1] == short]
        if match:
            wrong.append([name, match[0]])
            unfound.remove(match[0])
            extra.remove(name)
    return dict(right=right, wrong=wrong, false_positive=extra, missed=unfound, not_discoverable=skipped)


def gazelle_commit():
    def git(*args):
        return subprocess.run(["git", "-C", ROOT] + list(args), capture_output=True, text=True).stdout.strip()
    # The last commit that changed gazelle/: what the binary was built from.
    commit = git("log", "-1", "--format=%H", "--", "gazelle")
    if git("status", "--porcelain", "--", "gazelle"):
        commit += " with uncommitted changes"
    return commit


def measure(pkg, gazelle):
    """The result of one package (downloads if needed)."""
    sdist = fetch(pkg["sdist"])
    truth = wheel_modules(fetch(pkg["wheel"]))
    ws = os.path.join(CACHE, "ws", "%s-%s" % (pkg["name"], pkg["version"]))
    unpack(sdist, ws)
    rc, messages, elapsed = run_gazelle(gazelle, ws)
    rules = generated_rules(ws)
    result = dict(name=pkg["name"], version=pkg["version"], kinds=pkg.get("kinds", []),
                  wheel=truth, rules=rules, gazelle_exit=rc, messages=messages[:50],
                  gazelle_seconds=round(elapsed, 2))
    result.update(compare([r["module"] for r in rules], truth, pkg.get("not_discoverable", {})))
    return result


def totals(results):
    t = dict(packages=len(results), wheel_modules=0, right=0, wrong=0, false_positive=0, missed=0,
             not_discoverable=0)
    for r in results:
        t["wheel_modules"] += len(r["wheel"])
        for k in ("right", "wrong", "false_positive", "missed", "not_discoverable"):
            t[k] += len(r[k])
    written = t["right"] + t["wrong"] + t["false_positive"]
    expected = t["right"] + t["wrong"] + t["missed"]
    t["precision"] = round(t["right"] / written, 4) if written else None
    t["recall"] = round(t["right"] / expected, 4) if expected else None
    return t


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gazelle", help="a Gazelle binary with py_static (gazelle/build.sh)")
    ap.add_argument("--only", help="comma-separated package names (no docs are written)")
    ap.add_argument("--no-docs", action="store_true", help="do not write docs/discovery.{json,md}")
    ap.add_argument("--render", action="store_true",
                    help="only rewrite docs/discovery.md from docs/discovery.json and corpus.py (after editing causes)")
    args = ap.parse_args(argv)
    if args.render:
        with open(DOC_JSON) as fh:
            report = json.load(fh)
        with open(DOC_MD, "w") as fh:
            fh.write(render.markdown(report, corpus.PACKAGES))
        print("wrote %s" % os.path.relpath(DOC_MD, ROOT))
        return
    if not args.gazelle:
        ap.error("--gazelle BIN is required (bash gazelle/build.sh BIN builds one)")
    pkgs = corpus.PACKAGES
    if args.only:
        wanted = set(args.only.split(","))
        pkgs = [p for p in pkgs if p["name"] in wanted]
        unknown = wanted - {p["name"] for p in pkgs}
        if unknown:
            raise SystemExit("not in tests/discovery/corpus.py: %s" % ", ".join(sorted(unknown)))
    t0 = time.time()
    results = []
    for pkg in pkgs:
        r = measure(pkg, os.path.abspath(args.gazelle))
        results.append(r)
        print("%-18s right %d  wrong %d  false pos %d  missed %d  (wheel: %s)" % (
            r["name"], len(r["right"]), len(r["wrong"]), len(r["false_positive"]), len(r["missed"]),
            ", ".join(r["wheel"]) or "none"), flush=True)
    report = dict(
        date=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        gazelle_commit=gazelle_commit(),
        seconds=round(time.time() - t0, 1),
        totals=totals(results),
        packages=results,
    )
    text = json.dumps(report, indent=1, sort_keys=True) + "\n"
    out = os.environ.get("PYSTATIC_RESULTS") or os.path.join(ROOT, "test-results")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "discovery.json"), "w") as fh:
        fh.write(text)
    t = report["totals"]
    print("precision %s  recall %s  (%d right, %d wrong, %d false positives, %d missed; %.0f s)" % (
        t["precision"], t["recall"], t["right"], t["wrong"], t["false_positive"], t["missed"], report["seconds"]))
    if not args.only and not args.no_docs:
        with open(DOC_JSON, "w") as fh:
            fh.write(text)
        with open(DOC_MD, "w") as fh:
            fh.write(render.markdown(report, corpus.PACKAGES))
        print("wrote %s and %s" % (os.path.relpath(DOC_JSON, ROOT), os.path.relpath(DOC_MD, ROOT)))


if __name__ == "__main__":
    main()
