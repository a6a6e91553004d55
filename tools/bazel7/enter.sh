#!/usr/bin/env bash
# Runs a command inside the Bazel 7 root (tools/bazel7/setup.sh), in the same
# directory, with the same PYSTATIC_* and test variables:
#   bash tools/bazel7/enter.sh bazel build //...
# The current directory must be under the checkout, $PYSTATIC_CACHE or /tmp:
# those are mounted at the same path inside.
# Inside the root already (tools/bazel.sh calls this from both sides), it just
# runs the command.
set -euo pipefail
if [[ -f /.pystatic-bazel7 ]]; then
    exec "$@"
fi
# shellcheck source=tools/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
# shellcheck source=tools/bazel7/paths.sh
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"
bash "$ROOT/tools/bazel7/setup.sh"

# Only what a build or test needs crosses over; the host's PATH does not
# (its Go and compilers are for Debian 12). pyenv comes first so that python3
# is the one with pytest; /usr/bin has sid's gcc and bazel.
env_args=(
    HOME="$HOME" USER="${USER:-root}" LANG=C.UTF-8 TERM="${TERM:-dumb}"
    PATH="$PYENV_ROOT/shims:$PYENV_ROOT/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
    PYENV_ROOT="$PYENV_ROOT" PYSTATIC_CACHE="$CACHE"
)
while IFS='=' read -r name _; do
    case $name in
    PYSTATIC_* | PYTEST_* | PIP_* | FUZZTIME | TMPDIR) env_args+=("$name=${!name}") ;;
    esac
done < <(env)
exec chroot "$B7_ROOT" /usr/bin/env -i "${env_args[@]}" /bin/bash -c 'cd "$1" && shift && exec "$@"' enter "$PWD" "$@"
