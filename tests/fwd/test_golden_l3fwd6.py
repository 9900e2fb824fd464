#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""l3fwd IPv6 golden test: a pcap of good and hostile IPv6 frames (and IPv4 ones
beside them) through net_pcap; every forwarded frame checked byte by byte (port by
longest prefix, MACs, hop limit - 1, every other byte unchanged, extension headers
included), every hostile one dropped under its reason; IPv6 route-file errors name
the line."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

SRC_MAC, IN_MAC = "02:00:00:00:aa:01", "02:70:63:61:70:00"
HOP1, HOP0 = "02:00:00:00:01:01", "02:00:00:00:00:02"
ROUTES = f"""# IPv6 and IPv4 routes in one file
2001:db8:1::/48       1 {HOP1}
2001:db8:1:2::/64     0 {HOP0}   # more specific, back out of port 0
2001:db8:1:2::77/128  1 {HOP1}   # a host route inside it
8000::/1              1 {HOP1}
10.1.0.0/16           0 {HOP0}
"""
SRC = "2001:db8:99::1"


def f(dst, hlim=64, payload=b"x" * 18, src=SRC, **kw):
    return g.udp6_frame(IN_MAC, SRC_MAC, src, dst, payload, hlim=hlim, **kw)


def tcp6(dst, exts=(), hlim=64):
    seg = g.struct.pack("!HHIIBBHHH", 4000, 80, 7, 0, 0x50, 0x18, 8192, 0, 0) + b"t" * 33
    c = g.l4_csum6(SRC, dst, 6, seg)
    seg = seg[:16] + g.struct.pack("!H", c) + seg[18:]
    return g.eth(IN_MAC, SRC_MAC, g.ETH_IPV6, g.ipv6(SRC, dst, 6, seg, hlim=hlim, exts=exts))


good = [  # (frame, port it must leave by, next hop MAC)
    (f("2001:db8:1::5"), 1, HOP1),
    (f("2001:db8:1:2::9", hlim=2), 0, HOP0),
    (f("2001:db8:1:2::77"), 1, HOP1),                                  # /128 inside the /64
    (f("2001:db8:1:5::1", exts=((g.NH_HOP, 8), (g.NH_DEST, 16))), 1, HOP1),
    (tcp6("2001:db8:1:2::3", exts=((g.NH_HOP, 16), (g.NH_ROUTING, 24), (g.NH_AH, 24))), 0, HOP0),
    (f("2001:db8:1::6", exts=((g.NH_FRAGMENT, 8, 0x0001),)), 1, HOP1),   # first fragment
    (f("2001:db8:1::7", exts=((g.NH_FRAGMENT, 8, 185 << 3),)), 1, HOP1),  # later fragment
    (g.vlan_eth(IN_MAC, SRC_MAC, 7, g.ETH_IPV6,
                g.ipv6(SRC, "2001:db8:1:2::4", 17,
                       g.udp6(SRC, "2001:db8:1:2::4", 5, 6, b"v" * 20))), 0, HOP0),
    (f("2001:db8:1::8", payload=bytes(range(256)) * 5), 1, HOP1),     # 1342 bytes
    (f("2001:db8:1::9", payload=bytes(i & 0xff for i in range(2900))), 1, HOP1),  # chained on RX
    (f("9000::1", hlim=255), 1, HOP1),                                 # 8000::/1
    (f("2001:db8:1::a") + b"\0" * 10, 1, HOP1),                        # Ethernet padding kept
    (f("2001:db8:1::b", src="fe80::1"), 1, HOP1),                      # link-local source: routed
    (g.udp_frame(IN_MAC, SRC_MAC, "192.168.9.1", "10.1.5.5", b"4" * 18), 0, HOP0),  # IPv4 beside
]
bad = [  # (frame, reason)
    (f("2001:db8:1::5", hlim=1), "ttl_expired"),
    (f("2001:db8:1::5", hlim=0), "ttl_expired"),
    (f("2001:db8:1::5", src="ff02::1"), "bad_address"),                # multicast source
    (f("2001:db8:1::5", src="ff0e::1234", hlim=1), "bad_address"),
    (f("2001:db9::1"), "no_route"),
    (f("2001:db8:1::5", version=4), "bad_header"),
    (f("2001:db8:1::5", version=7), "bad_header"),
    (f("2001:db8:1::5", payload_length=600), "truncated"),            # past the frame
    (f("2001:db8:1::5", payload_length=27), "truncated"),             # one past the frame
    (f("2001:db8:1::5", exts=((g.NH_HOP, 8),), payload_length=7), "truncated"),  # chain past payload
    (f("2001:db8:1::5")[:40], "truncated"),                            # IPv6 header cut
    (f("2001:db8:1::5")[:10], "truncated"),                            # not even Ethernet
    (g.eth(IN_MAC, SRC_MAC, g.ETH_ARP, b"\0" * 28), "not_ipv4"),
]
# a hop-by-hop header stating 2048 bytes, the chain running far past the frame
long_hbh = f("2001:db8:1::5", exts=((g.NH_HOP, 8),))
bad.append((long_hbh[:55] + b"\xff" + long_hbh[56:], "truncated"))
frames, drops = g.mix(good, bad)

tap = t.Tap()
run = g.PcapRun("l3fwd", [frames, []], ["--routes=@DIR@/routes.conf"],
                extra_files={"routes.conf": ROUTES})
g.check_run(tap, run, "l3fwd6", len(frames), drops)
tap.ok("skbfwd: l3fwd: 5 routes from" in run.r.out, "l3fwd6: 5 routes loaded", run.r.out)
def check_l3(name, w, o, l3):
    if w[l3 - 2:l3] == b"\x86\xdd":
        tap.eq(o[l3 + 7], w[l3 + 7] - 1, f"{name}: hop limit decremented")
        tap.eq(o[l3:l3 + 7] + o[l3 + 8:], w[l3:l3 + 7] + w[l3 + 8:],
               f"{name}: every other byte unchanged")
    else:
        tap.eq(o[l3 + 8], w[l3 + 8] - 1, f"{name}: IPv4 TTL decremented")
        tap.eq(t.inet_csum(o[l3:l3 + 20]), 0, f"{name}: IPv4 header checksum right")


g.check_routed(tap, run, "l3fwd6", good, {0: HOP0, 1: HOP1}, check_l3)
run.cleanup()

# IPv6 route file errors: line number, non-zero exit
H = "02:00:00:00:00:01"
g.bad_file_runs(tap, "l3fwd", "routes", (
    (f"2001:db8::/32 1 {H}\n2001:db8::/129 1 {H}\n", 2, "length"),
    (f"# c\n2001:db8::g/64 1 {H}\n", 2, "address"),
    (f"2001:db8::1/64 1 {H}\n", 1, "bits past the prefix"),
    (f"2001:db8::/32 1 {H}\n10.0.0.0/8 0 {H}\n2001:db8::/32 0 {H}\n", 3, "routed twice"),
    (f"2001:db8::/32 7 {H}\n", 1, "port")), name="l3fwd6")
tap.done()
