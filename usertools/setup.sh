#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install what skbfwd needs from Debian (only what is missing), then build it.
# Usage: usertools/setup.sh [BUILD_DIR] [meson options...]   (as root)
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
shift || true

pkgs=(libdpdk-dev dpdk dpdk-dev meson ninja-build pkg-config libnuma-dev python3
      python3-pyelftools gcc libpcap-dev iproute2
      socat iputils-ping tshark procps util-linux ethtool    # real-peer tests (tests/fwd/test_peer_*.py)
      valgrind gnuplot-nox dpdk-doc    # perf harness: callgrind, chart, l2fwd/l3fwd sources
      clang libclang-rt-14-dev)        # test.sh: the ASan+UBSan build and its libFuzzer targets
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "skbfwd setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cd "$top"
# meson's summary only when it fails; the compiler's warnings and errors always
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [ ! -f "$build/build.ninja" ]; then
    meson setup "$build" "$@" > "$log" 2>&1 || { cat "$log"; exit 1; }
else
    # a build dir made before the project defaulted to a relocatable libskb.pc
    # (the out-of-tree example test builds against an install moved by --destdir)
    meson configure "$build" -Dpkgconfig.relocatable=true "$@" > "$log" 2>&1 ||
        { cat "$log"; exit 1; }
fi
ninja -C "$build"
echo "skbfwd setup: built in $top/$build"
