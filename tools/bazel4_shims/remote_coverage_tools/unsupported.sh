#!/bin/sh
echo "coverage is not available with the offline Bazel 4.2.3 shims" >&2
exit 1
