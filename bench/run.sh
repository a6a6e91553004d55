#!/usr/bin/env bash
# The rules_pystatic benchmarks (issue 6): one command, every setup in one run.
#
#   bash bench/run.sh            # full: N = 1, 100, 1000, 5000; Gazelle on
#                                # 10,000 directories; Bazel with 500 extensions
#   bash bench/run.sh --quick    # smoke test (N = 1, 100; small Gazelle and
#                                # Bazel runs): 16 min measured without
#                                # Gazelle, at a load average of 30
#   bash bench/run.sh --help     # every option
#
# The Bazel, single-file and PyInstaller parts run inside the Bazel 7 root
# (tools/bazel7/; bench/root.py), where Bazel 7.7.1 builds and the binaries
# run; the root is made first if it is missing (tools/bazel7/setup.sh).
#
# Installs what it needs first: valgrind (Debian), matplotlib (PyPI, into the
# cache) and the runtime harness's pinned packages (tests/runtime/setup.sh).
# Writes bench/results/*.json, docs/benchmarks.md and docs/benchmarks/*.png.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cache=${PYSTATIC_CACHE:-$HOME/.cache/rules_pystatic}
python=${PYTHON:-python3}
MATPLOTLIB=matplotlib==3.9.2

if ! command -v valgrind >/dev/null || ! [[ -f /usr/include/valgrind/callgrind.h && -x /usr/bin/time ]]; then
    echo "bench: installing valgrind and GNU time" >&2
    sudo_=""
    [[ $(id -u) == 0 ]] || sudo_=sudo
    $sudo_ apt-get update -qq >/dev/null
    $sudo_ apt-get install -y -qq valgrind time >/dev/null
fi

pyver=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
pydeps="$cache/bench-pydeps/$pyver"
if [[ "$(cat "$pydeps/.pins" 2>/dev/null)" != "$MATPLOTLIB" ]]; then
    echo "bench: installing $MATPLOTLIB into $pydeps" >&2
    rm -rf "$pydeps.tmp"
    PIP_ROOT_USER_ACTION=ignore "$python" -m pip install --quiet --no-input --disable-pip-version-check --no-warn-conflicts \
        --target "$pydeps.tmp" "$MATPLOTLIB"
    printf '%s' "$MATPLOTLIB" >"$pydeps.tmp/.pins"
    rm -rf "$pydeps"
    mv "$pydeps.tmp" "$pydeps"
fi

bash tests/runtime/setup.sh

PYTHONPATH="$pydeps${PYTHONPATH:+:$PYTHONPATH}" exec "$python" bench/run.py "$@"
