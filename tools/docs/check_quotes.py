"""Checks that every error message the docs quote is the text a test asserts.

    python3 tools/docs/check_quotes.py          # tools/test.sh lint runs it

A quote is marked by the test that produces its message, just before it:

    <!-- quote: gazelle/testdata/ambiguous_include --> `//ext:_e: header ...`
    <!-- quote: tests/analysis:no_sources_test --> `//tests/analysis:no_sources: srcs has ...`

- gazelle/testdata/DIR: a line of DIR/messages.txt, which gazelle/golden_test.go
  holds equal to what Gazelle logs on that test's tree (the "gazelle: "
  prefix may be left out);
- tests/analysis:NAME: one of the `messages` of the expect_failure_test NAME
  in tests/analysis/BUILD.bazel, which the test finds in the analysis
  failure, with {target} and the `labels` placeholders spelled
  //tests/analysis:TARGET.

The quote must be the whole text, whitespace aside; `...` in a quote stands
for text left out. So a quote can only say what the test checks the code
says: a drifted quote, or a message changed without its quote, fails here.
"""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"<!-- quote: (\S+) -->\s*(`+)\s?(.+?)\s?\2(?!`)", re.S)


def normalize(text):
    return re.sub(r"\s+", " ", text).strip()


def gazelle_messages(directory):
    path = ROOT / directory / "messages.txt"
    if not path.is_file():
        return None
    out = []
    for line in path.read_text().splitlines():
        out.append(line)
        if line.startswith("gazelle: "):
            out.append(line[len("gazelle: "):])
    return out


def _call_args(build_text, rule, name):
    """The keyword arguments of rule(name = NAME, ...) in a BUILD file, as Python values."""
    tree = ast.parse(build_text)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == rule:
            kwargs = {}
            for kw in node.keywords:
                try:
                    kwargs[kw.arg] = ast.literal_eval(kw.value)
                except ValueError:
                    kwargs[kw.arg] = None
            if kwargs.get("name") == name:
                return kwargs
    return None


def analysis_messages(source):
    package, _, name = source.partition(":")
    build = ROOT / package / "BUILD.bazel"
    if not build.is_file():
        return None
    kwargs = _call_args(build.read_text(), "expect_failure_test", name)
    if kwargs is None:
        return None

    def absolute(label):
        return "//{}:{}".format(package, label[1:]) if label.startswith(":") else label

    names = {value: absolute(key) for key, value in (kwargs.get("labels") or {}).items()}
    names["target"] = absolute(kwargs["target_under_test"])
    return [fragment.format(**names) for fragment in kwargs.get("messages", [])]


def sources(source):
    if source.startswith("gazelle/testdata/"):
        return gazelle_messages(source)
    if source.startswith("tests/analysis:"):
        return analysis_messages(source)
    return None


def matches(quote, message):
    pattern = r"\s*.*?\s*".join(re.escape(part.strip()) for part in normalize(quote).split("..."))
    return re.fullmatch(pattern, normalize(message)) is not None


def main():
    docs = sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "README.md"]
    checked, failures = 0, []
    for doc in docs:
        text = doc.read_text()
        for m in MARKER.finditer(text):
            source, quote = m.group(1), m.group(3)
            where = "{}:{}".format(doc.relative_to(ROOT), text.count("\n", 0, m.start()) + 1)
            messages = sources(source)
            checked += 1
            if messages is None:
                failures.append("{}: quote marked with {}, which names no test this check reads".format(where, source))
            elif not any(matches(quote, message) for message in messages):
                failures.append("{}: quote is not what {} checks:\n  quote: {}\n{}".format(
                    where, source, normalize(quote),
                    "\n".join("  test:  " + normalize(message) for message in messages)))
    for failure in failures:
        print(failure)
    print("tools/docs/check_quotes.py: {} quotes checked, {} not what their test checks".format(checked, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
