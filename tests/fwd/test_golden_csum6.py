#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""csum IPv6 golden test: UDP and TCP over IPv6 (with extension headers, VLAN,
chained mbufs, padding) with right and wrong checksums through net_pcap; every
frame out compared byte for byte with the input whose checksum field holds the
value computed here (RFC 8200 8.1 pseudo-header, an independent sum); a UDP
checksum of 0 is wrong over IPv6 and fixed; other next headers and fragments
pass unchanged; malformed IPv6 dropped under its reason (golden.ipv6_hostile()'s
set among them: hop limits 0 and 1 and multicast sources are no concern of
csum's); the per-protocol counts of the ipv6 line exact."""

import os
import re
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

A, B = "02:00:00:00:00:0a", "02:00:00:00:00:0b"
S, D = "2001:db8:5::1", "2001:db8:6::2"


def udp6(payload, csum=None, exts=(), **kw):
    return g.eth(B, A, g.ETH_IPV6, g.ipv6(S, D, 17, g.udp6(S, D, 1000, 2000, payload, csum=csum),
                                          exts=exts, **kw))


def tcp6(payload, csum=None, exts=(), vlan=None):
    seg = struct.pack("!HHIIBBHHH", 4000, 80, 1, 2, 0x60, 0x18, 8192, 0, 0) + \
        b"\x02\x04\x05\xb4" + payload                                 # MSS option
    c = g.l4_csum6(S, D, 6, seg) if csum is None else csum
    seg = seg[:16] + struct.pack("!H", c) + seg[18:]
    ip = g.ipv6(S, D, 6, seg, exts=exts)
    return g.vlan_eth(B, A, vlan, g.ETH_IPV6, ip) if vlan else g.eth(B, A, g.ETH_IPV6, ip)


cases = [  # (frame, class: (proto, good) or "other")
    (udp6(b"hello, ipv6"), ("udp", "good")),
    (udp6(b"hello, ipv6", csum=0x1234), ("udp", "bad")),
    (udp6(b"zero is wrong here", csum=0), ("udp", "bad")),
    (udp6(bytes(i & 0xff for i in range(3000)), csum=0x4444), ("udp", "bad")),   # chained
    (udp6(b"behind a chain", csum=0x5555, exts=((g.NH_HOP, 8), (g.NH_DEST, 16))), ("udp", "bad")),
    (udp6(b"padded", csum=0x6666) + bytes(8), ("udp", "bad")),      # Ethernet padding kept
    (tcp6(b"GET / HTTP/1.0\r\n\r\n"), ("tcp", "good")),
    (tcp6(b"GET / HTTP/1.0\r\n\r\n", csum=0x7777), ("tcp", "bad")),
    (tcp6(b"x" * 31, csum=0, exts=((g.NH_ROUTING, 24),), vlan=9), ("tcp", "bad")),
    (g.eth(B, A, g.ETH_IPV6, g.ipv6(S, D, 58, bytes(16))), "other"),       # ICMPv6
    (udp6(b"first fragment", csum=0x1111, exts=((g.NH_FRAGMENT, 8, 1),)), "other"),
]
dropped = [
    (udp6(b"x")[:40], "truncated"),
    (udp6(b"x", payload_length=300), "truncated"),
    (udp6(b"x", version=5), "bad_header"),
    (g.eth(B, A, g.ETH_IPV6, g.ipv6(S, D, 17, g.udp6(S, D, 1, 2, bytes(8), length=100))),
     "bad_header"),
    (udp6(b"x", exts=((g.NH_HOP, 8),))[:14 + 40 + 4], "truncated"),   # chain past the frame
]
# the shared IPv6 set (right checksums throughout): what csum makes of each kind
SHARED = {
    "udp": ("udp", "good"), "tcp": ("tcp", "good"), "icmpv6 echo": "other",
    "hop-by-hop, routing, destination options": ("udp", "good"), "first fragment": "other",
    "header cut at 30 bytes": "truncated", "header alone, payload length 0": "other",
    "payload length past the frame": "truncated",
    "payload length below the frame (padding)": "bad_header",     # UDP length past it
    "destination options past the packet": "truncated",
    "chain cut inside a hop-by-hop header": "truncated",
    "hop limit 0": ("udp", "good"), "hop limit 1": ("udp", "good"),
    "multicast source ff02::1": ("udp", "good"), "multicast source ff0e::1234": ("udp", "good"),
    "version 4 behind 0x86dd": "bad_header", "802.1Q tag": ("udp", "good"),
}
for name, fr in g.ipv6_hostile(B, A, 7):
    cl = SHARED[name]
    if cl in ("truncated", "bad_header"):
        dropped.append((fr, cl))
    else:
        cases.append((fr, cl))
frames, drops = g.mix([c + (0,) for c in cases], dropped)
count = {"udp-good": 0, "udp-bad": 0, "tcp-good": 0, "tcp-bad": 0, "other": 0}
for _, cl in cases:
    count["other" if cl == "other" else f"{cl[0]}-{cl[1]}"] += 1


def fixed(w):
    """The frame csum must send for w: its L4 checksum field set right (computed here)."""
    l3 = 18 if w[12:14] == b"\x81\x00" else 14
    nh, off = w[l3 + 6], l3 + 40
    while nh in (g.NH_HOP, g.NH_ROUTING, g.NH_DEST):
        nh, off = w[off], off + (w[off + 1] + 1) * 8
    end = l3 + 40 + struct.unpack("!H", w[l3 + 4:l3 + 6])[0]
    field = off + (16 if nh == 6 else 6)
    seg = w[off:field] + b"\0\0" + w[field + 2:end]
    c = g.l4_csum6(S, D, nh, seg)
    if nh == 17 and c == 0:
        c = 0xFFFF
    return w[:field] + struct.pack("!H", c) + w[field + 2:]


tap = t.Tap()
run = g.PcapRun("csum", [frames], ["--port-topology=loop"], tag="csum6")
g.check_run(tap, run, "csum6", len(frames), drops)
out = run.outputs[0]
tap.eq(len(out), len(cases), "csum6: frames out")
for k, ((w, cl), o) in enumerate(zip(cases, out)):
    want = w if cl == "other" or cl[1] == "good" else fixed(w)
    tap.eq(o.hex(), want.hex(), f"csum6 frame {k} ({cl}): every byte")
m = re.search(r"^csum: port 0 queue 0: ipv6 udp-good=(\d+) udp-bad=(\d+) tcp-good=(\d+) "
              r"tcp-bad=(\d+) other=(\d+)$", run.r.out, re.M)
got = dict(zip(count.keys(), map(int, m.groups()))) if m else None
tap.eq(got, count, "csum6: good/bad counts per protocol", run.r.out)
m = re.search(r"^csum: port 0 queue 0: ip-good=0 ip-bad=0 udp-good=0 udp-bad=0 udp-none=0 "
              r"other=0$", run.r.out, re.M)
tap.ok(m is not None, "csum6: nothing counted on the IPv4 line", run.r.out)
run.cleanup()
tap.done()
