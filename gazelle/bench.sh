#!/usr/bin/env bash
# The py_static language's cost on a generated monorepo, against the same
# Gazelle run without it. Arguments go to the benchmark, e.g.:
#
#   gazelle/bench.sh -dirs 10000 -runs 3 -json bench/results/gazelle.json
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
exec go run ./gazelle/cmd/pystatic-bench "$@"
