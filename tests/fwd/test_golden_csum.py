#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""csum golden test: frames with right, wrong and absent IPv4/UDP checksums
through net_pcap (no checksum offload there: the software path); every output
frame must carry right checksums (checked by an independent sum) and otherwise
be the input byte for byte; the good/bad counts per protocol are exact; IPv4
headers or UDP lengths that cannot be checksummed are dropped under their reason."""

import os
import re
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

A, B, S, D = "02:00:00:00:bb:01", "02:00:00:00:bb:02", "10.0.0.1", "10.0.0.2"


def uf(payload, ip_csum=None, udp_csum=None, l3=14, **kw):
    fr = g.eth(B, A, g.ETH_IPV4, g.ipv4(S, D, 17, g.udp(S, D, 7, 9, payload, csum=udp_csum),
                                        csum=ip_csum, **kw))
    return fr


# (frame, forwarded?, ip class, udp class)
cases = [
    (uf(bytes(18)), "good", "good"),
    (uf(bytes(range(200)), ip_csum=0xBEEF), "bad", "good"),
    (uf(bytes(range(200)), udp_csum=0xBEEF), "good", "bad"),
    (uf(b"\xff" * 100, ip_csum=1, udp_csum=2), "bad", "bad"),
    (uf(bytes(40), udp_csum=0), "good", "none"),
    (uf(bytes(i & 0xff for i in range(3000)), udp_csum=0x1111), "good", "bad"),   # chained
    (uf(bytes(i & 0xff for i in range(3000))), "good", "good"),
    (uf(bytes(30), options=b"\x01\x01\x01\x00", udp_csum=0x2222), "good", "bad"),  # IHL 6
    (g.eth(B, A, g.ETH_IPV4, g.ipv4(S, D, 6, bytes(20), csum=0x7777)), "bad", None),   # TCP
    (g.eth(B, A, g.ETH_IPV4, g.ipv4(S, D, 17, bytes(30), flags_frag=0x2000)), "good", None),  # fragment
    (g.eth(B, A, g.ETH_ARP, bytes(28)), None, None),
    (uf(bytes(18), udp_csum=0x3333) + bytes(6), "good", "bad"),   # Ethernet padding after IP
]
dropped = [
    (uf(bytes(10))[:30], "truncated"),
    (uf(bytes(10), ihl=4), "bad_header"),
    (g.eth(B, A, g.ETH_IPV4, g.ipv4(S, D, 17, g.udp(S, D, 1, 2, bytes(8), length=100))),
     "bad_header"),
    (b"\x00" * 6, "truncated"),
]
frames = [c[0] for c in cases] + [d[0] for d in dropped]
drops = {}
for _, r in dropped:
    drops[r] = drops.get(r, 0) + 1
count = {"ip-good": 0, "ip-bad": 0, "udp-good": 0, "udp-bad": 0, "udp-none": 0, "other": 0}
for _, ipc, udpc in cases:
    if ipc is None:
        count["other"] += 1
        continue
    count["ip-" + ipc] += 1
    if udpc is not None:
        count["udp-" + udpc] += 1
count["ip-good"] += 1   # the dropped bad UDP length: its IPv4 header was checked, and good

tap = t.Tap()
run = g.PcapRun("csum", [frames], ["--port-topology=loop"])
g.check_run(tap, run, "csum", len(frames), drops)
out = run.outputs[0]
tap.eq(len(out), len(cases), "csum: frames out")
for k, ((w, ipc, udpc), o) in enumerate(zip(cases, out)):
    name = f"csum frame {k}"
    tap.eq(len(o), len(w), f"{name}: length")
    if ipc is None:
        tap.eq(o, w, f"{name}: not IPv4, unchanged")
        continue
    ip = g.parse_ipv4(o[14:])
    hl, tl = ip["ihl"], ip["total_length"]
    tap.ok(ip["csum_ok"], f"{name}: IPv4 header checksum right (0x{ip['csum']:04x})")
    if udpc is None:
        tap.eq(o[:24] + o[26:], w[:24] + w[26:], f"{name}: only the IPv4 checksum may change")
        continue
    l4 = 14 + hl
    uc = struct.unpack("!H", o[l4 + 6:l4 + 8])[0]
    if udpc == "none":
        tap.eq(uc, 0, f"{name}: UDP checksum 0 left alone")
    else:
        tap.ok(g.udp_csum_ok(o[14:14 + hl], o[l4:14 + tl]),
               f"{name}: UDP checksum right (0x{uc:04x})")
    tap.eq(o[:24] + o[26:l4 + 6] + o[l4 + 8:], w[:24] + w[26:l4 + 6] + w[l4 + 8:],
           f"{name}: only the checksum fields may change")
m = re.search(r"^csum: port 0 queue 0: ip-good=(\d+) ip-bad=(\d+) udp-good=(\d+) "
              r"udp-bad=(\d+) udp-none=(\d+) other=(\d+)$", run.r.out, re.M)
got = dict(zip(count.keys(), map(int, m.groups()))) if m else None
tap.eq(got, count, "csum: good/bad counts per protocol", run.r.out)
tap.ok("verify ip=sw udp=sw, fix on port 0 ip=sw udp=sw" in run.r.out,
       "csum: software path on net_pcap (no offload reported)")
run.cleanup()

g.null_run(tap, "csum")
tap.done()
