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
milliseconds."""

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



def main():
    tap = t.Tap()
    why = peers.netns_unavailable()
    if why:
        tap.skip("latency through a kernel host", why)
        tap.done()
    ifname = peers.iface_name("lat")
    con = Console(["-i", "--forward-mode=txonly", "--port-topology=loop", "--tx-rate=1kpps",
                   "--latency", "--tx-ip=198.18.0.1,198.19.0.1", f"--eth-peer=0,{HOST_MAC}"],
                  vdevs=[f"net_tap0,iface={ifname},mac={PORT_MAC}"], tag="lattap")
    ns = None
    try:
        if not tap.ok(con.ready() is not None, "skbfwd at its prompt", con.log()):
            return tap
        ns = peers.Netns("lat")
        ns.take_iface(ifname, mac=HOST_MAC, addr="198.18.0.254/24")
        for key in ("all", "default", ifname):
            ns.run(["sysctl", "-qw", f"net.ipv4.conf.{key}.rp_filter=0"])
            ns.run(["sysctl", "-qw", f"net.ipv4.conf.{key}.send_redirects=0"])
        ns.run(["sysctl", "-qw", "net.ipv4.ip_forward=1"])
        ns.neigh("198.18.0.1", PORT_MAC, ifname)
        ns.run(["ip", "route", "add", "198.19.0.0/16", "via", "198.18.0.1", "dev", ifname])
        tap.ok(con.cmd("start") is not None, "start", con.log())
        time.sleep(RUN)
        out = con.cmd("stop", timeout=60)
        text = "\n".join(out or [])
        tap.ok(out is not None, "stop", con.log())
        f = t.LATENCY_FLOW_RE.search(text)
        if tap.ok(f is not None, "the flow's line", text):
            rx, lost, reord, sent = (int(x) for x in f.groups())
            tap.ok(abs(sent - 1000 * RUN) <= 0.1 * 1000 * RUN,
                   f"{sent} probes sent: {RUN} s at 1 kpps (10 %: the prompt's timing)")
            tap.eq(rx, sent, "the kernel routed every probe back")
            tap.eq(lost, 0, "nothing lost")
            tap.eq(reord, 0, "nothing reordered")
        m = t.LATENCY_RE.search(text)
        if tap.ok(m is not None, "the latency line", text):
            mn, mean, p50, p90, p99, p999, mx = (float(x) for x in m.groups()[1:])
            tap.ok(0 < mn <= p50 <= p90 <= p99 <= p999 <= mx,
                   f"0 < min {mn} <= p50 {p50} <= p90 {p90} <= p99 {p99} <= p99.9 {p999} <= max {mx} us")
            tap.ok(1 <= mn and p50 <= 10000,
                   f"a kernel's forwarding: min {mn} us >= 1 us, p50 {p50} us <= 10 ms")
            tap.ok(mx < 1e6, f"max {mx} us below a second")
        rest = con.finish(b"quit\n")
        tap.eq(con.rc, 0, "exit status", "\n".join(rest))
        tap.ok("mbufs in use at exit: 0" in rest, "no mbuf left at exit", "\n".join(rest))
    finally:
        con.close()
        if ns is not None:
            ns.delete()
    return tap


if __name__ == "__main__":
    main().done()
