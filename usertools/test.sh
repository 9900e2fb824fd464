#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Install, build, and run the whole test suite; ends with "N passed, N failed".
# As root (the end-to-end tests make namespaces and taps).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/usertools/setup.sh" build
cd "$top"
# a log an earlier run left must never stand in for a run that did not happen:
# a run that cannot be done leaves no log, and tests/summary.py fails a missing log
debug_log=build-debug/meson-logs/testlog.json
asan_logs=(build-asan/meson-logs/asan-unit.json build-asan/meson-logs/asan-fwd.json)
static_log=build-static/meson-logs/static.json
rm -f build/meson-logs/testlog.json "$debug_log" "${asan_logs[@]}" "$static_log"
meson test -C build --print-errorlogs --no-rebuild > build/test-output.txt 2>&1 || true
grep -E "^ *[0-9]+/[0-9]+ " build/test-output.txt || true
# the unit tests again in the debug build (libskb's misuse checks compiled in), and
# the out-of-tree example against that install (libskb.pc must carry -DSKB_DEBUG)
if [ -f build-debug/build.ninja ] || meson setup build-debug -Dskb_debug=true > /dev/null; then
    meson test -C build-debug --suite unit --suite example --print-errorlogs > build-debug/test-output.txt 2>&1 || true
    grep -E "^ *[0-9]+/[0-9]+ " build-debug/test-output.txt || true
else
    echo "test.sh: FAILED: meson setup build-debug (above); its unit tests count as failed" >&2
fi
# skbfwd with DPDK linked in (-Ddpdk_link=static, README): its own check (no DPDK .so
# needed, every listed PMD linked) and forwarding runs of the engines the performance
# figures measure; only skbfwd and dut-tick are built there
if { [ -f build-static/build.ninja ] || meson setup build-static -Ddpdk_link=static > /dev/null; } &&
   ninja -C build-static app/skbfwd/skbfwd tests/dut-tick > build-static/build-output.txt 2>&1; then
    meson test -C build-static --no-rebuild --logbase static --print-errorlogs static_link \
        golden_l2 golden_l3fwd golden_l3fwd_x4 golden_l3fwd6 golden_rxonly golden_txonly \
        peer_l3fwd peer_telemetry > build-static/test-output.txt 2>&1 || true
    grep -E "^ *[0-9]+/[0-9]+ " build-static/test-output.txt || true
else
    tail -20 build-static/build-output.txt 2>/dev/null || true
    echo "test.sh: FAILED: the -Ddpdk_link=static build (build-static); its tests count as failed" >&2
fi
# ASan + UBSan build with clang (so the libFuzzer targets come too): the unit tests,
# one forwarding run per engine over the hostile corpus, and every fuzzer for 3 s
# seeded with that corpus (docs/reliability.md).  setup.sh installs clang; without
# it, or when this build fails, the ASan part counts as failed, never as absent.
if ! command -v clang > /dev/null; then
    echo "test.sh: FAILED: clang is missing (usertools/setup.sh installs clang and" \
         "libclang-rt-14-dev); the ASan+UBSan run counts as failed" >&2
elif ! { [ -f build-asan/build.ninja ] || CC=clang meson setup build-asan -Dsanitize=true > /dev/null; } ||
     ! ninja -C build-asan > build-asan/build-output.txt 2>&1; then
    tail -20 build-asan/build-output.txt 2>/dev/null || true
    echo "test.sh: FAILED: the clang ASan+UBSan build (build-asan); its tests count as failed" >&2
else
    export ASAN_OPTIONS=abort_on_error=1:detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1
    meson test -C build-asan --no-rebuild --suite unit --logbase asan-unit --print-errorlogs > build-asan/test-output.txt 2>&1 || true
    meson test -C build-asan --no-rebuild hostile fuzz_short skb_hello --logbase asan-fwd --print-errorlogs >> build-asan/test-output.txt 2>&1 || true
    grep -E "^ *[0-9]+/[0-9]+ " build-asan/test-output.txt || true
fi
python3 tests/summary.py build/meson-logs/testlog.json "$debug_log" "$static_log" "${asan_logs[@]}"
