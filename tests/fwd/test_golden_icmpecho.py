#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""icmpecho golden test: ARP requests and pings for the port's --icmp-ip address
through net_pcap; every reply checked field by field (MACs, ARP fields, swapped
IPv4 addresses, TTL kept, IPv4 and ICMP checksums by an independent sum, echo
id/sequence/payload kept); everything else dropped under its reason, exact.
A port without --icmp-ip answers for any address (a ping to a group from
testpmd's made-up neighbour of the asker), while a port with one answers only
its own."""

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
    (g.eth(PM, H, 0x88CC, bytes(60)), "not_ipv4"),                # LLDP: neither IP
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

# without --icmp-ip a port answers for any address, as testpmd's icmpecho;
# port 1 has an address and answers only it (two ports, each looped on itself)
ANY, GROUP, BCAST = "192.0.2.77", "224.0.0.1", "255.255.255.255"
any_in = [arp(1, H, PEER, "00:00:00:00:00:00", ANY), ping(dst=ANY, seq=7),
          ping(dst=GROUP, seq=8), ping(dst=BCAST, seq=9),
          arp(2, H, PEER, PM, ANY, dst=PM), ping(dst=ANY, typ=0),
          g.eth(PM, H, g.ETH_IPV4, g.ipv4("10.0.0.49", "239.1.2.3", 1,
                                          icmp(8, 0x4321, 10, b"low bits 01")))]
p1_in = [arp(1, H, PEER, "00:00:00:00:00:00", ANY), ping(dst=ANY), ping(dst=ME, seq=5)]
run = g.PcapRun("icmpecho", [any_in, p1_in], ["--port-topology=loop", f"--icmp-ip=1,{ME}"],
                tag="icmp_any")
g.check_run(tap, run, "icmpecho without address on port 0", len(any_in) + len(p1_in),
            {"not_for_us": 4}, tx=6)
tap.ok("port 0 has no --icmp-ip address: it answers ARP and ping for any address" in run.r.out,
       "icmpecho: port 0 answers any address, said at start", run.r.out)
m0 = run.macs.get(0, "")
out0, out1 = run.outputs[0], run.outputs[1]
tap.eq(len(out0), 5, "icmpecho any address: ARP, unicast, multicast and broadcast ping answered")
if len(out0) == 5:
    tap.eq(out0[0][:42], g.eth(H, m0, g.ETH_ARP, struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2)
                                + t.mac(m0) + g.ip4(ANY) + t.mac(H) + g.ip4(PEER)),
           "icmpecho any address: the ARP reply says the asked address is the port's")
    # the neighbour testpmd makes up for a group: the asker's address, low bits 01
    # (or 10 when they were 01): 10.0.0.50 = ...00110010 -> 10.0.0.49, and 49 -> 50
    for o, w, src in ((out0[1], any_in[1], ANY), (out0[2], any_in[2], "10.0.0.49"),
                      (out0[3], any_in[3], "10.0.0.49"), (out0[4], any_in[6], "10.0.0.50")):
        ipo = g.parse_ipv4(o[14:])
        asker = g.parse_ipv4(w[14:])["src"]
        tap.eq((o[0:6], o[6:12], ipo["src"], ipo["dst"], ipo["ttl"], ipo["csum_ok"], o[34],
                t.inet_csum(o[34:])),
               (t.mac(H), t.mac(m0), src, asker, 64, True, 0, 0),
               f"icmpecho any address: reply to {g.parse_ipv4(w[14:])['dst']} from {src}, "
               "checksums right")
        tap.eq(o[38:], w[38:], "icmpecho any address: id, sequence and payload kept")
tap.eq(len(out1), 1, "icmpecho port 1 (--icmp-ip): only its own address answered")
if out1:
    tap.eq(g.parse_ipv4(out1[0][14:])["src"], ME, "icmpecho port 1: reply from its address")
run.cleanup()

r = t.run(["--forward-mode=icmpecho", "--icmp-ip=0,10.0.0", "--duration=0.2"], tag="icmp_bad")
tap.ok(r.rc != 0 and "--icmp-ip" in r.err, "icmpecho: bad --icmp-ip refused", r.log())
g.null_run(tap, "icmpecho", ["--icmp-ip=0,10.0.0.1"])
tap.done()
