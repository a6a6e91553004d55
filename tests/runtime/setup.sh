#!/usr/bin/env bash
# Installs the test-only Python packages the runtime tests build extension
# modules with (pybind11, nanobind: headers and sources; Cython: the compiler,
# run by the host python3).  Pinned; a no-op when the cache already holds
# exactly these versions.
#
#   bash tests/runtime/setup.sh
#
# Cache: ${PYSTATIC_CACHE:-$HOME/.cache/rules_pystatic}/runtime-pydeps/<host python X.Y>
set -euo pipefail

PINS=(pybind11==2.13.6 nanobind==2.4.0 Cython==3.0.11)

python=${PYTHON:-python3}
# The interpreter itself, not a pyenv shim: the shim's rehash after
# `pip install` fails where the shims are read-only (the Bazel 7 root).
python=$("$python" -c 'import sys; print(sys.executable)')
pyver=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
cache=${PYSTATIC_CACHE:-$HOME/.cache/rules_pystatic}
target="$cache/runtime-pydeps/$pyver"
stamp="$target/.pins"

if [[ -f "$stamp" ]] && [[ "$(cat "$stamp")" == "${PINS[*]}" ]]; then
    exit 0
fi

rm -rf "$target.tmp"
mkdir -p "$target.tmp"
"$python" -m pip install --quiet --no-input --disable-pip-version-check \
    --no-deps --target "$target.tmp" "${PINS[@]}"
printf '%s' "${PINS[*]}" >"$target.tmp/.pins"
rm -rf "$target"
mv "$target.tmp" "$target"
echo "runtime test dependencies installed in $target"
