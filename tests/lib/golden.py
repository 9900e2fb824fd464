# SPDX-License-Identifier: BSD-3-Clause
"""Frame builders and a net_pcap runner for the engines' golden tests
(tests/fwd/test_golden_*.py).  Headers are packed here by hand with struct and
checksummed with skbfwd_test.inet_csum: nothing comes from the code under test."""

import ipaddress
import os
import re
import struct
import tempfile

import skbfwd_test as t

ETH_IPV4 = 0x0800
ETH_ARP = 0x0806
ETH_VLAN = 0x8100


def eth(dst, src, etype, payload):
    return t.mac(dst) + t.mac(src) + struct.pack("!H", etype) + payload


def vlan_eth(dst, src, vid, etype, payload):
    return (t.mac(dst) + t.mac(src) + struct.pack("!HHH", ETH_VLAN, vid, etype)
            + payload)


def ip4(addr):
    return bytes(int(x) for x in addr.split("."))


def ipv4(src, dst, proto, payload, ttl=64, ident=0, flags_frag=0, tos=0,
         options=b"", csum=None, total_length=None, version=4, ihl=None):
    """IPv4 header + payload; csum/total_length/version/ihl override the right values."""
    hl = 20 + len(options)
    ihl = hl // 4 if ihl is None else ihl
    tl = hl + len(payload) if total_length is None else total_length
    hdr = struct.pack("!BBHHHBBH4s4s", (version << 4) | ihl, tos, tl, ident,
                      flags_frag, ttl, proto, 0, ip4(src), ip4(dst)) + options
    if csum is None:
        csum = t.inet_csum(hdr)
    hdr = hdr[:10] + struct.pack("!H", csum) + hdr[12:]
    return hdr + payload


def udp(src_ip, dst_ip, sport, dport, payload, csum=None, length=None):
    """UDP header + payload with the RFC 768 checksum (csum overrides; 0 = none)."""
    ln = 8 + len(payload) if length is None else length
    hdr = struct.pack("!HHHH", sport, dport, ln, 0)
    if csum is None:
        pseudo = ip4(src_ip) + ip4(dst_ip) + struct.pack("!BBH", 0, 17, 8 + len(payload))
        csum = t.inet_csum(pseudo + hdr + payload) or 0xFFFF
    return hdr[:6] + struct.pack("!H", csum) + payload


def udp_csum_ok(ip_hdr, seg):
    """True when the UDP datagram seg (header + payload) under ip_hdr sums right."""
    pseudo = ip_hdr[12:20] + struct.pack("!BBH", 0, 17, len(seg))
    return t.inet_csum(pseudo + seg) == 0


def udp_frame(dst_mac, src_mac, src_ip, dst_ip, payload=b"", ttl=64, sport=1000,
              dport=2000, **ipkw):
    return eth(dst_mac, src_mac, ETH_IPV4,
               ipv4(src_ip, dst_ip, 17, udp(src_ip, dst_ip, sport, dport, payload),
                    ttl=ttl, **ipkw))


ETH_IPV6 = 0x86DD
NH_HOP, NH_ROUTING, NH_FRAGMENT, NH_AH, NH_NONE, NH_DEST = 0, 43, 44, 51, 59, 60


def ip6(addr):
    return ipaddress.IPv6Address(addr).packed


def ext6(kind, nh, size, frag_off=0):
    """One IPv6 extension header of `size` bytes whose next header is nh:
    hop-by-hop, routing, destination options (length in 8-byte units - 1),
    AH (4-byte units - 2), fragment (8 bytes: frag_off = offset << 3 | M)."""
    if kind == NH_FRAGMENT:
        return struct.pack("!BBHI", nh, 0, frag_off, 0x12345678)
    hl = size // 4 - 2 if kind == NH_AH else size // 8 - 1
    body = bytes((0x01, size - 4)) + bytes(size - 4) if kind in (NH_HOP, NH_DEST) \
        else bytes(i & 0xff for i in range(size - 2))          # PadN, or anything
    return struct.pack("!BB", nh, hl) + body


def ipv6(src, dst, proto, payload, hlim=64, exts=(), tc=0, flow=0, version=6,
         payload_length=None):
    """IPv6 header, the extension headers exts ((kind, size[, frag_off]), first
    first), then payload (the header of proto); payload_length/version override."""
    chain, nh = b"", proto
    for e in reversed(exts):
        chain = ext6(e[0], nh, e[1], *e[2:]) + chain
        nh = e[0]
    body = chain + payload
    pl = len(body) if payload_length is None else payload_length
    return struct.pack("!IHBB16s16s", (version << 28) | (tc << 20) | flow, pl, nh, hlim,
                       ip6(src), ip6(dst)) + body


def l4_csum6(src, dst, proto, seg):
    """The RFC 8200 8.1 checksum of seg (its checksum field zeroed or right)."""
    return t.inet_csum(ip6(src) + ip6(dst) + struct.pack("!IxxxB", len(seg), proto) + seg)


def udp6(src_ip, dst_ip, sport, dport, payload, csum=None, length=None):
    """UDP over IPv6 with its checksum (mandatory in IPv6; csum overrides)."""
    ln = 8 + len(payload) if length is None else length
    seg = struct.pack("!HHHH", sport, dport, ln, 0) + payload
    if csum is None:
        csum = l4_csum6(src_ip, dst_ip, 17, seg) or 0xFFFF
    return seg[:6] + struct.pack("!H", csum) + seg[8:]


def udp6_frame(dst_mac, src_mac, src_ip, dst_ip, payload=b"", hlim=64, sport=1000,
               dport=2000, **ipkw):
    return eth(dst_mac, src_mac, ETH_IPV6,
               ipv6(src_ip, dst_ip, 17, udp6(src_ip, dst_ip, sport, dport, payload),
                    hlim=hlim, **ipkw))


def ipv6_hostile(dst_mac, src_mac, tag=0):
    """(name, frame) of IPv6 frames from @src_mac to @dst_mac, well-formed and
    hostile, one of each kind item 6 of issue 18 names: UDP, TCP and ICMPv6;
    extension headers; the IPv6 header cut short; a payload length past the
    frame and one below it (padding); extension-header chains that run past
    the packet or stop inside it; hop limit 0 and 1; multicast sources;
    version 4 behind EtherType 0x86dd; behind an 802.1Q tag.  @tag (0..255)
    varies the addresses and ports, so that two sets differ."""
    a, b = f"2001:db8:{tag:x}::1", f"2001:db8:{tag:x}::2"
    u = udp6(a, b, 1000 + tag, 2000, bytes(range(16)))
    tcp = struct.pack("!HHIIBBHHH", 3000 + tag, 80, 7, 0, 5 << 4, 0x18, 512, 0, 0) + b"hi"
    tcp = tcp[:16] + struct.pack("!H", l4_csum6(a, b, 6, tcp)) + tcp[18:]
    echo = struct.pack("!BBHHH", 128, 0, 0, tag, 1) + b"ping"
    echo = echo[:2] + struct.pack("!H", l4_csum6(a, b, 58, echo)) + echo[4:]
    e6 = lambda *a6, **kw: eth(dst_mac, src_mac, ETH_IPV6, ipv6(*a6, **kw))  # noqa: E731
    return [
        ("udp", e6(a, b, 17, u)),
        ("tcp", e6(a, b, 6, tcp)),
        ("icmpv6 echo", e6(a, b, 58, echo)),
        ("hop-by-hop, routing, destination options", e6(a, b, 17, u, exts=(
            (NH_HOP, 8), (NH_ROUTING, 24), (NH_DEST, 16)))),
        ("first fragment", e6(a, b, 17, u, exts=((NH_FRAGMENT, 8, 1),))),
        ("header cut at 30 bytes", e6(a, b, 17, u)[:14 + 30]),
        ("header alone, payload length 0", e6(a, b, 59, b"")),
        ("payload length past the frame", e6(a, b, 17, u, payload_length=len(u) + 40)),
        ("payload length below the frame (padding)", e6(a, b, 17, u, payload_length=8)),
        # a 40-byte destination options header (length 4) in a 16-byte payload
        ("destination options past the packet", e6(a, b, NH_DEST, bytes([17, 4, 1, 4]) +
                                                   bytes(4) + u[:8])),
        ("chain cut inside a hop-by-hop header", e6(a, b, 17, u, exts=((NH_HOP, 16),))[:14 + 40 + 6]),
        ("hop limit 0", e6(a, b, 17, u, hlim=0)),
        ("hop limit 1", e6(a, b, 17, u, hlim=1)),
        ("multicast source ff02::1", eth(dst_mac, src_mac, ETH_IPV6,
                                          ipv6("ff02::1", b, 17, udp6("ff02::1", b, 5, 6, b"m")))),
        ("multicast source ff0e::1234", eth(dst_mac, src_mac, ETH_IPV6,
                                             ipv6("ff0e::1234", b, 17,
                                                  udp6("ff0e::1234", b, 5, 6, b"m")))),
        ("version 4 behind 0x86dd", e6(a, b, 17, u, version=4)),
        ("802.1Q tag", vlan_eth(dst_mac, src_mac, 100 + tag, ETH_IPV6, ipv6(a, b, 17, u))),
    ]


def parse_ipv4(b):
    """Fields of the IPv4 header at the start of b."""
    vihl, tos, tl, ident, ff, ttl, proto, csum = struct.unpack("!BBHHHBBH", b[:12])
    hl = (vihl & 15) * 4
    return {"version": vihl >> 4, "ihl": hl, "tos": tos, "total_length": tl, "id": ident,
            "flags_frag": ff, "ttl": ttl, "proto": proto, "csum": csum,
            "src": ".".join(str(x) for x in b[12:16]),
            "dst": ".".join(str(x) for x in b[16:20]),
            "csum_ok": t.inet_csum(b[:hl]) == 0, "hdr": b[:hl]}


def mix(first, second):
    """Interleave the frames of two lists of (frame, ...) tuples, first[0] first;
    returns (frames, {reason: count}) counting the reasons (tuple item 1) of
    whichever list holds (frame, reason-string) pairs of bad frames."""
    frames, drops = [], {}
    for i in range(max(len(first), len(second))):
        for lst in (first, second):
            if i < len(lst):
                frames.append(lst[i][0])
    for lst in (first, second):
        for item in lst:
            if len(item) == 2 and isinstance(item[1], str):
                drops[item[1]] = drops.get(item[1], 0) + 1
    return frames, drops


def port_macs(out):
    """{port: 'xx:..'} from skbfwd's start-up lines."""
    return {int(p): m for p, m in
            re.findall(r"^Port (\d+) \([^)]*\):.* MAC ([0-9a-f:]{17})", out, re.M)}


def first_difference(a, b):
    """Where two frames first differ, in words (a byte, or the lengths)."""
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"first difference at byte {i}: {x:#04x} != {y:#04x}"
    return f"lengths {len(a)} != {len(b)}"


class PcapRun:
    """Run skbfwd with one net_pcap port per input list; outputs read back."""

    def __init__(self, engine, inputs, args=(), duration=1.5, tag=None, lcores="0,1",
                 extra_files=None, extra_vdevs=(), eal=None):
        self.dir = tempfile.mkdtemp(prefix="skbfwd_golden_")
        vdevs = []
        self.out_paths = []
        for i, frames in enumerate(inputs):
            rx = os.path.join(self.dir, f"in{i}.pcap")
            tx = os.path.join(self.dir, f"out{i}.pcap")
            t.write_pcap(rx, frames)
            vdevs.append(f"net_pcap{i},rx_pcap={rx},tx_pcap={tx}")
            self.out_paths.append(tx)
        vdevs += list(extra_vdevs)
        for name, text in (extra_files or {}).items():
            with open(os.path.join(self.dir, name), "w") as f:
                f.write(text)
        args = [a.replace("@DIR@", self.dir) for a in args]
        # the pcap frames are the input: not flushed before forwarding
        self.r = t.run(["--forward-mode=" + engine, f"--duration={duration}", "--no-flush-rx"]
                       + list(args),
                       tag=tag or engine, vdevs=vdevs, lcores=lcores, eal=eal)
        self.outputs = [t.read_pcap(p) if os.path.exists(p) else [] for p in self.out_paths]
        self.macs = port_macs(self.r.out)

    def path(self, name):
        return os.path.join(self.dir, name)

    def cleanup(self):
        for f in os.listdir(self.dir):
            os.unlink(os.path.join(self.dir, f))
        os.rmdir(self.dir)


def check_run(tap, run, name, rx, drops, tx=None):
    """Exit 0, no leak, exact RX, exact drops by reason, TX == RX - drops (or tx)."""
    r = run.r
    tap.eq(r.rc, 0, f"{name}: exit status", r.log())
    tap.eq(r.in_use, 0, f"{name}: mbufs in use at exit")
    tot = r.total or {"rx": None, "tx": None, "drops": None}
    tap.eq(tot["rx"], rx, f"{name}: RX packets")
    tap.eq(tot["drops"], drops, f"{name}: drops by reason")
    want_tx = rx - sum(drops.values()) if tx is None else tx
    tap.eq(tot["tx"], want_tx, f"{name}: TX packets")
    return r.rc == 0


def check_routed(tap, run, name, good, hops, check_l3):
    """Routed frames: good holds (frame, port, ...); each port's output holds
    its frames in order, each the input's length with destination MAC
    hops[port], source MAC the port's, the EtherType / VLAN tag kept, and
    check_l3(name, frame_in, frame_out, l3 offset) for the rest."""
    port_mac = run.macs
    tap.eq(sorted(port_mac), sorted(hops), f"{name}: the port MACs printed")
    for port in sorted(hops):
        want = [fr for fr, p, *_ in good if p == port]
        got = run.outputs[port]
        tap.eq(len(got), len(want), f"{name}: frames out of port {port}")
        for k, (w, o) in enumerate(zip(want, got)):
            fname = f"{name}: port {port} frame {k}"
            tap.eq(len(o), len(w), f"{fname}: length")
            tap.eq(o[0:6], t.mac(hops[port]), f"{fname}: destination MAC = next hop")
            tap.eq(o[6:12], t.mac(port_mac.get(port, "00:00:00:00:00:00")),
                   f"{fname}: source MAC = TX port's")
            l3 = 18 if w[12:14] == b"\x81\x00" else 14
            tap.eq(o[12:l3], w[12:l3], f"{fname}: EtherType / VLAN tag kept")
            check_l3(fname, w, o, l3)


def bad_file_runs(tap, engine, option, cases, name=None):
    """Each (file text, line, what) of cases given as --OPTION=FILE: a non-zero
    exit and "FILE:LINE:" in the error output."""
    name = name or engine
    for text, line, what in cases:
        r = PcapRun(engine, [[], []], [f"--{option}=@DIR@/r.conf"], duration=0.2,
                    extra_files={"r.conf": text}, tag=f"{name}_badfile")
        tap.ok(r.r.rc != 0, f"{name}: bad {option} file ({what}) exits non-zero")
        tap.ok(f"r.conf:{line}:" in r.r.err,
               f"{name}: bad {option} file ({what}) names line {line}", r.r.err)
        r.cleanup()


def null_run(tap, engine, args=(), expect_tx=None):
    """The engine on two net_null ports: exit 0, no leak, TX == RX - drops (+ generated)."""
    r = t.run(["--forward-mode=" + engine, "--duration=1"] + list(args), tag=engine + "_null")
    tap.eq(r.rc, 0, f"{engine} on net_null: exit status", r.log())
    tap.eq(r.in_use, 0, f"{engine} on net_null: mbufs in use at exit")
    tot = r.total
    if not tap.ok(tot is not None, f"{engine} on net_null: final statistics", r.log()):
        return None
    drops = sum(tot["drops"].values())
    tap.eq(tot["tx"], tot["rx"] + tot["generated"] - drops,
           f"{engine} on net_null: TX == RX + generated - drops")
    if expect_tx:
        tap.ok(tot["tx"] > 0, f"{engine} on net_null: packets sent ({tot['tx']})")
    return r
