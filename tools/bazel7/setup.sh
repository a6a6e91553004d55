#!/usr/bin/env bash
# Bazel 7.7.1 on a Debian 12 machine, offline but for Debian's archive.
#
# Debian 12 packages only Bazel 4.2.3. Debian's unstable suite (sid) packages
# bazel-bootstrap 7.7.1, which needs a newer glibc and libstdc++ than Debian 12
# has, so it runs in a sid root file system made with debootstrap and entered
# with chroot. That root also has CPython 3.14 and 3.15 with static libpython.
#
#   bash tools/bazel7/setup.sh          # make or refresh the root, mount, check
#   bash tools/bazel7/setup.sh down     # unmount everything it mounted
#
# The root lives in $PYSTATIC_CACHE/bazel7/root; a warm run only checks the
# mounts (about a second). tools/bazel7/enter.sh runs a command inside it.
# If the archive no longer offers bazel-bootstrap 7.x, this fails and says so:
# tools/test.sh counts the Bazel 7 lane as failed, never as passed.
set -euo pipefail
# shellcheck source=tools/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
# shellcheck source=tools/bazel7/paths.sh
source "$(dirname "${BASH_SOURCE[0]}")/paths.sh"

# Bumped when the stubs change, so a cached root is redone. A package added
# to the list below needs no bump: a warm run installs what is missing, and
# leaves the stamp alone, so checkouts with an older list keep the root as is.
RECIPE_VERSION=8
PACKAGES=(
    bazel-bootstrap build-essential ca-certificates
    libcrypt-dev  # CPython 3.10's libpython links -lcrypt
    libbz2-dev zlib1g-dev  # the standalone toolchain's test archive links them
    libyaml-dev   # tests/packages: PyYAML's static build links -lyaml
    libzstd-dev   # Debian's libpython3.15.a has _zstd built in: static links need -lzstd
    python3.14 libpython3.14-dev python3.15 libpython3.15-dev nginx iproute2
    bazel-stardoc  # docs/reference.md: tools/docs/generate.sh (stardoc 0.8.1)
)

log() { printf 'bazel7/setup: %s\n' "$*" >&2; }

unmount_all() {
    local m
    for m in $(awk -v r="$B7_ROOT" '$2 == r || index($2, r "/") == 1 {print $2}' /proc/mounts | sort -r); do
        umount -l "$m" 2>/dev/null || true
    done
}

if [[ ${1:-} == down ]]; then
    unmount_all
    exit 0
fi

if [[ $EUID -ne 0 ]]; then
    log "needs root (debootstrap, chroot and bind mounts); these machines run as root"
    exit 1
fi

make_root() {
    command -v debootstrap >/dev/null || {
        log "installing debootstrap from Debian"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null ||
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
    }
    unmount_all
    # The checkout and the cache are mounted inside: never delete through a
    # mount that is still there.
    if awk -v r="$B7_ROOT" '$2 == r || index($2, r "/") == 1 {found = 1} END {exit !found}' /proc/mounts; then
        log "$B7_ROOT still has mounts (see /proc/mounts); not deleting it"
        exit 1
    fi
    rm -rf --one-file-system "$B7_ROOT"
    mkdir -p "$B7_ROOT"
    log "debootstrap sid into $B7_ROOT (about a minute)"
    debootstrap --variant=minbase sid "$B7_ROOT" >"$B7_DIR/debootstrap.log" 2>&1 || {
        tail -20 "$B7_DIR/debootstrap.log" >&2
        log "debootstrap of Debian's unstable suite failed (see $B7_DIR/debootstrap.log)"
        exit 1
    }
}

mount_all() {
    # The root is a mount point of its own, private to this machine's
    # namespace, as a container's is: inside, `unshare -m` (tests that hide
    # every Python install) needs / to be a mount it can make private.
    # Recursive, so mounts made before this one stay visible.
    if ! mountpoint -q "$B7_ROOT"; then
        mount --rbind "$B7_ROOT" "$B7_ROOT"
        mount --make-rprivate "$B7_ROOT"
    fi
    mountpoint -q "$B7_ROOT/proc" || mount -t proc proc "$B7_ROOT/proc"
    mountpoint -q "$B7_ROOT/sys" || mount -t sysfs sysfs "$B7_ROOT/sys"
    if ! mountpoint -q "$B7_ROOT/dev"; then
        mount --rbind /dev "$B7_ROOT/dev"
        mount --make-rslave "$B7_ROOT/dev"
    fi
    # Same path inside as outside: the checkout, $PYSTATIC_CACHE (Bazel's
    # output root, the demo's and tests/packages' workspaces, test results),
    # /tmp (tests make workspaces there) and pyenv's CPythons (read-only).
    # The cache holds this root too; the bind is not recursive, so inside,
    # that directory is only files.
    # A mount can outlive its directory: a checkout deleted and cloned again
    # at the same path (CI's clones, a recreated worktree) leaves the old bind
    # showing the deleted directory inside, where every command then fails
    # (getcwd: No such file or directory). Such a stale bind is replaced.
    local src
    for src in "$ROOT" "$CACHE" /tmp; do
        mkdir -p "$src" "$B7_ROOT$src"
        if mountpoint -q "$B7_ROOT$src" &&
            [[ $(stat -c '%d:%i' "$src") != $(stat -c '%d:%i' "$B7_ROOT$src" 2>/dev/null) ]]; then
            log "replacing a stale mount of $src (its directory was deleted and made again)"
            umount -l "$B7_ROOT$src"
        fi
        mountpoint -q "$B7_ROOT$src" || mount --bind "$src" "$B7_ROOT$src"
    done
    if [[ -d $PYENV_ROOT ]]; then
        mkdir -p "$B7_ROOT$PYENV_ROOT"
        if ! mountpoint -q "$B7_ROOT$PYENV_ROOT"; then
            mount --bind "$PYENV_ROOT" "$B7_ROOT$PYENV_ROOT"
            mount -o remount,ro,bind "$B7_ROOT$PYENV_ROOT"
        fi
    fi
    cp -L /etc/resolv.conf "$B7_ROOT/etc/resolv.conf"
    # pip inside (pyenv's, for wheels that repository rules download) uses
    # the machine's index settings.
    if [[ -f /etc/pip.conf ]]; then cp -L /etc/pip.conf "$B7_ROOT/etc/pip.conf"; fi
}

# Installs the given packages, or the whole list.
install_packages() {
    local wanted=("$@")
    [[ ${#wanted[@]} -gt 0 ]] || wanted=("${PACKAGES[@]}")
    # A TLS-intercepting proxy's CA, if the machine has one (apt over https).
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        mkdir -p "$B7_ROOT/usr/local/share/ca-certificates"
        cp /usr/local/share/ca-certificates/*.crt "$B7_ROOT/usr/local/share/ca-certificates/"
    fi
    # The archive may serve a frozen snapshot whose Release has expired.
    echo 'Acquire::Check-Valid-Until "false";' >"$B7_ROOT/etc/apt/apt.conf.d/99pystatic-no-valid-until"
    chroot "$B7_ROOT" apt-get update -qq
    local candidate
    candidate=$(chroot "$B7_ROOT" apt-cache policy bazel-bootstrap | awk '/Candidate:/ {print $2}')
    if [[ $candidate != 7.* ]]; then
        log "Debian's unstable suite offers bazel-bootstrap '${candidate:-none}', not 7.x:"
        log "the Bazel 7 lane cannot run on this machine (see tools/bazel7/README.md)"
        exit 1
    fi
    log "installing ${wanted[*]} (the whole list: about 650 MB, 1 to 4 minutes)"
    chroot "$B7_ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${wanted[@]}" >"$B7_DIR/apt.log" 2>&1 || {
        tail -20 "$B7_DIR/apt.log" >&2
        log "apt-get install in the sid root failed (see $B7_DIR/apt.log)"
        exit 1
    }
    chroot "$B7_ROOT" update-ca-certificates >/dev/null 2>&1 || true
    chroot "$B7_ROOT" apt-get clean
}

# Modules that @bazel_tools asks for and Debian does not package. Debian's
# /etc/bazel/bazelrc overrides the ones it does package (platforms, rules_cc,
# rules_java, rules_python, bazel_skylib, ...) with copies under
# /usr/share/bazel; these stubs answer the rest, offline.
write_stubs() {
    local s="$B7_ROOT$B7_STUBS"
    rm -rf "$s"
    mkdir -p "$s"/{zlib,protobuf,buildozer,apple_support}
    echo 'module(name = "zlib", version = "1.3.1.bcr.3")' >"$s/zlib/MODULE.bazel"
    cat >"$s/zlib/BUILD.bazel" <<'BUILD'
cc_library(name = "zlib", linkopts = ["-lz"], visibility = ["//visibility:public"])
alias(name = "z", actual = ":zlib", visibility = ["//visibility:public"])
BUILD
    echo 'module(name = "protobuf", version = "3.19.6")' >"$s/protobuf/MODULE.bazel"
    echo 'module(name = "apple_support", version = "1.23.1")' >"$s/apple_support/MODULE.bazel"
    echo 'module(name = "buildozer", version = "7.1.2")' >"$s/buildozer/MODULE.bazel"
    touch "$s/protobuf/BUILD.bazel" "$s/apple_support/BUILD.bazel" "$s/buildozer/BUILD.bazel"
    cat >"$s/buildozer/buildozer_binary.bzl" <<'BZL'
def _stub_repo_impl(rctx):
    rctx.file("BUILD.bazel", "")
    rctx.file("WORKSPACE", "")

_stub_repo = repository_rule(implementation = _stub_repo_impl)

def _ext_impl(_mctx):
    _stub_repo(name = "buildozer_binary")

buildozer_binary = module_extension(implementation = _ext_impl)
BZL
    # /etc/bazel/bazelrc try-imports /etc/bazel.bazelrc.
    {
        echo "# tools/bazel7/setup.sh: offline stubs for @bazel_tools' dependencies"
        for m in zlib protobuf buildozer apple_support; do
            echo "common --override_module=$m=$B7_STUBS/$m"
        done
    } >"$B7_ROOT/etc/bazel.bazelrc"
}

# Packages of the list that the root does not have (a list that grew since
# the root was made).
missing_packages() {
    local installed
    installed=$(chroot "$B7_ROOT" dpkg-query -W -f='${Package} ${db:Status-Status}\n' 2>/dev/null |
        awk '$2 == "installed" {print $1}')
    local p
    for p in "${PACKAGES[@]}"; do
        grep -qxF "$p" <<<"$installed" || printf '%s ' "$p"
    done
}

mkdir -p "$B7_DIR"
stamp="$B7_ROOT/.pystatic-recipe"
if [[ ! -f $stamp || $(cat "$stamp") != "$RECIPE_VERSION" ]]; then
    t0=$SECONDS
    [[ -x $B7_ROOT/usr/bin/apt-get ]] || make_root
    mount_all
    install_packages
    write_stubs
    touch "$B7_ROOT/.pystatic-bazel7"
    echo "$RECIPE_VERSION" >"$stamp"
    log "sid root ready in $((SECONDS - t0)) s"
else
    mount_all
    # Only the missing ones: the others stay at the versions the root has.
    read -ra missing <<<"$(missing_packages)"
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "the root lacks ${missing[*]} (the package list grew)"
        install_packages "${missing[@]}"
    fi
fi

version=$(chroot "$B7_ROOT" bazel --version 2>/dev/null || true)
if [[ $version != "bazel 7."* ]]; then
    log "bazel in the sid root says '${version:-nothing}', expected bazel 7.x"
    exit 1
fi
