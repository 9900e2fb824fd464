#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Count every TAP check of a meson test run (build/meson-logs/testlog.json) and
print 'N passed, N failed, N skipped'.  A test program that failed without
reporting a failing check counts as one failure itself."""

import json
import re
import sys

log = sys.argv[1] if len(sys.argv) > 1 else "build/meson-logs/testlog.json"
passed = failed = skipped = 0
with open(log) as f:
    for line in f:
        if not line.strip():
            continue
        t = json.loads(line)
        out = t.get("stdout") or ""
        p = f_ = s = 0
        for ln in out.splitlines():
            if re.match(r"^not ok\b", ln):
                f_ += 1
            elif re.match(r"^ok\b", ln):
                if re.search(r"#\s*SKIP", ln, re.I):
                    s += 1
                else:
                    p += 1
        result = t.get("result", "")
        if result in ("FAIL", "TIMEOUT", "ERROR", "UNEXPECTEDPASS") and f_ == 0:
            f_ = 1
            print(f"FAILED (no failing check reported): {t.get('name')} [{result}]")
        if result == "SKIP" and p + f_ + s == 0:
            s = 1
        if f_:
            print(f"FAILED: {t.get('name')}: {f_} check(s)")
        passed += p
        failed += f_
        skipped += s
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed else 0)
