#!/usr/bin/env bash
# Builds a gazelle binary that includes the py_static language, without Bazel.
#
#   gazelle/build.sh [OUTPUT]      (default: gazelle/bin/gazelle)
#
# Dependencies come from the Go module cache, filled from the Go module proxy
# on first use (GOPROXY as configured; GOFLAGS=-mod=mod is not needed because
# go.sum pins every module).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="${1:-$root/gazelle/bin/gazelle}"
case "$out" in
  /*) ;;
  *) out="$PWD/$out" ;;
esac

cd "$root"
go mod download
CGO_ENABLED=0 go build -trimpath -o "$out" ./gazelle/cmd/gazelle
echo "built $out"
