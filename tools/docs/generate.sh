#!/usr/bin/env bash
# docs/reference.md from the docstrings of the public .bzl files, by Stardoc
# 0.8.1 (Debian's bazel-stardoc) under Bazel 7.7.1:
#   bash tools/docs/generate.sh           # writes docs/reference.md
#   bash tools/docs/generate.sh --check   # fails, with a diff, unless the
#                                         # checked-in page is what it would write
# tools/test.sh rules runs the check. The targets are in tools/docs/BUILD.bazel.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
out=docs/reference.md
# bzlmod: tools/bazel.sh points the stardoc dev dependency at Debian's copy.
PYSTATIC_BAZEL_MODE=bzlmod bash tools/bazel.sh build //tools/docs:all >&2
pages=$(bash tools/bazel7/enter.sh bash -c 'cd "$1" && readlink -f bazel-bin/tools/docs' _ "$ROOT")
new=$(mktemp)
trap 'rm -f "$new"' EXIT
python3 tools/docs/assemble.py "$new" "$pages"
if [[ ${1:-} == --check ]]; then
    if ! diff -u "$out" "$new" >&2; then
        echo "tools/docs: $out is not what the .bzl docstrings give (diff above: - checked in, + generated);" \
            "run: bash tools/docs/generate.sh" >&2
        exit 1
    fi
    echo "tools/docs: $out is current"
else
    cp "$new" "$out"
    echo "tools/docs: wrote $out"
fi
