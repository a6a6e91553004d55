#!/usr/bin/env bash
# The py_static language's cost on a generated monorepo, against the same
# Gazelle run without it. Arguments go to the benchmark, e.g.:
#
#   gazelle/bench.sh -dirs 10000 -runs 3 -json bench/results/gazelle.json
set -euo pipefail
# gazelle/ is its own Go module: the benchmark is built there (into
# gazelle/bin/, like build.sh's binary) and run from the current directory, so
# relative paths in the arguments mean what they say.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
(cd "$here" && go build -o "$here/bin/pystatic-bench" ./cmd/pystatic-bench)
exec "$here/bin/pystatic-bench" "$@"
