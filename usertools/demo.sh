#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install, build, and run skbfwd for about 10 seconds on two net_null ports
# (io engine unless ENGINE is set), with statistics every 2 seconds.  As root.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/usertools/setup.sh" build
prefix="skbfwd_demo_$$"
trap 'rm -rf "/var/run/dpdk/$prefix"' EXIT
"$top/build/app/skbfwd/skbfwd" -l 0,1 --no-huge --no-pci -m 512 --file-prefix "$prefix" \
    --vdev net_null0 --vdev net_null1 -- \
    --forward-mode="${ENGINE:-io}" --stats-period=2 --duration=10
