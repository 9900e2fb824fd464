#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Kernel hosts as peers of skbfwd's IP engines, over net_tap in namespaces.

l3fwd: A (10.81.1.2/24) and B (10.81.2.2/24) in two subnets, skbfwd the router
between them (--routes file; the hosts' gateway is skbfwd's port, with static
neighbour entries).  5 pings each way all answered with TTL 63 (one hop), a
64 KiB file over UDP from A to B arrives with the same SHA-256, and skbfwd's
counters show exactly those frames.

icmpecho: each host pings skbfwd's own address on its side (--icmp-ip); the
ARP request and the 5 echo requests are answered, nothing else is sent."""

import hashlib
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

PINGS = 5
BLOCK = 1024
FILE = os.urandom(64 * BLOCK)
DGRAMS = len(FILE) // BLOCK
UDP_FRAME = 14 + 20 + 8 + BLOCK
ICMP_FRAME = 14 + 20 + 8 + 56


def l3fwd(tap):
    gw = ("10.81.1.1", "10.81.2.1")
    host = ("10.81.1.2", "10.81.2.2")
    d = tempfile.mkdtemp(prefix="skbp_l3_")
    h = peers.TapHosts("l3")
    try:
        if not tap.ok(h.start_router(d, ("10.81.1.0/24", "10.81.2.0/24"),
                                     [f"{host[p]}/24" for p in (0, 1)], gw, ["--duration=50"]),
                      "l3fwd: skbfwd up, hosts addressed in two subnets", h.log()):
            return
        a, b = h.hosts
        tx, rx, out = peers.ping(a, host[1], PINGS)
        tap.eq((tx, rx), (PINGS, PINGS), "l3fwd: ping A -> B across subnets", out)
        tap.eq(peers.ping_ttls(out), ["63"], "l3fwd: replies to A crossed one router hop (TTL 63)")
        tx, rx, out = peers.ping(b, host[0], PINGS)
        tap.eq((tx, rx), (PINGS, PINGS), "l3fwd: ping B -> A across subnets", out)
        tap.eq(peers.ping_ttls(out), ["63"], "l3fwd: replies to B crossed one router hop (TTL 63)")
        got, log = peers.udp_transfer(a, b, host[1], 5003, FILE, BLOCK)
        tap.eq(len(got), len(FILE), "l3fwd: UDP transfer A -> B: bytes received", log)
        tap.eq(hashlib.sha256(got).hexdigest(), hashlib.sha256(FILE).hexdigest(),
               "l3fwd: UDP transfer A -> B: SHA-256 at the far end")
        r = h.stop()
        tap.eq(r.rc, 0, "l3fwd: skbfwd exit status", r.log())
        from_a = 2 * PINGS + DGRAMS
        from_b = 2 * PINGS
        p0, p1 = r.ports.get(0, {}), r.ports.get(1, {})
        tap.eq((p0.get("rx"), p1.get("tx")), (from_a, from_a),
               "l3fwd: frames from A: port 0 RX, port 1 TX", r.log())
        tap.eq((p1.get("rx"), p0.get("tx")), (from_b, from_b),
               "l3fwd: frames from B: port 1 RX, port 0 TX")
        tap.eq(p1.get("tx_bytes"), 2 * PINGS * ICMP_FRAME + DGRAMS * UDP_FRAME,
               "l3fwd: bytes routed to B: port 1 TX")
        tap.eq(r.total and sum(r.total["drops"].values()), 0, "l3fwd: no drop")
        tap.eq(r.in_use, 0, "l3fwd: mbufs in use at exit")
    finally:
        h.cleanup()
        shutil.rmtree(d, ignore_errors=True)


def icmpecho(tap):
    mine = ("10.82.1.1", "10.82.2.1")
    host = ("10.82.1.2", "10.82.2.2")
    h = peers.TapHosts("ie")
    try:
        if not tap.ok(h.start_icmpecho(mine, [f"{host[p]}/24" for p in (0, 1)],
                                       ["--duration=50"]),
                      "icmpecho: skbfwd up, hosts addressed", h.log()):
            return
        # no static entry: the host asks skbfwd by ARP
        peers.ping_and_learn(tap, h, mine, "icmpecho", PINGS)
        r = h.stop()
        tap.eq(r.rc, 0, "icmpecho: skbfwd exit status", r.log())
        for p in (0, 1):
            pp = r.ports.get(p, {})
            # 1 ARP request + PINGS echo requests in, as many answers out
            tap.eq((pp.get("rx"), pp.get("tx")), (1 + PINGS, 1 + PINGS),
                   f"icmpecho: port {p} RX, TX", r.log())
        tap.eq(r.total and sum(r.total["drops"].values()), 0, "icmpecho: no drop")
        tap.eq(r.in_use, 0, "icmpecho: mbufs in use at exit")
    finally:
        h.cleanup()


def main():
    tap = t.Tap()
    why = peers.hosts_unavailable()
    if why:
        tap.skip("l3fwd: kernel hosts routed over net_tap", why)
        tap.skip("icmpecho: kernel hosts ping skbfwd", why)
        return tap
    l3fwd(tap)
    icmpecho(tap)
    return tap


if __name__ == "__main__":
    main().done()
