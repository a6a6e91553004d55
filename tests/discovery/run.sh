#!/usr/bin/env bash
# Gazelle's extension discovery on every sdist of tests/discovery/corpus.py,
# the project's cp312 manylinux wheel as the truth. Builds Gazelle from this
# checkout's gazelle/, then rewrites docs/discovery.md and docs/discovery.json
# (and $PYSTATIC_CACHE/test-results/discovery.json).
#   bash tests/discovery/run.sh                 # every package (~15 s cached)
#   bash tests/discovery/run.sh --only a,b      # some packages, docs untouched
# Downloads are cached under ${PYSTATIC_CACHE:-~/.cache/rules_pystatic}/discovery.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tools/env.sh
source "$ROOT/tools/env.sh"
mkdir -p "$CACHE/discovery/bin"
gazelle=${PYSTATIC_GAZELLE:-$ROOT/gazelle/bin/gazelle}
bash "$ROOT/gazelle/build.sh" "$gazelle" >/dev/null
exec python3 "$ROOT/tests/discovery/discover.py" --gazelle "$gazelle" "$@"
