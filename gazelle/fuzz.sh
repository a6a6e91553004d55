#!/usr/bin/env bash
# Runs every fuzz target of the gazelle/ Go module for ${FUZZTIME:-15s} each.
# Exits non-zero as soon as one fails (a failing input is saved under the
# package's testdata/fuzz/ directory by `go test`).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
fuzztime="${FUZZTIME:-15s}"

status=0
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    echo "== $pkg $target ($fuzztime)"
    if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"; then
      echo "FAIL: $pkg $target" >&2
      status=1
      break 2
    fi
  done
done
exit $status
