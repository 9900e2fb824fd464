#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install, build, and run the whole test suite; ends with "N passed, N failed".
# As root (the end-to-end tests make namespaces and taps).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/usertools/setup.sh" build
cd "$top"
meson test -C build --print-errorlogs --no-rebuild > build/test-output.txt 2>&1 || true
grep -E "^ *[0-9]+/[0-9]+ " build/test-output.txt || true
python3 tests/summary.py build/meson-logs/testlog.json
