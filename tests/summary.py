#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Count every TAP check of one or more meson test runs (build/meson-logs/testlog.json
by default; usertools/test.sh passes the debug build's log too) and print
'N passed, N failed, N skipped'.  A test program that failed without reporting a
failing check counts as one failure itself, and so do a TAP "Bail out!", a
program skipped as a whole (nothing tested: an EAL that did not come up must
never pass for a skip) and a missing log.  Exits 1 when anything failed."""

import json
import re
import sys


def count(log, where):
    """(passed, failed, skipped) of one testlog.json; prints each failure."""
    passed = failed = skipped = 0
    try:
        f = open(log)
    except OSError as e:
        print(f"FAILED (no test log): {log}: {e.strerror}")
        return 0, 1, 0
    with f:
        for line in f:
            if not line.strip():
                continue
            t = json.loads(line)
            out = t.get("stdout") or ""
            p = f_ = s = 0
            for ln in out.splitlines():
                if re.match(r"^not ok\b", ln) or ln.startswith("Bail out!"):
                    f_ += 1
                elif re.match(r"^ok\b", ln):
                    if re.search(r"#\s*SKIP", ln, re.I):
                        s += 1
                    else:
                        p += 1
            result = t.get("result", "")
            if result in ("FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS") and f_ == 0:
                f_ = 1
                print(f"FAILED (no failing check reported): {where}{t.get('name')} [{result}]")
            if result == "SKIP" and p + f_ + s == 0:
                f_ = 1
                print(f"FAILED (skipped as a whole, nothing tested): {where}{t.get('name')}")
            if f_:
                print(f"FAILED: {where}{t.get('name')}: {f_} check(s)")
            passed += p
            failed += f_
            skipped += s
    return passed, failed, skipped


logs = sys.argv[1:] or ["build/meson-logs/testlog.json"]
totals = [0, 0, 0]
for log in logs:
    # name the build dir in failure lines when several runs are counted
    where = "" if len(logs) == 1 else log.split("/")[0] + ": "
    for i, n in enumerate(count(log, where)):
        totals[i] += n
print(f"{totals[0]} passed, {totals[1]} failed, {totals[2]} skipped")
sys.exit(1 if totals[1] else 0)
