#!/usr/bin/env bash
# Real PyPI packages built statically and tested with their own suites.
#   bash tests/packages/run.sh --quick   # CI subset: corpus.QUICK on Python 3.12 and 3.15 (Debian's, in the Bazel 7 root)
#   bash tests/packages/run.sh           # every package, Python 3.12 and 3.11
# Other options go to harness.py (--only a,b  --python 3.11  --no-pip  --docs-only);
# --python 3.14,3.15 are Debian's python3.14/3.15 in the Bazel 7 root (pip runs there too).
# Writes docs/packages.md; caches under ${PYSTATIC_CACHE:-~/.cache/rules_pystatic}/packages.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${PYSTATIC_CACHE:-$HOME/.cache/rules_pystatic}
bash "$ROOT/tools/setup.sh"
bash "$ROOT/tools/bazel7/setup.sh"
# Bazel (7.7.1) runs in the Debian unstable root of tools/bazel7 (tools/bazel.sh
# enters it; its PACKAGES have libyaml-dev for PyYAML's static build); Gazelle,
# pip and the comparison run here. Debian packages the pip builds need here:
# libyaml for PyYAML's extension; cmake for optree (setup.py runs cmake) and
# fast-dedup (scikit-build-core), whose static builds do not use it.
if ! dpkg -s libyaml-dev cmake >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq libyaml-dev cmake >/dev/null
fi
# $PYSTATIC_PACKAGES_CACHE: the harness's own directory instead (harness.py).
PACKAGES=${PYSTATIC_PACKAGES_CACHE:-$CACHE/packages}
# This checkout's Gazelle, never one shared with another checkout.
gazelle=${PYSTATIC_GAZELLE:-$ROOT/gazelle/bin/gazelle}
bash "$ROOT/gazelle/build.sh" "$gazelle" >/dev/null
exec python3 "$ROOT/tests/packages/harness.py" --gazelle "$gazelle" "$@"
