# Sourced by tools/setup.sh, tools/test.sh and tools/demo.sh: the environment
# they share. Sets ROOT and CACHE, and puts Go on PATH where these machines
# install it (/usr/local/go) and pyenv's shims first, even when a fresh
# shell does not have them.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${PYSTATIC_CACHE:-$HOME/.cache/rules_pystatic}
if ! command -v go >/dev/null 2>&1; then
    for dir in /usr/local/go/bin /usr/lib/go/bin; do
        if [[ -x "$dir/go" ]]; then
            PATH="$dir:$PATH"
            break
        fi
    done
fi
# pyenv's python3 (with pytest) rather than Debian's externally managed one.
PYENV_ROOT=${PYENV_ROOT:-$HOME/.pyenv}
if [[ -d "$PYENV_ROOT/shims" && ":$PATH:" != *":$PYENV_ROOT/shims:"* ]]; then
    PATH="$PYENV_ROOT/shims:$PYENV_ROOT/bin:$PATH"
fi
# Per checkout, so that two checkouts testing at once (a helper's worktree
# beside main) never read each other's results or Gazelle build: the test
# summaries and the Gazelle binary built from this checkout's sources.
PYSTATIC_RESULTS=${PYSTATIC_RESULTS:-$ROOT/test-results}
PYSTATIC_GAZELLE=${PYSTATIC_GAZELLE:-$ROOT/gazelle/bin/gazelle}
export PATH PYENV_ROOT PYSTATIC_CACHE="$CACHE" PYSTATIC_RESULTS PYSTATIC_GAZELLE
