#!/usr/bin/env bash
# The main job (README's first command), on examples/monorepo:
#   1. build our Gazelle (gazelle/, plain `go build`);
#   2. copy the example, delete its generated BUILD files, and let Gazelle
#      write them again; show that they match the committed ones;
#   3. build the static binary with Bazel 7.7.1 (bzlmod) and run it.
# Bazel 7.7.1 runs in a Debian unstable root that tools/bazel7/setup.sh makes
# on first use (about 2 minutes, cached under $PYSTATIC_CACHE).
# Optional: PYTHON_VERSION=3.11 tools/demo.sh
set -euo pipefail

# shellcheck source=tools/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
VERSION=${PYTHON_VERSION:-3.12}
bash "$ROOT/tools/setup.sh"

step() { printf '\n== %s\n' "$*"; }

step "1. Building our Gazelle binary"
bash "$ROOT/gazelle/build.sh" "$PYSTATIC_GAZELLE"

step "2. Regenerating the example's BUILD files with Gazelle"
WORK="$CACHE/demo/monorepo"
bash "$ROOT/tools/gazelle_roundtrip.sh" "$ROOT/examples/monorepo" "$WORK" "$PYSTATIC_GAZELLE"

step "3. Building and running //app (Python $VERSION) with Bazel 7.7.1, bzlmod"
cd "$WORK"
"$ROOT/tools/bazel.sh" build //app --@rules_pystatic//toolchain:python_version="$VERSION" 2>&1 |
    grep -E "^(ERROR|FAILED|Target|  bazel-bin|INFO: Elapsed)" || true
"$ROOT/tools/bazel.sh" run //app --@rules_pystatic//toolchain:python_version="$VERSION" -- hello from a static binary 2>/dev/null
binary=$(readlink -f bazel-bin/app/app)
echo
echo "The binary: $binary ($(du -h "$binary" | cut -f1)); the extensions it links:"
# Built against the Bazel 7 root's glibc: it runs there.
PYSTATIC_DEBUG=1 bash "$ROOT/tools/bazel7/enter.sh" "$binary" >/dev/null 2>"$CACHE/demo/debug.txt" || true
grep -i -E "static|module" "$CACHE/demo/debug.txt" | head -20 || true
