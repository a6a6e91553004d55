#!/usr/bin/env bash
# Copies a workspace, deletes the BUILD files Gazelle owns, lets our Gazelle
# write them again, and compares them byte for byte with the originals.
#
#   tools/gazelle_roundtrip.sh SOURCE_WORKSPACE COPY [GAZELLE_BINARY]
#
# Gazelle owns every BUILD.bazel but the root one (directives) and those in
# directories the root excludes with `# gazelle:exclude`. Exits non-zero and
# prints a unified diff when Gazelle's output differs. Used by tools/demo.sh
# and tests/integration/test_gazelle_roundtrip.py.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${PYSTATIC_CACHE:-$HOME/.cache/rules_pystatic}
source_ws=$(cd "$1" && pwd)
copy=$2
gazelle=${3:-${PYSTATIC_GAZELLE:-$ROOT/gazelle/bin/gazelle}}
[[ -x "$gazelle" ]] || bash "$ROOT/gazelle/build.sh" "$gazelle" >/dev/null

rm -rf "$copy"
mkdir -p "$(dirname "$copy")"
cp -a "$source_ws" "$copy"
rm -f "$copy"/bazel-*

# Directories the root BUILD file tells Gazelle to leave alone.
excluded=()
while read -r dir; do
    excluded+=(! -path "$copy/$dir/*")
done < <(sed -n 's/^# gazelle:exclude \(.*\)$/\1/p' "$copy/BUILD.bazel")

find "$copy" -name BUILD.bazel ! -path "$copy/BUILD.bazel" "${excluded[@]}" -print -delete |
    sed "s|^$copy/|  deleted |"
(cd "$copy" && "$gazelle")
if diff -r -q -x 'bazel-*' "$source_ws" "$copy" >/dev/null; then
    echo "Gazelle wrote back every BUILD file byte for byte."
else
    echo "Gazelle's BUILD files differ from $source_ws:" >&2
    diff -r -u -x 'bazel-*' "$source_ws" "$copy" >&2 || true
    exit 1
fi
