#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Kernel hosts with IPv6 addresses as peers of skbfwd, over net_tap in namespaces.

io: A (2001:db8:80::a/64) and B (2001:db8:80::b/64) on one link through skbfwd;
the hosts find each other by neighbour discovery across it, ping6 5 times each
way and send a 64 KiB file over UDP/IPv6 from A to B (same SHA-256 at B).

l3fwd: A (2001:db8:81:1::2/64) and B (2001:db8:81:2::2/64) in two subnets,
skbfwd the router between them (--routes with IPv6 prefixes; the hosts' gateway
is skbfwd's port, with static neighbour entries).  5 pings each way answered
with hop limit 63 (one hop), the file from A to B arrives whole.

icmpecho: each host pings skbfwd's own IPv6 address on its side (--icmp-ip),
learning skbfwd's MAC by neighbour solicitation: the 5 echo requests answered.

The hosts turn IPv6 on for their tap only, without DAD, router solicitations or
autoconfiguration; the kernel still sends MLD reports, which skbfwd forwards
(io), drops as ttl_expired (l3fwd: hop limit 1) or as not_for_us (icmpecho):
the test allows those drops and no other."""

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


def check_exit(tap, name, r, allowed):
    """skbfwd's exit: status 0, no leak, drops only of the @allowed reasons."""
    tap.eq(r.rc, 0, f"{name}: skbfwd exit status", r.log())
    tap.eq(r.in_use, 0, f"{name}: mbufs in use at exit")
    drops = r.total["drops"] if r.total else {"no statistics": 1}
    tap.eq(sorted(k for k, v in drops.items() if v and k not in allowed), [],
           f"{name}: no drop but {', '.join(allowed) or 'none'} ({drops})")


def transfer(tap, name, a, b, dst):
    got, log = peers.udp_transfer(a, b, dst, 5006, FILE, BLOCK)
    tap.eq(len(got), len(FILE), f"{name}: UDP/IPv6 transfer A -> B: bytes received", log)
    tap.eq(hashlib.sha256(got).hexdigest(), hashlib.sha256(FILE).hexdigest(),
           f"{name}: UDP/IPv6 transfer A -> B: SHA-256 at the far end")


def io(tap):
    host = ("2001:db8:80::a", "2001:db8:80::b")
    h = peers.TapHosts("i6")
    try:
        if not tap.ok(h.start(["--forward-mode=io", "--duration=50"],
                              [f"{host[p]}/64" for p in (0, 1)]),
                      "io6: skbfwd up, hosts addressed on one link", h.log()):
            return
        a, b = h.hosts
        for src, dst, what in ((a, host[1], "A -> B"), (b, host[0], "B -> A")):
            tx, rx, out = peers.ping(src, dst, PINGS)
            tap.eq((tx, rx), (PINGS, PINGS), f"io6: ping -6 {what} through skbfwd", out)
            tap.eq(peers.ping_ttls(out), ["64"], f"io6: {what}: no router between (hop limit 64)")
        r = a.run(["ip", "-6", "neigh", "show", host[1]], check=False)
        tap.ok(peers.TapHosts.host_mac[1] in r.stdout.lower(),
               "io6: A learnt B's MAC by neighbour discovery through skbfwd", r.stdout)
        transfer(tap, "io6", a, b, host[1])
        # io forwards what the kernel sends by itself as a link comes up (DAD,
        # router and MLD solicitations to multicast groups): one may meet the
        # other tap before its interface is up, and the tap refuses it
        # (tx_full); the pings and the transfer above are exact all the same
        check_exit(tap, "io6", h.stop(), ("tx_full",))
    finally:
        h.cleanup()


def l3fwd(tap):
    gw = ("2001:db8:81:1::1", "2001:db8:81:2::1")
    host = ("2001:db8:81:1::2", "2001:db8:81:2::2")
    d = tempfile.mkdtemp(prefix="skbp_l36_")
    h = peers.TapHosts("l6")
    try:
        if not tap.ok(h.start_router(d, ("2001:db8:81:1::/64", "2001:db8:81:2::/64"),
                                     [f"{host[p]}/64" for p in (0, 1)], gw, ["--duration=50"]),
                      "l3fwd6: skbfwd up, hosts addressed in two subnets", h.log()):
            return
        a, b = h.hosts
        for src, dst, what in ((a, host[1], "A -> B"), (b, host[0], "B -> A")):
            tx, rx, out = peers.ping(src, dst, PINGS)
            tap.eq((tx, rx), (PINGS, PINGS), f"l3fwd6: ping -6 {what} across subnets", out)
            tap.eq(peers.ping_ttls(out), ["63"], f"l3fwd6: {what}: one router hop (hop limit 63)")
        transfer(tap, "l3fwd6", a, b, host[1])
        r = h.stop()
        check_exit(tap, "l3fwd6", r, ("ttl_expired",))
        p0, p1 = r.ports.get(0, {}), r.ports.get(1, {})
        drops = r.total["drops"].get("ttl_expired", 0) if r.total else 0
        tap.eq(p0.get("rx", 0) + p1.get("rx", 0), p0.get("tx", 0) + p1.get("tx", 0) + drops,
               "l3fwd6: every frame received routed or dropped (MLD, hop limit 1)", r.log())
        tap.ok(p1.get("tx", 0) >= 2 * PINGS + len(FILE) // BLOCK,
               f"l3fwd6: port 1 sent the pings and the datagrams to B ({p1.get('tx')})")
    finally:
        h.cleanup()
        shutil.rmtree(d, ignore_errors=True)


def icmpecho(tap):
    mine = ("2001:db8:82:1::1", "2001:db8:82:2::1")
    host = ("2001:db8:82:1::2", "2001:db8:82:2::2")
    h = peers.TapHosts("e6")
    try:
        if not tap.ok(h.start_icmpecho(mine, [f"{host[p]}/64" for p in (0, 1)],
                                       ["--duration=50"]),
                      "icmpecho6: skbfwd up, hosts addressed", h.log()):
            return
        # no static entry: the host asks skbfwd by neighbour solicitation
        peers.ping_and_learn(tap, h, mine, "icmpecho6", PINGS)
        r = h.stop()
        check_exit(tap, "icmpecho6", r, ("not_for_us",))
        for p in (0, 1):
            pp = r.ports.get(p, {})
            # one solicitation and the echo requests answered, nothing else sent
            tap.eq(pp.get("tx"), 1 + PINGS,
                   f"icmpecho6: port {p} answered the solicitation and the pings", r.log())
    finally:
        h.cleanup()


def main():
    tap = t.Tap()
    why = peers.hosts_unavailable()
    if why:
        for name in ("io6", "l3fwd6", "icmpecho6"):
            tap.skip(f"{name}: kernel IPv6 hosts around skbfwd", why)
        return tap
    io(tap)
    l3fwd(tap)
    icmpecho(tap)
    return tap


if __name__ == "__main__":
    main().done()
