#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Make the hostile-frame corpus every skbfwd engine must survive.

    make_corpus.py [OUT.pcap]          write the corpus (default: hostile.pcap beside
                                       this script); deterministic, same bytes each run
    make_corpus.py --split DIR         also write one file per frame into DIR (seeds
                                       for the libFuzzer targets)
    make_corpus.py --list              print index, length and name of every frame

Each frame has a name saying what is wrong with it; docs/reliability.md lists them.
"""

import os
import random
import struct
import sys

SRC_MAC = bytes.fromhex("020000000a01")
DST_MAC = bytes.fromhex("020000000b02")


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def eth(ethertype, payload=b"", dst=DST_MAC, src=SRC_MAC):
    return dst + src + struct.pack("!H", ethertype) + payload


def ipv4(payload=b"", proto=17, ttl=64, ihl=5, total=None, frag=0, options=b"",
         src="10.0.0.1", dst="10.0.1.2", good_csum=True, ident=1):
    hl = max(ihl, 5) * 4 if ihl >= 5 else 20
    opts = options.ljust(hl - 20, b"\0")[: hl - 20]
    tot = total if total is not None else 20 + len(opts) + len(payload)
    hdr = struct.pack("!BBHHHBBH4s4s", 0x40 | (ihl & 0xF), 0, tot & 0xFFFF, ident,
                      frag, ttl, proto, 0, bytes(map(int, src.split("."))),
                      bytes(map(int, dst.split(".")))) + opts
    c = csum(hdr) if good_csum else (csum(hdr) ^ 0x5A5A) or 1
    hdr = hdr[:10] + struct.pack("!H", c) + hdr[12:]
    return hdr + payload


def udp(payload=b"", sport=1024, dport=9, length=None):
    ln = length if length is not None else 8 + len(payload)
    return struct.pack("!HHHH", sport, dport, ln & 0xFFFF, 0) + payload


def tcp(payload=b"", sport=1024, dport=80):
    return struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 0x50, 0x02, 8192, 0, 0) + payload


def icmp_echo(payload=b"ping", good=True, typ=8):
    h = struct.pack("!BBHHH", typ, 0, 0, 0x1234, 1) + payload
    c = csum(h) if good else 0xDEAD
    return h[:2] + struct.pack("!H", c) + h[4:]


def vxlan(inner, vni=42, flags=0x08):
    return struct.pack("!B3xI", flags, vni << 8) + inner


SRC6 = bytes.fromhex("20010db8000000000000000000000001")
DST6 = bytes.fromhex("20010db8000000010000000000000002")


def ext6(kind, nh, size):
    """An IPv6 extension header: 8-byte units (AH: 4-byte units), filled with PadN."""
    if kind == 44:
        return struct.pack("!BBHI", nh, 0, size, 7)      # size: the fragment offset field
    hl = size // 4 - 2 if kind == 51 else size // 8 - 1
    return struct.pack("!BBBB", nh, hl, 1, size - 4) + bytes(size - 4)


def ipv6(payload=b"", nh=17, hlim=64, exts=(), plen=None, src=SRC6, dst=DST6, version=6):
    """IPv6 header, the extension headers exts ((kind, size), first first), payload."""
    chain, first = b"", nh
    for kind, size in reversed(exts):
        chain = ext6(kind, first, size) + chain
        first = kind
    body = chain + payload
    n = len(body) if plen is None else plen
    return struct.pack("!IHBB", version << 28, n & 0xFFFF, first, hlim) + src + dst + body


def l4_csum6(seg, nh, src=SRC6, dst=DST6):
    return csum(src + dst + struct.pack("!IxxxB", len(seg), nh) + seg)


def udp6(payload=b"", **kw):
    seg = udp(payload, **kw)
    return seg[:6] + struct.pack("!H", l4_csum6(seg, 17) or 0xFFFF) + seg[8:]


def ipv4_udp_frame(payload=b"hello, skbfwd", **kw):
    return eth(0x0800, ipv4(udp(payload), **kw))


def frames():
    """(name, bytes) in a fixed order."""
    rnd = random.Random(6)
    out = []
    add = lambda name, b: out.append((name, bytes(b)))  # noqa: E731
    good = ipv4_udp_frame()

    # --- sizes below one Ethernet header
    add("empty", b"")
    add("one_byte", b"\x02")
    add("eth_minus_one", good[:13])
    add("eth_only_ipv4_type", eth(0x0800))
    add("eth_only_vlan_type", eth(0x8100))
    # --- well-formed references
    add("ipv4_udp_ok", good)
    add("ipv4_udp_ok_padded_60", good.ljust(60, b"\0"))
    add("ipv4_tcp_ok", eth(0x0800, ipv4(tcp(b"GET /"), proto=6)))
    add("icmp_echo_ok", eth(0x0800, ipv4(icmp_echo(b"x" * 32), proto=1)))
    add("icmp_echo_bad_csum", eth(0x0800, ipv4(icmp_echo(b"x" * 32, good=False), proto=1)))
    add("icmp_truncated", eth(0x0800, ipv4(icmp_echo()[:3], proto=1)))
    add("icmp_reply_not_request", eth(0x0800, ipv4(icmp_echo(typ=0), proto=1)))
    add("arp", eth(0x0806, bytes.fromhex("0001080006040001") + SRC_MAC + bytes(4) + bytes(6) + bytes(4)))
    add("ipv6_udp", eth(0x86DD, struct.pack("!IHBB", 0x60000000, 8, 17, 64) + bytes(32) + udp()))
    # --- IPv4 header cut or lying
    add("ipv4_header_cut_10", eth(0x0800, ipv4(udp(b"abc"))[:10]))
    add("ipv4_header_cut_19", eth(0x0800, ipv4(udp(b"abc"))[:19]))
    for ihl in range(0, 5):
        add(f"ipv4_ihl_{ihl}", eth(0x0800, ipv4(udp(b"payload"), ihl=ihl)))
    add("ipv4_ihl_15_short", eth(0x0800, ipv4(udp(b"payload"), ihl=15)[:20] + udp(b"payload")))
    add("ipv4_ihl_15_full", eth(0x0800, ipv4(udp(b"payload"), ihl=15, options=b"\x01" * 40)))
    add("ipv4_version_6", eth(0x0800, b"\x65" + ipv4(udp(b"v"))[1:]))
    add("ipv4_totlen_over_frame", eth(0x0800, ipv4(udp(b"short"), total=1500)))
    add("ipv4_totlen_65535", eth(0x0800, ipv4(udp(b"short"), total=65535)))
    add("ipv4_totlen_under_header", eth(0x0800, ipv4(udp(b"short"), total=12)))
    add("ipv4_totlen_under_frame", eth(0x0800, ipv4(udp(b"x" * 40), total=30)))
    add("ipv4_totlen_zero", eth(0x0800, ipv4(udp(b"zero"), total=0)))
    add("ipv4_bad_csum", ipv4_udp_frame(good_csum=False))
    add("ipv4_ttl_0", ipv4_udp_frame(ttl=0))
    add("ipv4_ttl_1", ipv4_udp_frame(ttl=1))
    add("ipv4_options_rr", eth(0x0800, ipv4(udp(b"opts"), ihl=8, options=b"\x07\x0b\x04" + bytes(8) + b"\x00")))
    add("ipv4_options_bad_len", eth(0x0800, ipv4(udp(b"opts"), ihl=6, options=b"\x07\xff\x04\x00")))
    add("ipv4_frag_first_mf", eth(0x0800, ipv4(udp(b"A" * 24), frag=0x2000)))
    add("ipv4_frag_middle", eth(0x0800, ipv4(b"B" * 24, frag=0x2000 | 3)))
    add("ipv4_frag_last", eth(0x0800, ipv4(b"C" * 24, frag=6)))
    add("ipv4_frag_df", eth(0x0800, ipv4(udp(b"df"), frag=0x4000)))
    add("ipv4_to_broadcast", ipv4_udp_frame(dst="255.255.255.255"))
    add("ipv4_multicast", ipv4_udp_frame(dst="224.0.0.1"))
    add("ipv4_zero_dst", ipv4_udp_frame(dst="0.0.0.0"))
    add("ipv4_unknown_proto", eth(0x0800, ipv4(b"\xff" * 16, proto=253)))
    # --- UDP lying
    add("udp_len_over_ip_payload", eth(0x0800, ipv4(udp(b"x" * 10, length=4000))))
    add("udp_len_under_8", eth(0x0800, ipv4(udp(b"x" * 10, length=3))))
    add("udp_len_under_payload", eth(0x0800, ipv4(udp(b"x" * 30, length=12))))
    add("udp_header_cut", eth(0x0800, ipv4(udp(b"")[:5])))
    add("udp_no_header", eth(0x0800, ipv4(b"")))
    # --- VLAN and QinQ
    add("vlan_ipv4_udp", eth(0x8100, struct.pack("!HH", 100, 0x0800) + ipv4(udp(b"vlan"))))
    add("vlan_cut", eth(0x8100, b"\x00"))
    add("vlan_tag_only", eth(0x8100, struct.pack("!H", 100)))
    add("qinq_ipv4_udp", eth(0x88A8, struct.pack("!HHHH", 10, 0x8100, 20, 0x0800) + ipv4(udp(b"qinq"))))
    add("qinq_cut_inner", eth(0x88A8, struct.pack("!HH", 10, 0x8100) + b"\x00"))
    add("vlan_stack_8", eth(0x8100, b"".join(struct.pack("!HH", i, 0x8100) for i in range(7))
                            + struct.pack("!HH", 7, 0x0800) + ipv4(udp(b"deep"))))
    add("vlan_stack_to_end", eth(0x8100, b"".join(struct.pack("!HH", i, 0x8100) for i in range(20))))
    # --- VXLAN (UDP 4789) for decap
    inner = eth(0x0800, ipv4(udp(b"inner"), src="192.168.0.1", dst="192.168.0.2"))
    add("vxlan_ok", eth(0x0800, ipv4(udp(vxlan(inner), dport=4789))))
    add("vxlan_header_cut", eth(0x0800, ipv4(udp(vxlan(inner)[:5], dport=4789))))
    add("vxlan_no_inner", eth(0x0800, ipv4(udp(vxlan(b""), dport=4789))))
    add("vxlan_inner_eth_cut", eth(0x0800, ipv4(udp(vxlan(inner[:9]), dport=4789))))
    add("vxlan_inner_ip_cut", eth(0x0800, ipv4(udp(vxlan(inner[:20]), dport=4789))))
    add("vxlan_bad_flags", eth(0x0800, ipv4(udp(vxlan(inner, flags=0), dport=4789))))
    add("vxlan_udp_len_lies", eth(0x0800, ipv4(udp(vxlan(inner), dport=4789, length=2000))))
    add("vxlan_in_vxlan", eth(0x0800, ipv4(udp(vxlan(eth(0x0800, ipv4(udp(vxlan(inner), dport=4789)))),
                                               dport=4789))))
    add("vxlan_ip_frag", eth(0x0800, ipv4(udp(vxlan(inner), dport=4789), frag=0x2000)))
    # --- jumbo frames: longer than one mbuf's tailroom, so net_pcap makes a chain
    add("jumbo_udp_9000", eth(0x0800, ipv4(udp(bytes(range(256)) * 35))))
    add("jumbo_vxlan_4000", eth(0x0800, ipv4(udp(vxlan(eth(0x0800, ipv4(udp(b"J" * 3900)))), dport=4789))))
    add("jumbo_totlen_lies", eth(0x0800, ipv4(udp(b"L" * 5000), total=60000)))
    add("jumbo_garbage_3000", bytes(rnd.getrandbits(8) for _ in range(3000)))
    # --- random bytes, some with a plausible Ethernet/IPv4 start
    for i, n in enumerate((15, 34, 42, 60, 64, 128, 333, 1514)):
        add(f"random_{n}", bytes(rnd.getrandbits(8) for _ in range(n)))
    for i, n in enumerate((34, 42, 60, 100)):
        body = bytes(rnd.getrandbits(8) for _ in range(n - 15))
        add(f"random_ipv4_{n}", eth(0x0800, b"\x45" + body))
    for i, n in enumerate((50, 70)):
        body = bytes(rnd.getrandbits(8) for _ in range(n))
        add(f"random_udp_{n}", eth(0x0800, ipv4(body[:8] + body[8:], proto=17)))
    # --- IPv6: references, lying lengths, hop limits, extension header chains
    u6 = udp6(b"hello, ipv6")
    add("ipv6_udp_ok", eth(0x86DD, ipv6(u6)))
    t6 = tcp(b"GET /")
    add("ipv6_tcp_ok", eth(0x86DD, ipv6(t6[:16] + struct.pack("!H", l4_csum6(t6, 6)) + t6[18:],
                                         nh=6)))
    echo6 = struct.pack("!BBHHH", 128, 0, 0, 0x1234, 1) + b"ping6"
    add("ipv6_echo_ok", eth(0x86DD, ipv6(echo6[:2] + struct.pack("!H", l4_csum6(echo6, 58))
                                          + echo6[4:], nh=58)))
    ns = struct.pack("!BBHI", 135, 0, 0, 0) + DST6 + b"\x01\x01" + SRC_MAC
    add("ipv6_ns_ok", eth(0x86DD, ipv6(ns[:2] + struct.pack("!H", l4_csum6(ns, 58)) + ns[4:],
                                        nh=58, hlim=255)))
    add("ipv6_header_cut_20", eth(0x86DD, ipv6(u6)[:20]))
    add("ipv6_version_4", eth(0x86DD, ipv6(u6, version=4)))
    add("ipv6_plen_over_frame", eth(0x86DD, ipv6(u6, plen=1000)))
    add("ipv6_plen_65535", eth(0x86DD, ipv6(u6, plen=65535)))
    add("ipv6_plen_zero", eth(0x86DD, ipv6(u6, plen=0)))
    add("ipv6_plen_under_frame", eth(0x86DD, ipv6(u6, plen=8)))
    add("ipv6_hlim_0", eth(0x86DD, ipv6(u6, hlim=0)))
    add("ipv6_hlim_1", eth(0x86DD, ipv6(u6, hlim=1)))
    add("ipv6_src_multicast", eth(0x86DD, ipv6(u6, src=bytes.fromhex("ff02" + "00" * 13 + "01"))))
    add("ipv6_ext_chain_ok", eth(0x86DD, ipv6(u6, exts=((0, 8), (60, 16), (43, 24), (51, 16)))))
    hbh = eth(0x86DD, ipv6(u6, exts=((0, 8),)))
    add("ipv6_ext_past_frame", hbh[:55] + b"\xff" + hbh[56:])
    add("ipv6_ext_past_plen", eth(0x86DD, ipv6(u6, exts=((0, 8), (60, 16)), plen=12)))
    add("ipv6_ext_cut", eth(0x86DD, ipv6(u6, exts=((0, 8),)))[:14 + 40 + 5])
    add("ipv6_ext_deep_16", eth(0x86DD, ipv6(u6, exts=tuple((60, 8) for _ in range(16)))))
    add("ipv6_ext_to_end", eth(0x86DD, ipv6(b"", nh=60, exts=tuple((60, 8) for _ in range(6)))))
    add("ipv6_frag_first", eth(0x86DD, ipv6(u6, exts=((44, 0x0001),))))
    add("ipv6_frag_later", eth(0x86DD, ipv6(b"F" * 24, exts=((44, 0x0049),))))
    add("ipv6_esp", eth(0x86DD, ipv6(b"\x00\x00\x01\x00" + bytes(20), nh=50)))
    add("ipv6_no_next", eth(0x86DD, ipv6(b"", nh=59, exts=((60, 8),))))
    add("vlan_ipv6_udp", eth(0x8100, struct.pack("!HH", 100, 0x86DD) + ipv6(u6)))
    inner6 = eth(0x86DD, ipv6(u6))
    add("vxlan_ipv6_outer", eth(0x86DD, ipv6(udp(vxlan(inner6), dport=4789))))
    add("jumbo_ipv6_4000", eth(0x86DD, ipv6(udp6(bytes(range(250)) * 16))))
    for n in (60, 100):
        body = bytes(rnd.getrandbits(8) for _ in range(n - 15))
        add(f"random_ipv6_{n}", eth(0x86DD, b"\x60" + body))
    return out


def write_pcap(path, fr):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, (_, b) in enumerate(fr):
            f.write(struct.pack("<IIII", 1, i, len(b), len(b)))
            f.write(b)


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "hostile.pcap")
    split = None
    fr = frames()
    args = list(argv[1:])
    while args:
        a = args.pop(0)
        if a == "--split":
            split = args.pop(0)
        elif a == "--list":
            for i, (name, b) in enumerate(fr):
                print(f"{i:3d} {len(b):5d} {name}")
            return 0
        else:
            out = a
    write_pcap(out, fr)
    if split:
        os.makedirs(split, exist_ok=True)
        for i, (name, b) in enumerate(fr):
            with open(os.path.join(split, f"{i:03d}_{name}"), "wb") as f:
                f.write(b)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
