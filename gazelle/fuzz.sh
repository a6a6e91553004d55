#!/usr/bin/env bash
# Runs every fuzz target of the gazelle/ Go module for ${FUZZTIME:-15s} each.
# Exits non-zero as soon as one fails (a failing input is saved under the
# package's testdata/fuzz/ directory by `go test`).
#
# A duration budget can end in a bare "context deadline exceeded" that is not
# a finding: a race in Go's fuzz coordinator before Go 1.27
# (https://go.dev/issue/75804) reports a worker still busy at the deadline as
# a failure, and a loaded 2-core machine makes it likely. Such a run writes no
# failing input. It is re-run once with a count budget (-fuzztime Nx, which has
# no deadline to race) of the executions the first run reached; any other
# failure, or a failing input written, fails at once.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
fuzztime="${FUZZTIME:-15s}"

# fuzz_once PKG TARGET BUDGET LOG: one bounded run, its output also in LOG.
fuzz_once() {
  go test -run '^$' -fuzz "^${2}\$" -fuzztime "$3" "$1" 2>&1 | tee "$4"
  return "${PIPESTATUS[0]}"
}

# corpus_files PKG TARGET: the failing inputs go test has saved for TARGET.
corpus_files() {
  local dir
  dir="$(go list -f '{{.Dir}}' "$1")/testdata/fuzz/$2"
  if [[ -d "$dir" ]]; then find "$dir" -type f | sort; fi
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for pkg in $(go list ./...); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    echo "== $pkg $target ($fuzztime)"
    before=$(corpus_files "$pkg" "$target")
    if fuzz_once "$pkg" "$target" "$fuzztime" "$log"; then
      continue
    fi
    after=$(corpus_files "$pkg" "$target")
    execs=$(grep -o 'execs: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || true)
    if [[ "$before" == "$after" && -n "$execs" && "$execs" -gt 0 ]] &&
      grep -q '^    context deadline exceeded$' "$log" &&
      ! grep -q -e 'Failing input written' -e '^panic:' "$log"; then
      echo "-- $target: no failing input, only Go's fuzz deadline race (go.dev/issue/75804);" \
        "re-running with a count budget of ${execs} executions"
      if fuzz_once "$pkg" "$target" "${execs}x" "$log"; then
        continue
      fi
    fi
    echo "FAIL: $pkg $target" >&2
    status=1
    break 2
  done
done
exit $status
