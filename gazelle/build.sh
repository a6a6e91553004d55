#!/usr/bin/env bash
# Builds a gazelle binary that includes the py_static language, without Bazel.
#
#   gazelle/build.sh [OUTPUT]      (default: gazelle/bin/gazelle)
#
# gazelle/ is its own Go module (gazelle/go.mod). Dependencies come from the
# Go module cache, filled from the Go module proxy on first use (GOPROXY as
# configured; GOFLAGS=-mod=mod is not needed because go.sum pins every module).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:-$here/bin/gazelle}"
case "$out" in
  /*) ;;
  *) out="$PWD/$out" ;;
esac

cd "$here"
go mod download
CGO_ENABLED=0 go build -trimpath -o "$out" ./cmd/gazelle
echo "built $out"
