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
# the unit tests again in the debug build (libskb's misuse checks compiled in)
[ -f build-debug/build.ninja ] || meson setup build-debug -Dskb_debug=true > /dev/null || true
meson test -C build-debug --suite unit --print-errorlogs > build-debug/test-output.txt 2>&1 || true
grep -E "^ *[0-9]+/[0-9]+ " build-debug/test-output.txt || true
python3 tests/summary.py build/meson-logs/testlog.json build-debug/meson-logs/testlog.json
