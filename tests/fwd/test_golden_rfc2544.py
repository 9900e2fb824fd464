#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""rfc2544 golden test: the test frames themselves, captured with net_pcap.

The engine sends out of a net_pcap port whose RX is empty, so every trial
loses all it sent and the search halves the rate down to its floor: the
capture holds every test frame of every trial.  Each is checked here against
frames built here: UDP/IPv4 of RFC 2544 appendix C by default (headers and
probe; the payload past the probe is the buffer's), and with --rfc2544-ipv6
UDP/IPv6 of RFC 5180 (2001:2::1 -> 2001:2:0:1::1, UDP 49184 -> 7) byte for
byte: the probe at byte 62 (magic, flow of port 0 queue 0, sequence numbers
from 0 in each trial), zeros after it, the UDP checksum computed here.  The
trial lines' sent counts must match the capture, and each trial must report
all of them lost.  Then IPv6 test frames through a net_ring loop (every frame
back): no loss, the latency trial measuring every probe; the console's
`set rfc2544-ipv6 off`; and sizes too small for an IPv6 test frame refused."""

import json
import os
import re
import shutil
import struct
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

PEER = "02:00:00:00:00:00"
SRC6, DST6 = "2001:2::1", "2001:2:0:1::1"
TRIAL_RE = re.compile(r"^rfc2544: (\d+) bytes: (trial|latency trial) (\d+) at [0-9.]+ Mpps: "
                      r"(\d+) sent \([0-9.]+ Mpps\), (\d+) lost \([0-9.]+\): (pass|fail)$", re.M)


def trials(out):
    """[(size, kind, number, sent, lost, verdict)] of the trial lines."""
    return [(int(a), b, int(c), int(d), int(e), f) for a, b, c, d, e, f in TRIAL_RE.findall(out)]


def expected(size, port_mac, probe, ipv6):
    """The test frame of @size bytes (FCS counted) carrying @probe."""
    n = size - 4
    if ipv6:
        pay = probe + bytes(n - 62 - 16)
        return g.eth(PEER, port_mac, g.ETH_IPV6,
                     g.ipv6(SRC6, DST6, 17, g.udp6(SRC6, DST6, 49184, 7, pay)))
    # appendix C: the UDP checksum 0 (none), the payload past the probe not checked
    return g.eth(PEER, port_mac, 0x0800,
                 g.ipv4("198.18.0.1", "198.19.0.1", 17,
                        struct.pack("!HHHH", 49184, 7, n - 34, 0) + probe + bytes(n - 58)))


def check_capture(tap, name, run, sizes, ipv6):
    r = run.r
    tap.eq(r.rc, 0, f"{name}: exit status", r.log())
    tap.eq(r.in_use, 0, f"{name}: mbufs in use at exit")
    tap.ok(re.search(r"^rfc2544: done$", r.out, re.M) is not None, f"{name}: the search ended",
           r.log())
    tl = trials(r.out)
    tap.eq(sorted({x[0] for x in tl}), sorted(sizes), f"{name}: trials of every size")
    tap.eq([x for x in tl if x[4] != x[3] or x[5] != "fail" or x[1] != "trial"], [],
           f"{name}: every trial lost all it sent, and failed")
    frames = run.outputs[0]
    tap.eq(len(frames), sum(x[3] for x in tl), f"{name}: frames captured = frames sent")
    port_mac = run.macs.get(0, "")
    at = 62 if ipv6 else 42
    bad, k = [], 0
    for size, _, number, sent, _, _ in tl:
        for seq in range(sent):
            f = frames[k] if k < len(frames) else b""
            k += 1
            probe = f[at:at + 16]
            want_probe = b"SKBP" + struct.pack("!IH", seq, 0)   # flow: port 0, queue 0
            if probe[:10] != want_probe:
                bad.append((size, number, seq, "probe", probe[:10].hex()))
                continue
            want = expected(size, port_mac, probe, ipv6)
            got = f if ipv6 else f[:at + 16]
            if got != (want if ipv6 else want[:at + 16]):
                bad.append((size, number, seq, g.first_difference(got, want)))
    tap.eq(bad[:3], [], f"{name}: every test frame as built here ({len(frames)} frames)")
    if ipv6 and frames:
        f = frames[0]
        tap.eq(g.l4_csum6(SRC6, DST6, 17, f[54:]), 0, f"{name}: the UDP checksum verifies")


tap = t.Tap()
common = ["--port-topology=loop", "--rfc2544-trial=0.1", "--rfc2544-rate=2kpps"]

# UDP/IPv6 test frames (RFC 5180), the smallest size and a large one
run = g.PcapRun("rfc2544", [[]], common + ["--rfc2544-ipv6", "--rfc2544-sizes=82,1518"],
                duration=100, tag="rfc2544_v6")
tap.ok(re.search(r"^skbfwd: rfc2544: .*, UDP/IPv6 test frames$", run.r.out, re.M) is not None,
       "--rfc2544-ipv6: the set-up line says UDP/IPv6", run.r.out)
check_capture(tap, "--rfc2544-ipv6", run, [82, 1518], True)
run.cleanup()

# UDP/IPv4 test frames (RFC 2544 appendix C)
run = g.PcapRun("rfc2544", [[]], common + ["--rfc2544-sizes=64,1518"], duration=100,
                tag="rfc2544_v4")
check_capture(tap, "UDP/IPv4", run, [64, 1518], False)
run.cleanup()

# IPv6 test frames around a net_ring loop: all back, the latency trial measured
d = tempfile.mkdtemp(prefix="skbt_rfc6_")
sjson = os.path.join(d, "stats.json")
r = t.run(["--forward-mode=rfc2544", "--port-topology=loop", "--rfc2544-ipv6",
           "--rfc2544-sizes=82", "--rfc2544-trial=0.2", "--rfc2544-rate=5kpps",
           f"--stats-json={sjson}", "--duration=100"],
          vdevs=["net_ring0"], tag="rfc2544_ring6")
tap.eq(r.rc, 0, "net_ring loop: exit status", r.log())
tap.eq(r.in_use, 0, "net_ring loop: mbufs in use at exit")
tl = trials(r.out)
tap.ok(len(tl) >= 2 and all(x[4] == 0 and x[5] == "pass" for x in tl),
       "net_ring loop: every trial lost nothing", r.out)
tap.eq([x[1] for x in tl][-1:], ["latency trial"], "net_ring loop: a latency trial last")
res = None
try:
    with open(sjson) as f:
        res = json.load(f).get("rfc2544")
except (OSError, ValueError):
    pass
shutil.rmtree(d, ignore_errors=True)
if tap.ok(res is not None and res["sizes"] and res["sizes"][0].get("latency"),
          "net_ring loop: the results in --stats-json", r.out):
    lat = res["sizes"][0]["latency"]
    tap.eq((lat["lost"], lat["probes"]), (0, lat["sent"]),
           "net_ring loop: every probe of the latency trial back and measured (byte 62)")
    tap.eq(lat["sent"], tl[-1][3], "net_ring loop: the latency trial's frames")
    tap.eq(res.get("ip_version"), 6, "net_ring loop: the results say UDP/IPv6 test frames")

# the console turns it off (and on): UDP/IPv4 test frames of 64 bytes then run
d = tempfile.mkdtemp(prefix="skbt_rfc6_")
cmds = os.path.join(d, "cmds")
with open(cmds, "w") as f:
    f.write("set rfc2544-ipv6 off\nset rfc2544-ipv6 on\nset rfc2544-ipv6 off\n"
            "set rfc2544-sizes 64\nstart\n")
r = t.run(["--forward-mode=rfc2544", "--port-topology=loop", "--rfc2544-ipv6",
           "--rfc2544-trial=0.1", "--rfc2544-rate=2kpps", f"--cmdline-file={cmds}",
           "--duration=100"], vdevs=["net_ring0"], tag="rfc2544_console6")
shutil.rmtree(d, ignore_errors=True)
tap.eq(r.rc, 0, "console: exit status", r.log())
tap.ok(re.search(r"^skbfwd: rfc2544: .*, UDP/IPv4 test frames$", r.out, re.M) is not None,
       "console: set rfc2544-ipv6 off gives UDP/IPv4 test frames", r.log())
tap.eq(sorted({x[0] for x in trials(r.out)}), [64], "console: 64-byte frames measured")

# sizes an IPv6 test frame and its probe do not fit
r = t.run(["--forward-mode=rfc2544", "--port-topology=loop", "--rfc2544-ipv6",
           "--rfc2544-sizes=128,81", "--duration=1"], vdevs=["net_null0"], tag="rfc2544_small6")
tap.ok(r.rc != 0, "--rfc2544-ipv6 with 81-byte frames: refused", r.log())
tap.ok("skbfwd: --rfc2544-sizes: 81-byte frames cannot hold an IPv6 test frame and its probe "
       "(--rfc2544-ipv6: 82 bytes at least)" in r.err, "--rfc2544-ipv6: the line saying why",
       r.log())
tap.done()
