#!/usr/bin/env bash
# Runs Bazel 4.2.3 (Debian's bazel-bootstrap) offline, the way CI does:
#   tools/bazel.sh [bazel command and arguments]    (run in any workspace)
#
# - the shim repositories of tools/bazel4_shims replace rules_cc, rules_java,
#   rules_proto and remote_coverage_tools, which Bazel 4.2.3 would download;
# - @rules_pystatic is this checkout, so examples/ use the rules as they are;
# - $PYSTATIC_PYTHON_3_X points each toolchain at a pyenv CPython;
# - the output base lives under $PYSTATIC_CACHE (default ~/.cache/rules_pystatic)
#   so a second run, and CI on the same machine, reuse it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${PYSTATIC_CACHE:-$HOME/.cache/rules_pystatic}
SHIMS="$ROOT/tools/bazel4_shims"
mkdir -p "$CACHE"

rc="$CACHE/bazel4.bazelrc"
{
    for cmd in build query fetch sync; do
        for repo in rules_cc rules_java rules_proto rules_python remote_coverage_tools; do
            echo "$cmd --override_repository=$repo=$SHIMS/$repo"
        done
        echo "$cmd --override_repository=rules_pystatic=$ROOT"
        # Test-only: this repository's analysis tests use skylib's unittest.bzl.
        if [[ -f /usr/share/bazel/tools/skylib/lib/unittest.bzl ]]; then
            echo "$cmd --override_repository=bazel_skylib=/usr/share/bazel/tools/skylib"
        fi
    done
    pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
    for dir in "$pyenv_root"/versions/3.*; do
        [[ -x "$dir/bin/python3" ]] || continue
        version=$(basename "$dir")
        minor=${version#3.}
        minor=${minor%%.*}
        [[ "$minor" =~ ^[0-9]+$ ]] || continue
        for cmd in build query fetch sync; do
            echo "$cmd --repo_env=PYSTATIC_PYTHON_3_${minor}=$dir/bin/python3.${minor}"
        done
    done
    # Quiet, cacheable, and no network: Debian's linux-sandbox prints pages of
    # debug lines per action; the process-wrapper sandbox does not.
    echo "build --spawn_strategy=processwrapper-sandbox"
    echo "build --disk_cache=$CACHE/disk-cache"
    echo "build --repository_cache=$CACHE/repository-cache"
    echo "build --show_progress_rate_limit=30"
    echo "build --color=no --curses=no"
    echo "test --test_output=errors"
} >"$rc.tmp"
mv -f "$rc.tmp" "$rc"

if ! command -v bazel >/dev/null; then
    echo "tools/bazel.sh: bazel is not installed; run tools/setup.sh (installs Debian's bazel-bootstrap, Bazel 4.2.3)" >&2
    exit 1
fi
exec bazel --bazelrc="$rc" --output_user_root="$CACHE/bazel-root" "$@"
