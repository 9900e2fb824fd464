#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""dpdk-proc-info reads skbfwd's port statistics as a secondary process.

skbfwd (with hugepages) bridges two kernel hosts over net_tap in io mode; A
sends 3 pings and 8 UDP datagrams of 100 bytes to B.  While skbfwd still runs,
`dpdk-proc-info -- --stats` must show on port 0 (A's side) RX 11 frames and
TX 3, on port 1 RX 3 and TX 11, with the bytes of those frames."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

ADDR = ("10.79.0.1", "10.79.0.2")
BLOCK = 100
DGRAMS = 8
PINGS = 3
UDP_FRAME = 14 + 20 + 8 + BLOCK
ICMP_FRAME = 14 + 20 + 8 + 56


def nic_stats(out):
    """dpdk-proc-info --stats: {port: {RX-packets: n, ...}} from the port lines
    (up to the first blank line; the per-register lines follow it)."""
    ports = {}
    for m in re.finditer(r"NIC statistics for port (\d+)\s*#+[ \t]*\n((?:[ \t]*\S.*\n)*)", out):
        ports[int(m.group(1))] = {k: int(v) for k, v in
                                  re.findall(r"([A-Za-z-]+):\s+(\d+)", m.group(2))}
    return ports


def main():
    tap = t.Tap()
    hp, why = peers.prepare_secondary(("dpdk-proc-info", "ping", "socat", "ss"),
                                      "dpdk, iputils-ping, socat, iproute2")
    if why:
        tap.skip("dpdk-proc-info reads skbfwd's port statistics", why)
        return tap
    h = None
    try:
        h = peers.TapHosts("pi")
        if not tap.ok(h.start(["--forward-mode=io", "--duration=50"],
                              [a + "/24" for a in ADDR], huge=True),
                      "skbfwd up with hugepages, hosts addressed", h.log()):
            return tap
        h.neigh(0, ADDR[1], h.host_mac[1])
        h.neigh(1, ADDR[0], h.host_mac[0])
        a, b = h.hosts
        data = os.urandom(DGRAMS * BLOCK)
        got, log = peers.udp_transfer(a, b, ADDR[1], 5002, data, BLOCK)
        tap.ok(got == data, f"{DGRAMS} datagrams arrived at B ({len(got)} bytes, equal)", log)
        tx, rx, out = peers.ping(a, ADDR[1], PINGS)
        tap.eq((tx, rx), (PINGS, PINGS), "pings A -> B answered", out)
        r = peers.sh(["dpdk-proc-info"] + peers.secondary_eal(h.fwd.prefix) +
                     ["--", "--stats"], check=False, timeout=60)
        tap.eq(r.returncode, 0, "dpdk-proc-info exit status", r.stdout + r.stderr)
        st = nic_stats(r.stdout)
        tap.eq(sorted(st), [0, 1], "dpdk-proc-info shows both ports", r.stdout + r.stderr)
        p0, p1 = st.get(0, {}), st.get(1, {})
        from_a, from_b = PINGS + DGRAMS, PINGS
        bytes_a = PINGS * ICMP_FRAME + DGRAMS * UDP_FRAME
        tap.eq((p0.get("RX-packets"), p0.get("TX-packets")), (from_a, from_b),
               "port 0 (A's side) RX-packets, TX-packets", r.stdout)
        tap.eq((p1.get("RX-packets"), p1.get("TX-packets")), (from_b, from_a),
               "port 1 (B's side) RX-packets, TX-packets")
        tap.eq((p0.get("RX-bytes"), p1.get("TX-bytes")), (bytes_a, bytes_a),
               "bytes from A: port 0 RX-bytes, port 1 TX-bytes")
        tap.eq((p0.get("RX-errors"), p0.get("RX-nombuf"), p1.get("TX-errors")), (0, 0, 0),
               "no RX errors, no RX-nombuf, no TX errors")
        res = h.stop()
        tap.eq(res.rc, 0, "skbfwd exit status", res.log())
        tap.eq((res.ports.get(0, {}).get("rx"), res.ports.get(1, {}).get("tx")),
               (from_a, from_a), "skbfwd's own count agrees: port 0 RX, port 1 TX")
        tap.eq(res.in_use, 0, "skbfwd mbufs in use at exit")
    finally:
        if h is not None:
            h.cleanup()
        hp.undo()
    return tap


if __name__ == "__main__":
    main().done()
