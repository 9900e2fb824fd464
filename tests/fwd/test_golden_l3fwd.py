#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""l3fwd golden test: a pcap of good and malformed IPv4 frames through net_pcap;
every forwarded frame checked field by field (port chosen by longest prefix, MACs,
TTL - 1, header checksum by an independent sum, rest of the frame unchanged),
every malformed one dropped under its reason; route-file errors name the line."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

SRC_MAC, IN_MAC = "02:00:00:00:aa:01", "02:70:63:61:70:00"
HOP1, HOP0 = "02:00:00:00:01:01", "02:00:00:00:00:02"
ROUTES = f"""# sample: prefix/len port next-hop-mac
10.1.0.0/16   1 {HOP1}
10.1.2.0/24   0 {HOP0}   # more specific, back out of port 0
0.0.0.0/1     1 {HOP1}
"""


def f(dst, ttl=64, payload=b"x" * 18, **kw):
    return g.udp_frame(IN_MAC, SRC_MAC, "192.168.9.1", dst, payload, ttl=ttl, **kw)


good = [  # (frame, port it must leave by, next hop MAC)
    (f("10.1.5.5"), 1, HOP1),
    (f("10.1.2.9", ttl=2), 0, HOP0),
    (f("10.1.9.9", options=b"\x01\x01\x01\x00"), 1, HOP1),          # IHL 6
    (g.vlan_eth(IN_MAC, SRC_MAC, 7, g.ETH_IPV4,
                g.ipv4("192.168.9.1", "10.1.5.6", 17,
                       g.udp("192.168.9.1", "10.1.5.6", 5, 6, b"v" * 20))), 1, HOP1),
    (f("10.1.5.7", payload=bytes(range(256)) * 5), 1, HOP1),        # 1322 bytes
    (f("10.1.5.8", payload=bytes(i & 0xff for i in range(2900))), 1, HOP1),  # chained on RX
    (f("99.0.0.1", ttl=255), 1, HOP1),                                 # 0.0.0.0/1
    (f("10.1.5.9") + b"\0" * 10, 1, HOP1),                           # Ethernet padding kept
]
bad = [  # (frame, reason)
    (f("10.1.5.5", ttl=1), "ttl_expired"),
    (f("10.1.5.5", ttl=0), "ttl_expired"),
    (f("200.0.0.1"), "no_route"),
    (f("10.1.5.5", csum=0x1234), "bad_checksum"),
    (f("10.1.5.5", version=6), "bad_header"),
    (f("10.1.5.5", ihl=4), "bad_header"),
    (f("10.1.5.5", total_length=19), "bad_header"),
    (f("10.1.5.5", total_length=600), "truncated"),
    (f("10.1.5.5", ihl=15), "truncated"),                # header past the frame
    (f("10.1.5.5")[:30], "truncated"),                   # IPv4 header cut
    (f("10.1.5.5")[:10], "truncated"),                   # not even Ethernet
    (g.eth(IN_MAC, SRC_MAC, g.ETH_ARP, b"\0" * 28), "not_ipv4"),
]
frames, drops = g.mix(good, bad)

tap = t.Tap()
run = g.PcapRun("l3fwd", [frames, []], ["--routes=@DIR@/routes.conf"],
                extra_files={"routes.conf": ROUTES})
g.check_run(tap, run, "l3fwd", len(frames), drops)
tap.ok("skbfwd: l3fwd: 3 routes from" in run.r.out, "l3fwd: 3 routes loaded", run.r.out)


def check_ipv4(name, w, o, l3):
    ip_in, ip_out = g.parse_ipv4(w[l3:]), g.parse_ipv4(o[l3:])
    tap.eq(ip_out["ttl"], ip_in["ttl"] - 1, f"{name}: TTL decremented")
    tap.ok(ip_out["csum_ok"], f"{name}: IPv4 header checksum right (0x{ip_out['csum']:04x})")
    tap.eq(o[l3 + 10:l3 + 12], g.struct.pack("!H", t.inet_csum(
        ip_out["hdr"][:10] + b"\0\0" + ip_out["hdr"][12:])), f"{name}: checksum value")
    tap.eq(o[l3 + 9:], w[l3 + 9:l3 + 10] + o[l3 + 10:l3 + 12] + w[l3 + 12:],
           f"{name}: rest of the frame unchanged")


g.check_routed(tap, run, "l3fwd", good, {0: HOP0, 1: HOP1}, check_ipv4)
run.cleanup()

# route file errors: line number, non-zero exit
g.bad_file_runs(tap, "l3fwd", "routes", (
    ("10.0.0.0/8 1 02:00:00:00:00:01\n10.0.0.0/33 1 02:00:00:00:00:01\n", 2, "length"),
    ("# c\n\n10.0.0.0/8 7 02:00:00:00:00:01\n", 3, "port"),
    ("10.0.0.0/8 1 02:00:00:00:00\n", 1, "MAC"),
    ("10.0.0/8 1 02:00:00:00:00:01\n", 1, "address"),
    ("10.0.0.0/8 1\n", 1, "fields")))

g.null_run(tap, "l3fwd")
tap.done()
