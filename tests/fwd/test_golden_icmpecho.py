#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""icmpecho golden test: ARP requests and pings for the port's --icmp-ip address
through net_pcap; every reply checked field by field (MACs, ARP fields, swapped
IPv4 addresses, TTL kept, IPv4 and ICMP checksums by an independent sum, echo
id/sequence/payload kept); everything else dropped under its reason, exact."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

H, BC, ME, PEER = "02:00:00:00:77:01", "ff:ff:ff:ff:ff:ff", "10.0.0.1", "10.0.0.50"
PM = "02:70:63:61:70:00"


def arp(op, sha, spa, tha, tpa, dst=BC):
    body = struct.pack("!HHBBH", 1, 0x0800, 6, 4, op) + t.mac(sha) + g.ip4(spa) + \
        t.mac(tha) + g.ip4(tpa)
    return g.eth(dst, sha, g.ETH_ARP, body)


def icmp(typ, ident, seq, payload, csum=None, code=0):
    h = struct.pack("!BBHHH", typ, code, 0, ident, seq) + payload
    c = t.inet_csum(h) if csum is None else csum
    return h[:2] + struct.pack("!H", c) + h[4:]


def ping(dst=ME, typ=8, payload=bytes(range(56)), ident=0x1234, seq=1, csum=None, ttl=64,
         **kw):
    return g.eth(PM, H, g.ETH_IPV4, g.ipv4(PEER, dst, 1, icmp(typ, ident, seq, payload, csum),
                                          ttl=ttl, **kw))


arps = [arp(1, H, PEER, "00:00:00:00:00:00", ME)]
pings = [ping(), ping(payload=bytes(i & 0xff for i in range(3000)), seq=2, ttl=9),
         ping(payload=b"", seq=3), ping(seq=4) + bytes(8)]      # Ethernet padding kept
bad = [
    (arp(1, H, PEER, "00:00:00:00:00:00", "10.0.0.9"), "not_for_us"),
    (arp(2, H, PEER, PM, ME, dst=PM), "not_for_us"),              # a reply, not a request
    (ping(dst="10.0.0.9"), "not_for_us"),
    (ping(typ=0), "not_for_us"),                                   # echo reply
    (g.udp_frame(PM, H, PEER, ME), "not_for_us"),
    (ping(csum=0x1111), "bad_checksum"),
    (ping(total_length=300), "truncated"),
    (ping()[:30], "truncated"),
    (g.eth(PM, H, 0x86DD, bytes(60)), "not_ipv4"),
    (g.eth(PM, H, g.ETH_ARP, bytes(10)), "truncated"),
]
frames = [arps[0], bad[0][0], pings[0], bad[1][0], pings[1], bad[2][0], pings[2], pings[3]] + \
    [b[0] for b in bad[3:]]
drops = {}
for _, r in bad:
    drops[r] = drops.get(r, 0) + 1

tap = t.Tap()
run = g.PcapRun("icmpecho", [frames], ["--port-topology=loop", f"--icmp-ip=0,{ME}"])
g.check_run(tap, run, "icmpecho", len(frames), drops)
out = run.outputs[0]
tap.eq(len(out), 1 + len(pings), "icmpecho: replies out")
if out:
    o = out[0]
    want = g.eth(H, PM, g.ETH_ARP, struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + t.mac(PM) +
                 g.ip4(ME) + t.mac(H) + g.ip4(PEER))
    tap.eq(o[:42], want, "icmpecho: ARP reply, every field")
    tap.eq(o[42:], arps[0][42:], "icmpecho: ARP reply padding kept")
for k, (w, o) in enumerate(zip(pings, out[1:])):
    name = f"icmpecho reply {k}"
    tap.eq(len(o), len(w), f"{name}: length")
    tap.eq((o[0:6], o[6:12], o[12:14]), (t.mac(H), t.mac(PM), b"\x08\x00"),
           f"{name}: MACs swapped (source = port's)")
    ipi, ipo = g.parse_ipv4(w[14:]), g.parse_ipv4(o[14:])
    tap.eq((ipo["src"], ipo["dst"], ipo["ttl"], ipo["id"], ipo["total_length"]),
           (ME, PEER, ipi["ttl"], ipi["id"], ipi["total_length"]),
           f"{name}: addresses swapped, TTL/ID/length kept")
    tap.ok(ipo["csum_ok"], f"{name}: IPv4 header checksum right")
    end = 14 + ipo["total_length"]
    ic = o[34:end]
    tap.eq((ic[0], ic[1]), (0, 0), f"{name}: ICMP type 0 code 0")
    tap.eq(t.inet_csum(ic), 0, f"{name}: ICMP checksum right")
    tap.eq(ic[4:], w[38:end], f"{name}: id, sequence and payload kept")
    tap.eq(o[end:], w[end:], f"{name}: Ethernet padding kept")
run.cleanup()

# without --icmp-ip a port answers nothing
run = g.PcapRun("icmpecho", [[arps[0], pings[0]]], ["--port-topology=loop"], tag="icmp_noaddr")
g.check_run(tap, run, "icmpecho without address", 2, {"not_for_us": 2})
tap.ok("port 0 has no --icmp-ip address" in run.r.out, "icmpecho: missing address reported")
run.cleanup()

r = t.run(["--forward-mode=icmpecho", "--icmp-ip=0,10.0.0", "--duration=0.2"], tag="icmp_bad")
tap.ok(r.rc != 0 and "--icmp-ip" in r.err, "icmpecho: bad --icmp-ip refused", r.log())
g.null_run(tap, "icmpecho", ["--icmp-ip=0,10.0.0.1"])
tap.done()
