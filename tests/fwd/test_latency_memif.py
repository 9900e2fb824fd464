#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Rate control and latency probes between two skbfwd processes over memif.

Process B (io, memif server, its forwarding lcore on core 0) sends back what
it receives.  Process A (txonly --tx-rate=1Mpps --latency, memif client, its
forwarding lcore on core 1) sends 64-byte frames with a probe each for RUN
seconds and measures what comes back: the achieved rate must be within 2 % of
1 Mpps, nothing lost or reordered (every probe A's port took came back: A
waits for what is in flight when it stops), the percentiles ordered and above
0, and the histogram of --latency-hist must hold every probe.  B's counters
must match A's."""

import csv
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

RUN = 3
RATE = 1e6

RATE_RE = re.compile(r"^txonly: port 0: asked ([\d.]+) Mpps, achieved ([\d.]+) Mpps "
                     r"\(([\d.]+) Gbit/s on the wire\) over ([\d.]+) s", re.M)


def main():
    tap = t.Tap()
    tmp = tempfile.mkdtemp(prefix="skbt_latmemif_")
    sock = os.path.join(tmp, "memif.sock")
    hist = os.path.join(tmp, "lat.csv")
    sjson = os.path.join(tmp, "stats.json")
    # the two processes' busy lcores on different cores; 16384-slot rings
    # absorb a few milliseconds of the other process being descheduled
    back = peers.Skbfwd(["--forward-mode=io", "--port-topology=loop", "--duration=60"],
                        [f"net_memif0,role=server,socket={sock},rsize=14"], "latB",
                        eal=["--main-lcore", "1"])
    try:
        if not tap.ok(back.wait_started(), "skbfwd io started as memif server", back.log()):
            return tap
        r = t.run(["--forward-mode=txonly", "--port-topology=loop", "--tx-rate=1Mpps",
                   "--latency", f"--latency-hist={hist}", f"--duration={RUN}",
                   f"--stats-json={sjson}"],
                  tag="latA", vdevs=[f"net_memif0,role=client,socket={sock},rsize=14"],
                  timeout=60)
        b = back.stop()
        tap.eq(r.rc, 0, "txonly exit status", r.log())
        tap.eq(r.in_use, 0, "txonly: mbufs in use at exit")
        tap.eq(b.rc, 0, "io exit status", b.log())
        m = RATE_RE.search(r.out)
        if tap.ok(m is not None, "txonly printed the port's achieved rate", r.out):
            asked, got, gbps, secs = (float(x) for x in m.groups())
            tap.eq(asked, 1.0, "asked 1 Mpps")
            tap.ok(abs(got - 1.0) <= 0.02, f"achieved {got:.6f} Mpps: within 2 % of 1 Mpps")
            # a 64-byte skb is a 68-byte frame with its FCS: 88 bytes on the wire
            tap.ok(abs(gbps - got * 88 * 8 / 1e3) < 1e-5,
                   f"{gbps} Gbit/s: 88 bytes on the wire for each 64-byte skb")
            tap.ok(RUN - 0.5 <= secs <= RUN + 0.5, f"sent for {secs} s of the {RUN} s run")
        a0 = r.ports.get(0, {})
        sent = a0.get("tx", -1)
        if m is not None:
            # the link comes up after the start: the rate over the time it sent
            tap.ok(abs(sent - got * 1e6 * secs) <= 0.01 * sent,
                   f"txonly sent {sent} frames: {got} Mpps over {secs} s within 1 %", r.out)
        f = t.LATENCY_FLOW_RE.search(r.out)
        if tap.ok(f is not None, "the flow's line", r.out):
            rx, lost, reord, fsent = (int(x) for x in f.groups())
            tap.eq(fsent, sent, "probes sent = frames the port took")
            tap.eq(rx, sent, "every probe came back")
            tap.eq(lost, 0, "nothing lost", "\n".join(re.findall(r"^txonly: .*$", r.out, re.M)))
            tap.eq(reord, 0, "nothing reordered")
        m = t.LATENCY_RE.search(r.out)
        if tap.ok(m is not None, "the latency line (TSC clocks)", r.out):
            probes = int(m.group(1))
            q = [float(x) for x in m.groups()[1:]]
            mn, mean, p50, p90, p99, p999, mx = q
            tap.eq(probes, sent, "every probe measured")
            tap.eq(a0.get("rx"), probes, "txonly's RX-packets are the probes")
            tap.ok(0 < mn <= p50 <= p90 <= p99 <= p999 <= mx,
                   f"0 < min {mn} <= p50 {p50} <= p90 {p90} <= p99 {p99} <= p99.9 {p999} <= max {mx} us")
            tap.ok(mn <= mean <= mx, f"min <= mean {mean} <= max")
        b0 = b.ports.get(0, {})
        tap.eq(b0.get("rx"), sent, "io received what txonly sent")
        tap.eq(b0.get("tx"), sent, "io sent it all back", b.out)
        # the histogram: every probe in it, the columns as documented
        try:
            with open(hist) as fh:
                rows = list(csv.reader(fh))
            tap.eq(rows[0], ["lower_us", "upper_us", "port 0"], "--latency-hist CSV header")
            tap.eq(sum(int(x[2]) for x in rows[1:]), sent, "the histogram holds every probe")
            tap.ok(all(float(x[0]) < float(x[1]) for x in rows[1:]), "buckets [lower, upper)")
        except (OSError, IndexError, ValueError) as e:
            tap.ok(False, "--latency-hist CSV written", str(e))
        if peers.missing_tools("gnuplot"):
            tap.skip("the histogram's PNG", "needs gnuplot (Debian gnuplot-nox)")
        else:
            png = hist[:-4] + ".png"
            head = open(png, "rb").read(8) if os.path.exists(png) else b""
            tap.eq(head, b"\x89PNG\r\n\x1a\n", "the histogram's PNG")
        try:
            with open(sjson) as fh:
                st = json.load(fh)
            lp = st["latency"]["ports"][0]
            c = lp["clocks"][0]
            tap.eq((lp["port"], lp["probes"], c["clock"], c["probes"]), (0, sent, "TSC", sent),
                   "--stats-json latency: port 0, every probe, TSC")
            tap.eq(lp["flows"], [{"flow": "0/0", "received": sent, "lost": 0, "reordered": 0,
                                  "sent": sent}], "--stats-json latency flows")
            keys = ["min_ns", "p50_ns", "p90_ns", "p99_ns", "p99_9_ns", "max_ns"]
            tap.ok([c[k] for k in keys] == sorted(c[k] for k in keys) and c["min_ns"] > 0,
                   "--stats-json percentiles ordered")
            tap.eq(sum(x[2] for x in c["histogram"]), sent, "--stats-json histogram: every probe")
            tx = st["txonly"]["ports"][0]
            tap.ok(tx["port"] == 0 and abs(tx["achieved_pps"] - RATE) <= 0.02 * RATE,
                   f"--stats-json txonly: achieved {tx['achieved_pps']} pps")
        except (OSError, ValueError, KeyError, IndexError) as e:
            tap.ok(False, "--stats-json latency and txonly members", str(e))
    finally:
        back.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return tap


if __name__ == "__main__":
    main().done()
