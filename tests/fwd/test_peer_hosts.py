#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Kernel hosts as peers: two network namespaces, each holding one net_tap
interface of skbfwd, bridged by skbfwd in io and in mac mode; and once more in
io mode with each host on a veth pair whose other end skbfwd opens with
net_af_packet (the kernel's packet socket path rather than tap's character device).

Per engine: 5 pings A -> B and 5 pings B -> A all answered; a 64 KiB file sent
from A to B over UDP with socat (64 datagrams of 1024 bytes) arrives with the
same SHA-256; skbfwd's own counters show exactly those frames (IPv6 is off and
neighbours are static, so the hosts send nothing else), no drop, no mbuf left."""

import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

PINGS = 5
BLOCK = 1024
FILE = os.urandom(64 * BLOCK)
DGRAMS = len(FILE) // BLOCK
ADDR = ("10.77.0.1", "10.77.0.2")
UDP_FRAME = 14 + 20 + 8 + BLOCK
ICMP_FRAME = 14 + 20 + 8 + 56


def bridge(tap, engine, link="tap"):
    args = [f"--forward-mode={engine}", "--duration=50"]
    if engine == "mac":
        args += [f"--eth-peer={p},{peers.TapHosts.host_mac[p]}" for p in (0, 1)]
    h = peers.TapHosts(engine + link[0], link)
    if link != "tap":
        engine = f"{engine} over af_packet/veth"
    try:
        if not tap.ok(h.start(args, [a + "/24" for a in ADDR]),
                      f"{engine}: skbfwd up, hosts addressed in their namespaces", h.log()):
            return
        # each host knows the other's MAC: no ARP on the wire
        h.neigh(0, ADDR[1], h.host_mac[1])
        h.neigh(1, ADDR[0], h.host_mac[0])
        a, b = h.hosts
        tx, rx, out = peers.ping(a, ADDR[1], PINGS)
        tap.eq((tx, rx), (PINGS, PINGS), f"{engine}: ping A -> B (transmitted, received)", out)
        tx, rx, out = peers.ping(b, ADDR[0], PINGS)
        tap.eq((tx, rx), (PINGS, PINGS), f"{engine}: ping B -> A (transmitted, received)", out)
        got, log = peers.udp_transfer(a, b, ADDR[1], 5000, FILE, BLOCK)
        tap.eq(len(got), len(FILE), f"{engine}: UDP transfer A -> B: bytes received", log)
        tap.eq(hashlib.sha256(got).hexdigest(), hashlib.sha256(FILE).hexdigest(),
               f"{engine}: UDP transfer A -> B: SHA-256 at the far end")
        r = h.stop()
        tap.eq(r.rc, 0, f"{engine}: skbfwd exit status", r.log())
        # A sends its pings, its replies to B's pings and the datagrams; B the rest
        from_a = 2 * PINGS + DGRAMS
        from_b = 2 * PINGS
        p0, p1 = r.ports.get(0, {}), r.ports.get(1, {})
        tap.eq((p0.get("rx"), p1.get("tx")), (from_a, from_a),
               f"{engine}: frames from A: port 0 RX, port 1 TX", r.log())
        tap.eq((p1.get("rx"), p0.get("tx")), (from_b, from_b),
               f"{engine}: frames from B: port 1 RX, port 0 TX")
        tap.eq((p0.get("rx_bytes"), p1.get("tx_bytes")),
               (2 * PINGS * ICMP_FRAME + DGRAMS * UDP_FRAME,) * 2,
               f"{engine}: bytes from A: port 0 RX, port 1 TX")
        tap.eq((p0.get("tx_dropped"), p1.get("tx_dropped")), (0, 0), f"{engine}: drops")
        tap.eq(r.in_use, 0, f"{engine}: mbufs in use at exit")
    finally:
        h.cleanup()


def main():
    tap = t.Tap()
    why = peers.hosts_unavailable()
    for engine, link in (("io", "tap"), ("mac", "tap"), ("io", "veth")):
        if why:
            tap.skip(f"{engine}: kernel hosts bridged over {link}", why)
            continue
        bridge(tap, engine, link)
    return tap


if __name__ == "__main__":
    main().done()
