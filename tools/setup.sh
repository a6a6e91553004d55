#!/usr/bin/env bash
# Installs what the README's two commands need on a fresh machine of ours
# (Debian 12, no internet but Debian's packages, PyPI and the Go proxy).
# Idempotent: a second run installs nothing and takes a second.
set -euo pipefail
# shellcheck source=tools/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# Bazel itself (7.7.1) comes from Debian's unstable suite, in a root of its
# own: tools/bazel7/setup.sh, which tools/bazel.sh runs on first use.
need_apt=()
command -v objcopy >/dev/null || need_apt+=(binutils)
command -v g++ >/dev/null || need_apt+=(g++)
# The standalone-toolchain test archive (tests/toolchain): zstd for .tar.zst,
# and the libraries its stdlib extension objects link.
command -v zstd >/dev/null || need_apt+=(zstd)
[[ -f /usr/lib/x86_64-linux-gnu/libz.a ]] || need_apt+=(zlib1g-dev)
[[ -f /usr/lib/x86_64-linux-gnu/libbz2.so ]] || need_apt+=(libbz2-dev)
[[ -f /usr/lib/x86_64-linux-gnu/libcrypt.so ]] || need_apt+=(libcrypt-dev)
if [[ ${#need_apt[@]} -gt 0 ]]; then
    echo "setup: installing ${need_apt[*]} from Debian" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

command -v go >/dev/null || {
    echo "setup: Go is not installed; these machines ship Go 1.26 in /usr/local/go" >&2
    exit 1
}

pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
missing=()
for version in 3.10 3.11 3.12 3.13; do
    compgen -G "$pyenv_root/versions/$version.*/bin/python$version" >/dev/null || missing+=("$version")
done
if [[ ${#missing[@]} -gt 0 ]]; then
    echo "setup: pyenv CPython ${missing[*]} not found under $pyenv_root/versions (the examples and tests build against 3.10-3.13)" >&2
    exit 1
fi
python3 -m pytest --version >/dev/null 2>&1 || python3 -m pip install --quiet pytest
