#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""--latencystats and --bitrate-stats, read by dpdk-proc-info --metrics while
skbfwd runs on hugepages (a secondary process cannot attach to --no-huge).

skbfwd forwards io between two net_pcap ports replaying 100-byte frames forever
(net_pcap counts bytes, which the bit rates are made from).  While it runs,
`dpdk-proc-info -- --metrics` must print a block for port 0, one for port 1 and
the non-port one, each with the ten metric names of rte_latencystats and
rte_bitratestats in their registration order; the latency figures are global
(0 in the port blocks) with 0 < min <= avg <= max, and each port's bit rates
count whole frames: mean and peak in and out are non-zero multiples of 800 bits
with mean <= peak.  Without the options, no metric is registered at all.

dpdk-proc-info 22.11 crashes in its EAL clean-up after printing when the primary
has net_pcap ports (the net_pcap remove in a secondary): its exit status is
taken as it comes and its output is read unbuffered (stdbuf -oL)."""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import golden as g  # noqa: E402
import peers  # noqa: E402

NAMES = ["min_latency_ns", "avg_latency_ns", "max_latency_ns", "jitter_ns",
         "ewma_bits_in", "ewma_bits_out", "mean_bits_in", "mean_bits_out",
         "peak_bits_in", "peak_bits_out"]
FRAME = 100


def metrics_blocks(out):
    """{0: [(name, value)...], 1: ..., 'global': ...} from proc-info --metrics."""
    blocks = {}
    for m in re.finditer(r"###### (?:metrics for port (\d+)|(Non port specific metrics)) +#+\n"
                         r"#+\n((?:[a-z_]+: \d+\n)*)#+\n", out):
        key = int(m.group(1)) if m.group(1) is not None else "global"
        blocks[key] = [(n, int(v)) for n, v in re.findall(r"([a-z_]+): (\d+)", m.group(3))]
    return blocks


def proc_info(prefix):
    return peers.sh(["stdbuf", "-oL", "dpdk-proc-info"] + peers.secondary_eal(prefix) +
                    ["--", "--metrics"], check=False, timeout=60)


def main():
    tap = t.Tap()
    missing = peers.missing_tools("dpdk-proc-info", "stdbuf")
    if missing:
        tap.skip("dpdk-proc-info reads skbfwd's metrics", f"needs {', '.join(missing)}")
        tap.done()
    hp = peers.Hugepages()
    if hp.why:
        tap.skip("dpdk-proc-info reads skbfwd's metrics", hp.why)
        tap.done()
    d = tempfile.mkdtemp(prefix="skbfwd_metrics_")
    try:
        pcap = os.path.join(d, "in.pcap")
        t.write_pcap(pcap, [g.udp_frame("02:00:00:00:00:bb", "02:00:00:00:00:aa", "10.0.0.1",
                                        "10.0.0.2", bytes(FRAME - 42), sport=1000 + k)
                            for k in range(4)])
        vdevs = [f"net_pcap{p},rx_pcap={pcap},tx_pcap=/dev/null,infinite_rx=1" for p in (0, 1)]
        fwd = peers.Skbfwd(["--latencystats=1", "--bitrate-stats=1", "--duration=60"], vdevs,
                           "metrics", huge=True)
        try:
            if not tap.ok(fwd.wait_started(), "skbfwd up with hugepages", fwd.log()):
                return tap
            tap.ok("latency statistics on every queue (rte_latencystats)" in fwd.out(),
                   "latencystats announced", fwd.out())
            # two whole seconds of bit rates
            time.sleep(2.5)
            r = proc_info(fwd.prefix)
            blocks = metrics_blocks(r.stdout)
            tap.eq(sorted(blocks, key=str), [0, 1, "global"],
                   f"proc-info --metrics: blocks (exit status {r.returncode})",
                   r.stdout + r.stderr)
            for key in (0, 1, "global"):
                tap.eq([n for n, _ in blocks.get(key, [])], NAMES,
                       f"block {key}: the ten metric names in order")
            glob = dict(blocks.get("global", []))
            lat = [glob.get(n, 0) for n in NAMES[:3]]
            tap.ok(0 < lat[0] <= lat[1] <= lat[2],
                   f"global latency 0 < min <= avg <= max ({lat})", r.stdout)
            tap.eq([glob.get(n) for n in NAMES[4:]], [0] * 6, "global bit rates 0 (per port only)")
            for p in (0, 1):
                v = dict(blocks.get(p, []))
                tap.eq([v.get(n) for n in NAMES[:4]], [0] * 4, f"port {p}: latency 0 (global only)")
                rates = [v.get(n, 0) for n in ("mean_bits_in", "mean_bits_out",
                                               "peak_bits_in", "peak_bits_out")]
                tap.ok(all(x > 0 and x % (8 * FRAME) == 0 for x in rates),
                       f"port {p}: mean and peak bits in/out are whole {FRAME}-byte frames "
                       f"({rates})", r.stdout)
                tap.ok(rates[0] <= rates[2] and rates[1] <= rates[3],
                       f"port {p}: mean <= peak", r.stdout)
        finally:
            res = fwd.stop()
            tap.eq(res.rc, 0, "skbfwd exit status", res.log())
            tap.eq(res.in_use, 0, "skbfwd mbufs in use at exit")
        # no options, no metrics: proc-info finds none
        fwd = peers.Skbfwd(["--duration=60"], ["net_null0", "net_null1"], "nometrics", huge=True)
        try:
            if tap.ok(fwd.wait_started(), "skbfwd without the options", fwd.log()):
                r = proc_info(fwd.prefix)
                tap.eq(metrics_blocks(r.stdout), {}, "without the options: no metrics",
                       r.stdout + r.stderr)
        finally:
            fwd.stop()
    finally:
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))
        os.rmdir(d)
        hp.undo()
    return tap


if __name__ == "__main__":
    main().done()
