#!/usr/bin/env bash
# Runs Bazel 7.7.1 offline, the way the tests and CI do:
#   tools/bazel.sh [bazel command and arguments]    (run in any workspace)
#
# Bazel 7.7.1 is Debian unstable's bazel-bootstrap, which runs in a Debian
# unstable root (tools/bazel7/setup.sh makes it, cached under $PYSTATIC_CACHE).
# Called from the host, this re-runs itself inside that root; binaries Bazel
# builds there link sid's glibc, so run them inside too (tools/bazel7/enter.sh,
# or `bazel run`).
#
# PYSTATIC_BAZEL_MODE picks how the workspace is read:
#   bzlmod     (default) MODULE.bazel only, --noenable_workspace, with the
#              Bazel 8/9 defaults that 7.7.1 has flags for (docs/bazel_versions.md)
#   bzlmod7    MODULE.bazel with Bazel 7.7.1's own defaults
#   workspace  WORKSPACE only (--noenable_bzlmod); Debian's copies of
#              rules_cc, rules_python, ... stand in for downloads
# Either way:
# - @rules_pystatic is this checkout, so examples and test workspaces use
#   the rules as they are;
# - $PYSTATIC_PYTHON_3_X points each toolchain at a CPython: pyenv's 3.10-3.13
#   and Debian unstable's 3.14 and 3.15;
# - the output root and disk cache live under $PYSTATIC_CACHE/bazel7/work.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ ! -f /.pystatic-bazel7 ]]; then
    exec bash "$ROOT/tools/bazel7/enter.sh" bash "$ROOT/tools/bazel.sh" "$@"
fi
CACHE=${PYSTATIC_CACHE:-$HOME/.cache/rules_pystatic}
WORK="$CACHE/bazel7/work"
MODE=${PYSTATIC_BAZEL_MODE:-bzlmod}
mkdir -p "$WORK"

# The workspace Bazel will use: the nearest directory up with a boundary file.
workspace_root() {
    local dir=$PWD
    while [[ $dir != / ]]; do
        for f in MODULE.bazel REPO.bazel WORKSPACE WORKSPACE.bazel; do
            [[ -f $dir/$f ]] && { echo "$dir"; return; }
        done
        dir=$(dirname "$dir")
    done
}

# Bazel 8 and 9 defaults that Bazel 7.7.1 can switch on (docs/bazel_versions.md
# says what each checks, and which ones Debian's rules_cc 0.0.11 and
# rules_python 0.22 cannot take).
FUTURE_FLAGS=(
    --incompatible_disallow_empty_glob
    --incompatible_use_plus_in_repo_names
    --incompatible_disable_native_repo_rules
    --incompatible_config_setting_private_default_visibility
    --incompatible_disable_starlark_host_transitions
    --incompatible_no_implicit_file_export
    --incompatible_disable_target_provider_fields
    --incompatible_struct_has_no_methods
    --incompatible_strict_action_env
    --incompatible_auto_exec_groups
    --incompatible_check_visibility_for_toolchains
    --incompatible_top_level_aspects_require_providers
)

ws=$(workspace_root)
rc_tmp="$WORK/bazel7-$MODE.bazelrc.tmp.$$"
{
    case $MODE in
    bzlmod | bzlmod7)
        echo "common --enable_bzlmod --noenable_workspace --lockfile_mode=off"
        # A consumer module (a test's copy of an example): the rules are this
        # checkout, whatever its local_path_override says.
        if [[ $ws != "$ROOT" ]] && grep -qs '"rules_pystatic"' "$ws/MODULE.bazel"; then
            echo "common --override_module=rules_pystatic=$ROOT"
        fi
        # stardoc, a dev dependency of rules_pystatic (tools/docs): Debian's
        # bazel-stardoc, which Debian's bazelrc does not override itself.
        # Only in this module: Bazel refuses an override of a module that is
        # not in the graph, as in every other workspace.
        if [[ $ws == "$ROOT" && -d /usr/share/bazel/tools/stardoc ]]; then
            echo "common --override_module=stardoc=/usr/share/bazel/tools/stardoc"
        fi
        if [[ $MODE == bzlmod ]]; then
            for flag in "${FUTURE_FLAGS[@]}"; do echo "common $flag"; done
        fi
        ;;
    workspace)
        echo "common --noenable_bzlmod --enable_workspace"
        echo "common --override_repository=rules_pystatic=$ROOT"
        # Debian's packaged rules, which /etc/bazel/bazelrc gives bzlmod as
        # module overrides; WORKSPACE mode needs them as repositories.
        for pair in rules_cc=rules/cc rules_python=rules/python rules_java=rules/java \
            rules_proto=rules/proto platforms=tools/platforms bazel_skylib=tools/skylib \
            rules_license=rules/license; do
            echo "common --override_repository=${pair%%=*}=/usr/share/bazel/${pair#*=}"
        done
        ;;
    *)
        echo "tools/bazel.sh: PYSTATIC_BAZEL_MODE=$MODE: use bzlmod, bzlmod7 or workspace" >&2
        exit 2
        ;;
    esac
    pyenv_root=${PYENV_ROOT:-$HOME/.pyenv}
    for py in "$pyenv_root"/versions/3.*/bin/python3.[0-9]* /usr/bin/python3.14 /usr/bin/python3.15; do
        [[ -x $py && $py =~ python3\.([0-9]+)$ ]] || continue
        echo "common --repo_env=PYSTATIC_PYTHON_3_${BASH_REMATCH[1]}=$py"
    done
    # Debian's linux-sandbox prints pages of debug lines per action and is
    # not usable in a chroot; the process-wrapper sandbox is.
    echo "build --spawn_strategy=processwrapper-sandbox"
    echo "build --disk_cache=$WORK/disk-cache"
    echo "common --repository_cache=$WORK/repository-cache"
    echo "common --show_progress_rate_limit=30 --color=no --curses=no"
    echo "test --test_output=errors"
} >"$rc_tmp"
# Named by its content: tests and other checkouts run this script at the same
# time with the same $WORK, and one must never read another's flags (its
# --override_module points at another checkout). The same workspace gets the
# same file every time, so Bazel's server keeps its startup options.
rc="$WORK/bazel7-$MODE-$(sha256sum "$rc_tmp" | cut -c1-16).bazelrc"
mv -f "$rc_tmp" "$rc"

# Debian's Bazel finds its zstd-jni (for .tar.zst archives, e.g.
# python-build-standalone's) only with the library path given; Bazel's own
# release binaries embed it.
exec bazel --bazelrc="$rc" --output_user_root="$WORK/root" \
    --host_jvm_args=-Djava.library.path=/usr/share/bazel:/usr/lib/x86_64-linux-gnu "$@"
