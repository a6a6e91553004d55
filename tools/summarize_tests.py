"""Adds up the results of every suite tools/test.sh ran and prints one line.

Reads pytest JUnit XML, `go test -json` streams and `bazel test` logs from the
results directory, prints a table per suite, and ends with
"N passed, N failed, N skipped" (the closing line CI reads).
Usage: summarize_tests.py RESULTS_DIR
"""

import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

BAZEL_LINE = re.compile(r"^(//\S+)\s+(?:\(cached\) )?(PASSED|FAILED|TIMEOUT|NO STATUS|FLAKY|INCOMPLETE)\b")


def from_junit(path):
    passed = failed = skipped = 0
    failures = []
    for case in ET.parse(path).getroot().iter("testcase"):
        name = "{}::{}".format(case.get("classname"), case.get("name"))
        if case.find("failure") is not None or case.find("error") is not None:
            failed += 1
            failures.append(name)
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped, failures


def from_go_json(path):
    passed = failed = skipped = 0
    failures = []
    for line in path.read_text().splitlines():
        try:
            event = json.loads(line)
        except ValueError:
            continue
        if not event.get("Test"):
            if event.get("Action") == "fail":
                # A package that failed to build or crashed outside a test.
                failed += 1
                failures.append(event.get("Package", "?") + " (package)")
            continue
        action = event.get("Action")
        name = "{}.{}".format(event.get("Package", "?"), event["Test"])
        if action == "pass":
            passed += 1
        elif action == "fail":
            failed += 1
            failures.append(name)
        elif action == "skip":
            skipped += 1
    return passed, failed, skipped, failures


def from_bazel_log(path):
    passed = failed = 0
    failures = []
    for line in path.read_text(errors="replace").splitlines():
        match = BAZEL_LINE.match(line.strip())
        if not match:
            continue
        if match.group(2) in ("PASSED", "FLAKY"):
            passed += 1
        else:
            failed += 1
            failures.append(match.group(1))
    return passed, failed, 0, failures


def from_status(path):
    """A suite that is one check: the file holds its exit code."""
    name = path.stem
    code = int(path.read_text().strip() or "1")
    return (1, 0, 0, []) if code == 0 else (0, 1, 0, [name])


READERS = {".xml": from_junit, ".gojson": from_go_json, ".bazellog": from_bazel_log, ".status": from_status}


def main(results_dir):
    results_dir = pathlib.Path(results_dir)
    totals = [0, 0, 0]
    all_failures = []
    print("\n{:<28} {:>7} {:>7} {:>8}".format("suite", "passed", "failed", "skipped"))
    for path in sorted(results_dir.iterdir()):
        reader = READERS.get(path.suffix)
        if reader is None:
            continue
        passed, failed, skipped, failures = reader(path)
        # A suite whose runner died before writing a result counts as failed.
        marker = path.with_suffix(".exit")
        if marker.exists() and marker.read_text().strip() not in ("0", "") and failed == 0:
            failed, failures = 1, [path.stem + " (runner exited {})".format(marker.read_text().strip())]
        print("{:<28} {:>7} {:>7} {:>8}".format(path.stem, passed, failed, skipped))
        totals = [totals[0] + passed, totals[1] + failed, totals[2] + skipped]
        all_failures += failures
    # A runner that died before writing any result file.
    for marker in sorted(results_dir.glob("*.exit")):
        if any(marker.with_suffix(suffix).exists() for suffix in READERS):
            continue
        code = marker.read_text().strip()
        if code not in ("0", ""):
            print("{:<28} {:>7} {:>7} {:>8}".format(marker.stem, 0, 1, 0))
            totals[1] += 1
            all_failures.append("{} (runner exited {} with no results)".format(marker.stem, code))
    for name in all_failures:
        print("FAILED " + name)
    print("{} passed, {} failed, {} skipped".format(*totals))
    return 1 if totals[1] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
