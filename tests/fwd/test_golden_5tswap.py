#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""5tswap golden test: frames of every kind through two net_pcap ports in both
directions; every output byte is compared with the frame this file computes
from the input by its own rules: MACs swapped; behind any number of 802.1Q
and 802.1ad tags, a valid IPv4 header (version 4, IHL >= 5, header and
total length inside the frame) has its addresses swapped, and the ports of
UDP or TCP when the packet is no fragment but the first and holds their 4
bytes; an IPv6 header (version 6, payload length inside the frame, extension
headers walked as Linux's ipv6_skip_exthdr() inside the packet) its addresses,
and its UDP/TCP ports when the header after the extension headers is one, no
later fragment, with the port bytes inside the packet (golden.ipv6_hostile()'s
set among them).  Everything else after the MACs is as received; frames shorter than
14 bytes are dropped as truncated; no checksum
changes (each stays right where it was right)."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

A, B = "02:00:00:00:00:aa", "02:00:00:00:00:bb"


def swap(b, i, j, n):
    b[i:i + n], b[j:j + n] = b[j:j + n], b[i:i + n]


def expected(fr):
    """The frame 5tswap sends for @fr, or None (dropped)."""
    if len(fr) < 14:
        return None
    b = bytearray(fr)
    swap(b, 0, 6, 6)
    off, etype = 14, struct.unpack("!H", fr[12:14])[0]
    while etype in (0x8100, 0x88A8):                 # any number of tags, as testpmd
        if len(fr) < off + 4:
            return bytes(b)
        etype, off = struct.unpack("!H", fr[off + 2:off + 4])[0], off + 4
    if etype == 0x0800:
        if len(fr) < off + 20 or fr[off] >> 4 != 4 or (fr[off] & 15) < 5:
            return bytes(b)
        hl = (fr[off] & 15) * 4
        tot = struct.unpack("!H", fr[off + 2:off + 4])[0]
        if len(fr) < off + hl or tot < hl or off + tot > len(fr):
            return bytes(b)
        swap(b, off + 12, off + 16, 4)
        offset = struct.unpack("!H", fr[off + 6:off + 8])[0] & 0x1FFF
        l4, end, proto = off + hl, off + tot, fr[off + 9]
        # the ports of any UDP/TCP packet or first fragment holding them
        if proto in (6, 17) and offset == 0 and l4 + 4 <= end:
            swap(b, l4, l4 + 2, 2)
    elif etype == 0x86DD:
        if len(fr) < off + 40 or fr[off] >> 4 != 6:
            return bytes(b)
        end = off + 40 + struct.unpack("!H", fr[off + 4:off + 6])[0]
        if end > len(fr):
            return bytes(b)
        # RFC 8200 extension headers, walked as Linux's ipv6_skip_exthdr()
        nh, p = fr[off + 6], off + 40
        while nh in (0, 43, 44, 51, 60):
            if p + 8 > end:
                return bytes(b)
            if nh == 44:
                if struct.unpack("!H", fr[p + 2:p + 4])[0] & 0xFFF8:
                    break                        # a later fragment: no ports
                ln = 8
            elif nh == 51:
                ln = (fr[p + 1] + 2) * 4
            else:
                ln = (fr[p + 1] + 1) * 8
            if p + ln > end:
                return bytes(b)
            nh, p = fr[p], p + ln
        swap(b, off + 8, off + 24, 16)
        if nh in (6, 17) and p + 4 <= end:
            swap(b, p, p + 2, 2)
    return bytes(b)


def ipv6(src, dst, nh, payload, plen=None):
    a = bytes.fromhex(src)
    d = bytes.fromhex(dst)
    return struct.pack("!IHBB", 0x60000000, len(payload) if plen is None else plen, nh, 64) \
        + a + d + payload


def tcp(sport, dport, doff=5):
    return struct.pack("!HHIIBBHHH", sport, dport, 1, 0, doff << 4, 0x10, 1024, 0, 0) + \
        bytes(max(0, doff * 4 - 20))


def frames(port):
    s, d = f"10.{port}.0.1", f"10.{port}.0.2"
    udp = g.udp_frame(B, A, s, d, b"payload" * 3, sport=1234, dport=80)
    tcpf = g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 6, tcp(40000, 443) + b"data"))
    v6a, v6b = "20010db8" + "00" * 11 + "01", "20010db8" + "00" * 11 + "02"
    v6udp = struct.pack("!HHHH", 4000 + port, 53, 12, 0) + b"wxyz"
    out = [
        udp, tcpf,
        g.vlan_eth(B, A, 100, g.ETH_IPV4, g.ipv4(s, d, 17, g.udp(s, d, 5, 6, b"x"))),
        g.eth(B, A, 0x88A8, struct.pack("!HH", 7, 0x8100) + struct.pack("!HH", 200, 0x0800)
              + g.ipv4(s, d, 6, tcp(1, 2))),                                  # QinQ
        g.eth(B, A, 0x8100, struct.pack("!HH", 1, 0x8100) + struct.pack("!HH", 2, 0x8100)
              + struct.pack("!HH", 3, 0x0800) + g.ipv4(s, d, 6, tcp(1, 2))),   # 3 tags
        g.eth(B, A, 0x8100, struct.pack("!HH", 1, 0x88A8) + struct.pack("!HH", 2, 0x86DD)
              + ipv6(v6a, v6b, 17, struct.pack("!HHHH", 7, 9, 12, 0) + b"abcd")),  # 1ad inside
        g.eth(B, A, 0x8100, struct.pack("!HH", 1, 0x8100) + struct.pack("!HH", 2, 0x8100)
              + b"\x00"),                                                     # 3rd tag cut
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 17, struct.pack("!HHHH", 53, 5353, 12, 0) + b"abcd")),
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 6, tcp(22, 2222))),
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 58, bytes([128, 0, 0, 0]) + bytes(4))),  # ICMPv6
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 17, b"\x00\x35", plen=2)),         # ports cut
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 17, b"")[:30]),                     # header cut
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 0, bytes([17, 0]) + bytes(6) + v6udp)),   # hop-by-hop
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 60, bytes([51, 0]) + bytes(6)
                                 + bytes([6, 1]) + bytes(10) + tcp(80, 8080))),  # dstopts, AH
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 44, bytes([17, 0, 0, 1]) + bytes(4) + v6udp)),  # 1st frag
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 44, bytes([17, 0, 0x03, 0x20]) + bytes(4)
                                 + v6udp)),                                  # later fragment
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 60, bytes([17, 10]) + bytes(6) + v6udp)),  # past end
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 17, v6udp, plen=200)),              # length past
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 17, v6udp, plen=8) + bytes(6)),      # padding
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 59, v6udp)),                        # no next header
        g.eth(B, A, 0x86DD, ipv6(v6a, v6b, 50, v6udp)),                        # ESP
        g.eth(B, A, 0x86DD, struct.pack("!I", 0x40000000) + ipv6(v6a, v6b, 17, v6udp)[4:]),
        g.eth(B, A, g.ETH_ARP, struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + bytes(20)),
        g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 17, g.udp(s, d, 1, 2, bytes(16)),
                                       flags_frag=0x2000)),                  # first fragment
        g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 17, bytes(16), flags_frag=0x0002)),  # later one
        g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 17, g.udp(s, d, 1, 2, b""), version=5)),
        g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 17, g.udp(s, d, 1, 2, b""), total_length=200)),
        g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 17, g.udp(s, d, 1, 2, b"", length=99))),
        g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 6, tcp(7, 8, doff=3) + bytes(8))),  # bad offset
        g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 6, tcp(7, 8, doff=8) + b"opts")),    # options
        g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 17, g.udp(s, d, 9, 10, b"o"),
                                       options=b"\x01\x01\x01\x00")),        # IP options
        g.eth(B, A, g.ETH_IPV4, g.ipv4(s, d, 1, bytes(8))),                   # ICMP
        udp + bytes(10),                                                     # padding kept
        g.vlan_eth(B, A, 5, g.ETH_IPV4, b"")[:16],                           # tag cut short
        udp[:14], udp[:13], udp[:1], b"",
        g.udp_frame(B, A, s, d, bytes(i & 0xFF for i in range(3000)), sport=9, dport=10),
    ]
    # the shared IPv6 set: hop limits 0 and 1 and multicast sources swapped as
    # any other, cut and overlong ones as the rules above say
    out += [f for _, f in g.ipv6_hostile(B, A, port)]
    return out


def main():
    tap = t.Tap()
    ins = [frames(0), frames(1)]
    run = g.PcapRun("5tswap", ins, tag="5tswap")
    try:
        r = run.r
        want = [[w for w in map(expected, ins[p]) if w is not None] for p in (0, 1)]
        short = [sum(expected(f) is None for f in ins[p]) for p in (0, 1)]
        g.check_run(tap, run, "5tswap", len(ins[0]) + len(ins[1]),
                    {"truncated": short[0] + short[1]})
        for rxp, txp in ((0, 1), (1, 0)):
            got = run.outputs[txp]
            tap.eq(len(got), len(want[rxp]), f"5tswap: port {txp} sent port {rxp}'s frames")
            for k, (o, w) in enumerate(zip(got, want[rxp])):
                if o != w:
                    tap.ok(False, f"5tswap: port {rxp} frame {k}", f"got  {o.hex()}\nwant {w.hex()}")
                    break
            else:
                tap.ok(True, f"5tswap: port {txp}: every byte as computed here")
        # a swap leaves every checksum as it was: the UDP one still sums to 0
        o = run.outputs[1][0] if run.outputs[1] else b""
        tap.ok(len(o) > 42 and g.udp_csum_ok(o[14:34], o[34:]),
               "5tswap: UDP checksum still right after the swap")
        tap.eq(r.total and r.total["tx_dropped"], 0, "5tswap: TX-dropped 0")
    finally:
        run.cleanup()
    # the hostile corpus, every output byte as computed here too
    corpus = t.read_pcap(os.path.join(os.path.dirname(__file__), "..", "data", "hostile.pcap"))
    run = g.PcapRun("5tswap", [corpus, []], tag="5tswap_hostile")
    try:
        want = [w for w in map(expected, corpus) if w is not None]
        g.check_run(tap, run, "5tswap hostile corpus", len(corpus),
                    {"truncated": len(corpus) - len(want)})
        bad = [k for k, (o, w) in enumerate(zip(run.outputs[1], want)) if o != w]
        tap.eq((len(run.outputs[1]), bad), (len(want), []),
               "5tswap hostile corpus: every frame and byte as computed here")
    finally:
        run.cleanup()
    g.null_run(tap, "5tswap")
    tap.done()


if __name__ == "__main__":
    main()
