#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""CI short version of the performance harness: tests/perf/bench.py --quick
must produce every figure (Mpps of both sides, ratio, cycles and instructions
per packet for each comparison, every micro-benchmark, the JSON and the PNG
chart).  It never judges a speed: speed is judged from the full harness run.
A comparison the machine cannot make (no dpdk-doc, no such skbfwd engine)
is reported as a TAP skip with the reason."""

import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from skbfwd_test import Tap, is_root  # noqa: E402

ROW_FIGURES = ("skbfwd_mpps", "peer_mpps", "ratio", "skbfwd_cycles_per_pkt",
               "peer_cycles_per_pkt", "skbfwd_instr_per_pkt", "peer_instr_per_pkt")


def main():
    t = Tap()
    build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "build")
    if not is_root():
        t.skip("perf harness", "needs root (DPDK telemetry socket under /var/run/dpdk)")
        t.done()
    out = tempfile.mkdtemp(prefix="skbfwd-perf-ci-")
    try:
        check(t, build, out)   # ends with t.done() (SystemExit)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def check(t, build, out):
    """bench.py --quick into @out, and every figure it must produce."""
    r = subprocess.run([sys.executable, os.path.join(HERE, "bench.py"), "--quick",
                        "--build", build, "--out", out],
                       capture_output=True, text=True, timeout=1100)
    t.eq(r.returncode, 0, "bench.py --quick exits 0", r.stdout + r.stderr)
    path = os.path.join(out, "perf.json")
    if not t.ok(os.path.exists(path), "perf.json written", r.stderr):
        t.done()
    with open(path) as f:
        res = json.load(f)
    rows = res["rows"]
    keys = [x["key"] for x in rows]
    for want in ("io/testpmd-io", "mac/testpmd-mac", "mac/l2fwd", "mac/l2fwd-static", "macswap/testpmd-macswap",
                 "rxonly/testpmd-rxonly", "rxonly-classify/testpmd-rxonly", "txonly/testpmd-txonly",
                 "txonly-2seg/testpmd-txonly-2seg", "csum/testpmd-csum",
                 "l3fwd/dpdk-l3fwd", "l3fwd6/dpdk-l3fwd", "l3fwd/dpdk-l3fwd-static",
                 "l3fwd6/dpdk-l3fwd-static", "io/io-raw", "macswap/macswap-raw",
                 "l3fwd/l3fwd-raw"):
        t.ok(want in keys, f"comparison {want} present in the JSON")
    for row in rows:
        if row.get("skipped"):
            t.skip(f"{row['key']}: figures", row["skipped"])
            continue
        for fig in ROW_FIGURES:
            v = row.get(fig)
            t.ok(isinstance(v, (int, float)) and v > 0, f"{row['key']}: {fig} produced ({v})")
    for tg in res["targets"]:
        t.ok(tg["verdict"] in ("met", "MISSED", "n/a"), f"target '{tg['text']}' evaluated ({tg['value']})")
    micro = res.get("micro")
    if t.ok(micro is not None and len(micro["ops"]) >= 11, "skb micro-benchmarks produced"):
        t.ok(micro.get("processes") == res["runs"] and
             all(len(op["mbuf_runs"]) == res["runs"] for op in micro["ops"]),
             f"micro: one skb_bench process per run ({micro.get('processes')} of {res['runs']})")
        for op in micro["ops"]:
            t.ok(op["mbuf_cycles"] > 0, f"micro {op['mbuf_op']}: cycles ({op['mbuf_cycles']})")
            if op.get("skb_cycles") is None:
                t.skip(f"micro {op['op']}: cycles", op.get("missing", "not measured"))
            else:
                t.ok(op["skb_cycles"] > 0, f"micro {op['op']}: cycles ({op['skb_cycles']})")
    png = os.path.join(out, "perf.png")
    with open(png, "rb") if os.path.exists(png) else open(os.devnull, "rb") as f:
        magic = f.read(8)
    t.eq(magic, b"\x89PNG\r\n\x1a\n", "perf.png is a PNG chart")
    t.ok("targets:" in r.stdout, "table printed with the targets")
    t.done()


if __name__ == "__main__":
    main()
