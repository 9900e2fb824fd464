#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Latency through a kernel host: a network namespace behind net_tap routes
skbfwd's frames back.

skbfwd (txonly --tx-rate=1kpps --latency, at its prompt) owns a tap whose
kernel side the test moves into a namespace of its own: address
198.18.0.254/24, forwarding on, 198.19.0.0/16 routed via 198.18.0.1 (skbfwd's
port, a permanent neighbour).  txonly's frames to 198.19.0.1 come in, are
routed and go back out of the same interface to skbfwd, which measures them.
At a low rate the kernel loses nothing; its forwarding takes microseconds to
milliseconds.

Then the same over IPv6: 78-byte UDP/IPv6 frames (the probe at byte 62, the
UDP checksum over it) from 2001:db8:18::1 to 2001:db8:19::1; the namespace has
2001:db8:18::254/64, IPv6 forwarding on and 2001:db8:19::/48 routed via
2001:db8:18::1 (a permanent neighbour).  Its Ip6InReceives and
Ip6OutForwDatagrams (nstat) count every frame skbfwd's port sent, exactly."""

import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402
from console import Console  # noqa: E402

RUN = 3
PORT_MAC = "02:00:00:00:01:01"
HOST_MAC = "02:00:00:00:01:02"



# the two families: txonly's addresses, the namespace's address and routed prefix
CASES = (
    ("IPv4", ["--tx-ip=198.18.0.1,198.19.0.1"], "198.18.0.254/24", "198.18.0.1",
     "198.19.0.0/16"),
    ("IPv6", ["--tx-ip=2001:db8:18::1,2001:db8:19::1", "--tx-pkt-size=78"],
     "2001:db8:18::254/64", "2001:db8:18::1", "2001:db8:19::/48"),
)


def one(tap, fam, txargs, addr, gw, prefix):
    ifname = peers.iface_name("lat" + fam[-1])
    con = Console(["-i", "--forward-mode=txonly", "--port-topology=loop", "--tx-rate=1kpps",
                   "--latency", f"--eth-peer=0,{HOST_MAC}"] + txargs,
                  vdevs=[f"net_tap0,iface={ifname},mac={PORT_MAC}"], tag="lattap")
    ns = None
    v6 = fam == "IPv6"
    try:
        if not tap.ok(con.ready() is not None, f"{fam}: skbfwd at its prompt", con.log()):
            return
        ns = peers.Netns("lat")
        ns.take_iface(ifname, mac=HOST_MAC, addr=addr)
        if v6:
            ns.run(["sysctl", "-qw", "net.ipv6.conf.all.forwarding=1"])
            ns.run(["sysctl", "-qw", f"net.ipv6.conf.{ifname}.forwarding=1"])
        else:
            for key in ("all", "default", ifname):
                ns.run(["sysctl", "-qw", f"net.ipv4.conf.{key}.rp_filter=0"])
                ns.run(["sysctl", "-qw", f"net.ipv4.conf.{key}.send_redirects=0"])
            ns.run(["sysctl", "-qw", "net.ipv4.ip_forward=1"])
        ns.neigh(gw, PORT_MAC, ifname)
        ns.run(["ip"] + (["-6"] if v6 else []) + ["route", "add", prefix, "via", gw,
                                                  "dev", ifname])
        counters = ("Ip6InReceives", "Ip6OutForwDatagrams")
        before = ns.nstat(counters) if v6 else None
        tap.ok(con.cmd("start") is not None, f"{fam}: start", con.log())
        time.sleep(RUN)
        out = con.cmd("stop", timeout=60)
        text = "\n".join(out or [])
        tap.ok(out is not None, f"{fam}: stop", con.log())
        f = t.LATENCY_FLOW_RE.search(text)
        if tap.ok(f is not None, f"{fam}: the flow's line", text):
            rx, lost, reord, sent = (int(x) for x in f.groups())
            tap.ok(abs(sent - 1000 * RUN) <= 0.1 * 1000 * RUN,
                   f"{fam}: {sent} probes sent: {RUN} s at 1 kpps (10 %: the prompt's timing)")
            tap.eq(rx, sent, f"{fam}: the kernel routed every probe back")
            tap.eq(lost, 0, f"{fam}: nothing lost")
            tap.eq(reord, 0, f"{fam}: nothing reordered")
            if v6:
                after = ns.nstat(counters)
                tap.eq({k: after[k] - before[k] for k in counters},
                       {k: sent for k in counters},
                       f"{fam}: the namespace received and forwarded every frame (nstat)")
        m = t.LATENCY_RE.search(text)
        if tap.ok(m is not None, f"{fam}: the latency line", text):
            probes = int(m.group(1))
            mn, mean, p50, p90, p99, p999, mx = (float(x) for x in m.groups()[1:])
            if f is not None:
                tap.eq(probes, rx, f"{fam}: every probe received measured")
            tap.ok(0 < mn <= p50 <= p90 <= p99 <= p999 <= mx,
                   f"{fam}: 0 < min {mn} <= p50 {p50} <= p90 {p90} <= p99 {p99} <= p99.9 {p999} <= max {mx} us")
            tap.ok(1 <= mn and p50 <= 10000,
                   f"{fam}: a kernel's forwarding: min {mn} us >= 1 us, p50 {p50} us <= 10 ms")
            tap.ok(mx < 1e6, f"{fam}: max {mx} us below a second")
            # telemetry says what the stop lines say: the port alone, and keyed by port
            one_port = peers.telemetry_or_none(con.prefix, "/skbfwd/latency,0")
            every = peers.telemetry_or_none(con.prefix, "/skbfwd/latency")
            if tap.ok(isinstance(one_port, dict), f"{fam}: telemetry /skbfwd/latency,0",
                      repr(one_port)):
                tap.eq((one_port.get("port"), one_port.get("probes"), one_port.get("flows"),
                        one_port.get("lost"), one_port.get("reordered")),
                       (0, probes, 1, 0, 0), f"{fam}: /skbfwd/latency,0: port, probes, flows, "
                       "lost, reordered")
                tap.eq(round(one_port.get("min_ns", 0) / 1000, 3), mn,
                       f"{fam}: /skbfwd/latency,0: min_ns is the stop line's min")
            tap.eq(every, {"0": one_port}, f"{fam}: /skbfwd/latency: port 0 keyed by its number")
            tap.eq(peers.telemetry_or_none(con.prefix, "/skbfwd/latency,1"), None,
                   f"{fam}: /skbfwd/latency,1: no such forwarding port, no answer")
        rest = con.finish(b"quit\n")
        tap.eq(con.rc, 0, f"{fam}: exit status", "\n".join(rest))
        tap.ok("mbufs in use at exit: 0" in rest, f"{fam}: no mbuf left at exit", "\n".join(rest))
    finally:
        con.close()
        if ns is not None:
            ns.delete()


def main():
    tap = peers.netns_tap("latency through a kernel host")
    for case in CASES:
        one(tap, *case)
    return tap


if __name__ == "__main__":
    main().done()
