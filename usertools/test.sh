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
# ASan + UBSan build with clang (so the libFuzzer targets come too): the unit tests,
# one forwarding run per engine over the hostile corpus, and every fuzzer for 3 s
# seeded with that corpus (docs/reliability.md)
asan_logs=()
if command -v clang >/dev/null || apt-get install -y -qq clang libclang-rt-dev >/dev/null 2>&1; then
    [ -f build-asan/build.ninja ] || CC=clang meson setup build-asan -Dsanitize=true > /dev/null || true
    mkdir -p build-asan
    if ninja -C build-asan > build-asan/build-output.txt 2>&1; then
        export ASAN_OPTIONS=abort_on_error=1:detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1
        meson test -C build-asan --no-rebuild --suite unit --logbase asan-unit --print-errorlogs > build-asan/test-output.txt 2>&1 || true
        meson test -C build-asan --no-rebuild hostile fuzz_short --logbase asan-fwd --print-errorlogs >> build-asan/test-output.txt 2>&1 || true
        grep -E "^ *[0-9]+/[0-9]+ " build-asan/test-output.txt || true
    else
        tail -20 build-asan/build-output.txt || true
    fi
    asan_logs=(build-asan/meson-logs/asan-unit.json build-asan/meson-logs/asan-fwd.json)
fi
python3 tests/summary.py build/meson-logs/testlog.json build-debug/meson-logs/testlog.json "${asan_logs[@]}"
