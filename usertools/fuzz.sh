#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Fuzz skbfwd: build the clang ASan+UBSan tree (build-asan) if needed, then run the
# skb-API fuzzer and the engine fuzzer once per engine, each for SECONDS (default 60),
# seeded with the hostile corpus.  Prints one TAP line per target with its exec count;
# grown corpora and any crash input are kept under KEEP_DIR (default build-asan/fuzz-out).
#   usertools/fuzz.sh [SECONDS]            (as root: DPDK's runtime directory)
#   FUZZ_RUNS=N      N executions per target (libFuzzer -runs) instead of SECONDS
#   FUZZ_ONLY=L,...  only the targets of these TAP labels ("fuzz_skb", "fuzz_engine io", ...)
#   FUZZ_PID_FILE=F  the PID of the fuzzer running, to pause it (SIGSTOP/SIGCONT)
# A corpus kept in KEEP_DIR seeds the next run.  Long runs: nice -n 19 usertools/fuzz.sh
# Re-run one crash:  FUZZ_ENGINE=<engine> build-asan/tests/fuzz/fuzz_engine <crash-file>
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
cd "$top"
# the Debian packages (clang among them), then the clang ASan+UBSan tree
CC=clang "$top/usertools/setup.sh" build-asan -Dsanitize=true
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=0}
exec python3 tests/fuzz/run_fuzz.py --seconds "$seconds" --bin-dir build-asan/tests/fuzz \
    --skbfwd build-asan/app/skbfwd/skbfwd --keep "${KEEP_DIR:-build-asan/fuzz-out}" \
    ${FUZZ_RUNS:+--runs "$FUZZ_RUNS"} ${FUZZ_ONLY:+--only "$FUZZ_ONLY"} \
    ${FUZZ_PID_FILE:+--pid-file "$FUZZ_PID_FILE"}
