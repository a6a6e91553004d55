# Sourced by tools/bazel7/*.sh after tools/env.sh: where the Bazel 7 root is.
B7_DIR="$CACHE/bazel7"
B7_ROOT="$B7_DIR/root"      # the Debian unstable root file system
B7_WORK="$B7_DIR/work"      # Bazel 7's output user root, disk cache (same path inside)
B7_STUBS=/opt/pystatic-bazel7-stubs   # inside the root
