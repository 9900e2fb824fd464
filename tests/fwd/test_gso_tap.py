#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The TSO side of the GSO TX path, on net_tap (whose device reports TCP TSO):
host A (a namespace) injects 40 in-order TCP segments (MSS 1400) into skbfwd's
port 0 with a packet socket; skbfwd --gro merges what arrives together and sends
the merged skbs to port 1 as one multi-segment mbuf with the TSO fields; host B
captures what comes out.  B must see exactly the 40 frames A sent, byte for
byte, and skbfwd must report the TSO path chosen for port 1 and used.  Also
the software path on the same link with MSS 1448 (net_tap counts the Ethernet
header in its MTU check, so such skbs go to software GSO).  Needs root."""

import os
import re
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

SEGS = 40
DST = "02:00:00:0b:00:09"  # nobody's: B's kernel takes the frames as other-host
SRC = "02:00:00:0a:00:09"

CAPTURE = r"""
import socket, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((sys.argv[1], 0))
s.settimeout(0.2)
want, end, got = int(sys.argv[2]), time.time() + float(sys.argv[3]), []
print("ready", flush=True)
while len(got) < want and time.time() < end:
    try:
        data, addr = s.recvfrom(70000)
    except socket.timeout:
        continue
    if addr[2] != socket.PACKET_OUTGOING and data[12:14] == b"\x08\x00":
        got.append(data.hex())
print("\n".join(got), flush=True)
"""

INJECT = r"""
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
for line in sys.stdin.read().split():
    s.send(bytes.fromhex(line))
"""


def tcp_frames(mss, seq0=5000):
    frames = []
    for i in range(SEGS):
        data = bytes((i * 13 + j) & 0xFF for j in range(mss))
        th = struct.pack("!HHIIBBHHH", 40000, 80, seq0 + i * mss, 1, 5 << 4, 0x10, 65000, 0, 0)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + mss, 100 + i, 0x4000, 64, 6, 0,
                         bytes([10, 66, 0, 1]), bytes([10, 66, 1, 1]))
        ip = ip[:10] + struct.pack("!H", t.inet_csum(ip)) + ip[12:]
        c = t.inet_csum(ip[12:20] + struct.pack("!BBH", 0, 6, 20 + mss) + th + data)
        th = th[:16] + struct.pack("!H", c) + th[18:]
        frames.append(t.mac(DST) + t.mac(SRC) + b"\x08\x00" + ip + th + data)
    return frames


def run_case(tap, mss, want_tso):
    name = f"MSS {mss}"
    frames = tcp_frames(mss)
    h = peers.TapHosts(f"g{mss % 100}")
    cap = None
    try:
        if not tap.ok(h.start(["--forward-mode=io", "--gro", "--duration=30"],
                              ("10.66.0.2/24", "10.66.1.2/24")),
                      f"{name}: skbfwd up, taps in the hosts' namespaces", h.log()):
            return
        tap.ok("Port 1: GSO by the device (TSO" in h.fwd.out(),
               f"{name}: port 1 (net_tap) segments by TSO, decided at start", h.log())
        cap = h.hosts[1].popen(["python3", "-c", CAPTURE, h.host_ifaces[1], str(SEGS), "10"],
                               stdout=subprocess.PIPE)
        tap.eq(cap.stdout.readline().strip(), "ready", f"{name}: capture on host B ready")
        time.sleep(0.2)
        # A's sends are slower than skbfwd's polls: held in a token bucket and
        # released at once, the frames reach the tap back to back, as a burst
        # that --gro can merge (first one passes on the bucket's initial tokens)
        dev = h.host_ifaces[0]
        h.hosts[0].run(["tc", "qdisc", "add", "dev", dev, "root", "tbf", "rate", "8kbit",
                        "burst", "1600", "limit", "262144"])
        p = h.hosts[0].popen(["python3", "-c", INJECT, dev], stdin=subprocess.PIPE)
        p.communicate("\n".join(f.hex() for f in frames), timeout=30)
        h.hosts[0].run(["tc", "qdisc", "change", "dev", dev, "root", "tbf", "rate", "10gbit",
                        "burst", "4mb", "limit", "262144"])
        out, _ = cap.communicate(timeout=30)
        got = [bytes.fromhex(x) for x in out.split()]
        tap.eq(len(got), SEGS, f"{name}: host B received every segment", h.log())
        tap.ok(got == frames, f"{name}: host B received exactly the frames A sent, in order")
        r = h.stop()
        tap.eq((r.rc, r.in_use), (0, 0), f"{name}: skbfwd exit status, mbufs in use", r.log())
        p0, p1 = r.ports.get(0, {}), r.ports.get(1, {})
        tap.eq((p0.get("rx"), p1.get("tx"), p1.get("tx_bytes")),
               (SEGS, SEGS, sum(len(f) for f in frames)),
               f"{name}: port 0 RX, port 1 TX packets and bytes count wire frames", r.log())
        m = re.search(r"^GSO: (\d+) skbs to device TSO, (\d+) segmented in software into (\d+)",
                      r.out, re.M)
        g = re.search(r"^GRO: (\d+) packets received, (\d+) skbs", r.out, re.M)
        if tap.ok(m is not None and g is not None, f"{name}: GRO and GSO lines printed", r.log()):
            merged = int(g.group(1)) - int(g.group(2))
            tso, sw = int(m.group(1)), int(m.group(2))
            if want_tso:
                tap.eq(sw, 0, f"{name}: nothing segmented in software")
                tap.ok(merged == 0 or tso >= 1,
                       f"{name}: merged skbs went to the device ({merged} merged, {tso} TSO)")
            else:
                tap.eq(tso, 0, f"{name}: nothing to the device (MSS + headers over its MTU)")
                tap.ok(merged == 0 or sw >= 1,
                       f"{name}: merged skbs segmented in software ({merged} merged, {sw})")
            tap.ok(merged > 0, f"{name}: --gro merged segments that arrived together "
                   f"({merged} of {SEGS})", r.log())
    finally:
        if cap is not None and cap.poll() is None:
            cap.kill()
            cap.wait()
        h.cleanup()


def main():
    tap = peers.netns_tap("TSO over net_tap")
    run_case(tap, 1400, True)
    run_case(tap, 1448, False)
    tap.done()


if __name__ == "__main__":
    main()
