#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""5tswap golden test: frames of every kind through two net_pcap ports in both
directions; every output byte is compared with the frame this file computes
from the input by its own rules: MACs swapped; behind any number of 802.1Q
and 802.1ad tags, a valid IPv4 header (version 4, IHL >= 5, header and
total length inside the frame) has its addresses swapped, and the ports of
UDP or TCP when the packet is no fragment but the first and holds their 4
bytes; an IPv6 header (40 bytes, version 6) its addresses, and its UDP/TCP
ports when the next header is one and the port bytes are inside payload and
frame.  Everything else after the MACs is as received; frames shorter than
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
        swap(b, off + 8, off + 24, 16)
        plen = struct.unpack("!H", fr[off + 4:off + 6])[0]
        if fr[off + 6] in (6, 17) and plen >= 4 and off + 44 <= len(fr):
            swap(b, off + 40, off + 42, 2)
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
