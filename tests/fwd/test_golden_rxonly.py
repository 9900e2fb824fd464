#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""rxonly golden test: a mixed pcap through net_pcap; nothing is sent, every
frame is counted as consumed (packets and bytes exact); by default rxonly is a
sink and prints no class counts; with --rx-classify the per-class counts it
prints are exact, IPv6 and its UDP, TCP and ICMPv6 among them (extension
headers, a VLAN tag, fragments; bad versions, payload lengths, extension
chains past the frame, bad UDP/TCP/ICMPv6 headers counted malformed;
golden.ipv6_hostile()'s set among them)."""

import os
import re
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

A, B = "02:00:00:00:bb:01", "02:00:00:00:bb:02"
udp = [g.udp_frame(B, A, "10.0.0.1", "10.0.0.2", bytes(n)) for n in (18, 100, 1400, 3000)]
udp.append(g.vlan_eth(B, A, 3, g.ETH_IPV4, g.udp_frame(B, A, "10.0.0.1", "10.0.0.2")[14:]))
ipv4_other = [g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 6, bytes(20))),
              g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 17, bytes(30),
                                             flags_frag=0x0010))]          # UDP fragment
other = [g.eth(B, A, g.ETH_ARP, bytes(28)), g.eth(B, A, 0x88B5, bytes(60))]
S6, D6 = "2001:db8::1", "2001:db8::2"
tcp6 = struct.pack("!HHIIBBHHH", 1, 2, 3, 4, 5 << 4, 0x10, 100, 0, 0)
udp6 = [g.udp6_frame(B, A, S6, D6, bytes(n)) for n in (0, 700)]
udp6.append(g.vlan_eth(B, A, 5, g.ETH_IPV6, g.udp6_frame(B, A, S6, D6, b"x")[14:]))
tcp6s = [g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 6, tcp6 + b"data")),
         g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 6, tcp6, exts=((g.NH_HOP, 8), (g.NH_DEST, 16))))]
icmp6 = [g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 58, bytes([128, 0, 0, 0, 0, 1, 0, 1])))]
ipv6_other = [g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 17, bytes(20),          # a fragment
                                             exts=((g.NH_FRAGMENT, 8, (1 << 3) | 1),))),
              g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 47, bytes(24)))]          # GRE
# malformed IPv6 whose header is bad, and whose UDP/TCP/ICMPv6 header is (IPv6 valid)
malformed6 = [g.eth(B, A, g.ETH_IPV6, bytes(60)),                             # version 0
              g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 17, bytes(8), payload_length=200)),
              g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 6, b"", exts=((g.NH_HOP, 64),)))[:80]]
malformed6_l4 = [g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 17, g.udp6(S6, D6, 1, 2, bytes(8),
                                                                   length=40))),
                 g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 6, tcp6[:12] + b"\x30" + tcp6[13:])),
                 g.eth(B, A, g.ETH_IPV6, g.ipv6(S6, D6, 58, b"\x80\x00"))]
malformed = [b"\x01" * 9,
             g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 17, bytes(10), csum=1)),
             g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 17, bytes(10), ihl=3)),
             g.udp_frame(B, A, "10.0.0.1", "10.0.0.2", bytes(10))[:-12],    # cut in UDP: IP length past the frame
             g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 17,
                                            g.udp("10.0.0.1", "10.0.0.2", 1, 2, bytes(8), length=90)))]
# ipv4 = valid IPv4 headers (UDP ones included); the bad UDP length is malformed but its IPv4 is valid
frames = (udp + ipv4_other + other + malformed + udp6 + tcp6s + icmp6 + ipv6_other
          + malformed6 + malformed6_l4)
want = {"ipv4": len(udp) + len(ipv4_other) + 1, "udp": len(udp),
        "ipv6": len(udp6) + len(tcp6s) + len(icmp6) + len(ipv6_other) + len(malformed6_l4),
        "udp6": len(udp6), "tcp6": len(tcp6s), "icmp6": len(icmp6), "other": len(other),
        "malformed": len(malformed) + len(malformed6) + len(malformed6_l4)}
NAMES = ("ipv4", "udp", "ipv6", "udp6", "tcp6", "icmp6", "other", "malformed")
# the shared IPv6 set: the classes each kind counts in (a valid IPv6 header
# counts ipv6, also under a bad UDP header; hop limits and sources are no
# concern of rxonly's)
SHARED = {
    "udp": ("ipv6", "udp6"), "tcp": ("ipv6", "tcp6"), "icmpv6 echo": ("ipv6", "icmp6"),
    "hop-by-hop, routing, destination options": ("ipv6", "udp6"), "first fragment": ("ipv6",),
    "header cut at 30 bytes": ("malformed",), "header alone, payload length 0": ("ipv6",),
    "payload length past the frame": ("malformed",),
    "payload length below the frame (padding)": ("ipv6", "malformed"),   # UDP length past it
    "destination options past the packet": ("malformed",),
    "chain cut inside a hop-by-hop header": ("malformed",),
    "hop limit 0": ("ipv6", "udp6"), "hop limit 1": ("ipv6", "udp6"),
    "multicast source ff02::1": ("ipv6", "udp6"), "multicast source ff0e::1234": ("ipv6", "udp6"),
    "version 4 behind 0x86dd": ("malformed",), "802.1Q tag": ("ipv6", "udp6"),
}
for name, fr in g.ipv6_hostile(B, A, 9):
    frames.append(fr)
    for c in SHARED[name]:
        want[c] += 1

CLASSES = r"^rxonly: port 0 queue 0: " + " ".join(n + r"=(\d+)" for n in NAMES) + "$"


def classes(out):
    """The per-class counts rxonly --rx-classify printed for port 0 queue 0, or None."""
    m = re.search(CLASSES, out, re.M)
    return dict(zip(NAMES, map(int, m.groups()))) if m else None


tap = t.Tap()
# the sink: counted and freed, nothing parsed
run = g.PcapRun("rxonly", [frames], ["--port-topology=loop"], tag="rxonly_sink")
g.check_run(tap, run, "rxonly", len(frames), {"consumed": len(frames)}, tx=0)
tap.eq(run.outputs[0], [], "rxonly: nothing sent")
tap.eq(run.r.total["rx_bytes"] if run.r.total else None, sum(len(f) for f in frames),
       "rxonly: RX bytes", run.r.out)
tap.eq(re.findall(r"^rxonly: .*$", run.r.out, re.M), [], "rxonly: no class counts without --rx-classify")
run.cleanup()

run = g.PcapRun("rxonly", [frames], ["--port-topology=loop", "--rx-classify"], tag="rxonly_classify")
g.check_run(tap, run, "rxonly --rx-classify", len(frames), {"consumed": len(frames)}, tx=0)
tap.eq(run.outputs[0], [], "rxonly --rx-classify: nothing sent")
tap.eq(classes(run.r.out), want, "rxonly --rx-classify: per-class counts", run.r.out)
run.cleanup()

# with an RX hook on (--latency), the fields come valid from the receive
# and the burst is freed with the users check: the same counts
run = g.PcapRun("rxonly", [frames], ["--port-topology=loop", "--rx-classify", "--latency"],
                tag="rxonly_classify_hooks")
g.check_run(tap, run, "rxonly --rx-classify --latency", len(frames),
            {"consumed": len(frames)}, tx=0)
tap.eq(classes(run.r.out), want, "rxonly --rx-classify --latency: per-class counts", run.r.out)
tap.eq(run.r.total["rx_bytes"] if run.r.total else None, sum(len(f) for f in frames),
       "rxonly --rx-classify --latency: RX bytes", run.r.out)
run.cleanup()

g.null_run(tap, "rxonly")
tap.done()
