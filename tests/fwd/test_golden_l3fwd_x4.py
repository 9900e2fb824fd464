#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""l3fwd four at a time: long runs of plain IPv4 frames (untagged, no options),
which l3fwd checks and looks up four at a time, with a hostile or unusual frame put
at each position of a run, so that every check fails in every lane of a group and
the groups after it start at every offset.  Each frame's fate comes from a reference
written here from RFC 1812 (version, IHL, lengths, header checksum, TTL) and the
route table; every routed frame is compared byte for byte with the frame the
reference builds (MACs, TTL - 1, the RFC 1624 checksum update, the rest unchanged),
header checksums at the edges of the end-around carry included.  IPv6 the same way
(RFC 8200/4443: version, payload length, multicast source, hop limit)."""

import os
import platform
import random
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

SRC_MAC, IN_MAC = "02:00:00:00:aa:01", "02:70:63:61:70:00"
HOP1, HOP0, HOP8 = "02:00:00:00:01:01", "02:00:00:00:00:02", "02:00:00:00:08:08"
ROUTES = f"""2001:db8:1::/48  1 {HOP1}
2001:db8:1:2::/64 0 {HOP0}
10.1.0.0/16      1 {HOP1}
10.1.2.0/24      0 {HOP0}
10.1.3.128/25    0 {HOP8}   # longer than 24 bits: rte_lpm's second table
0.0.0.0/1        1 {HOP1}
"""
# (prefix, length, port, MAC), longest first: the reference's route table
TABLE = [("10.1.3.128", 25, 0, HOP8), ("10.1.2.0", 24, 0, HOP0), ("10.1.0.0", 16, 1, HOP1),
         ("0.0.0.0", 1, 1, HOP1)]
rnd = random.Random(1812)


def route(dst):
    a = struct.unpack("!I", dst)[0]
    for pfx, ln, port, mac in TABLE:
        p = struct.unpack("!I", g.ip4(pfx))[0]
        if ln == 0 or a >> (32 - ln) == p >> (32 - ln):
            return port, mac
    return None


def fold(s):
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return s


def fate6(fr):
    """fate() of an untagged IPv6 frame (its extension headers hop-by-hop, routing
    or destination options, if any)."""
    if len(fr) < 54:
        return ("drop", "truncated")
    if fr[14] >> 4 != 6:
        return ("drop", "bad_header")
    end = 54 + struct.unpack("!H", fr[18:20])[0]
    if end > len(fr):
        return ("drop", "truncated")
    nh, off = fr[20], 54
    while nh in (g.NH_HOP, g.NH_ROUTING, g.NH_DEST):   # the chain the frames below use
        if off + 8 > end or off + (fr[off + 1] + 1) * 8 > end:
            return ("drop", "truncated")
        nh, off = fr[off], off + (fr[off + 1] + 1) * 8
    if fr[22] == 0xFF:
        return ("drop", "bad_address")
    if fr[21] <= 1:
        return ("drop", "ttl_expired")
    dst = fr[38:54]
    if dst[:8] == g.ip6("2001:db8:1:2::")[:8]:
        return ("route", 0, HOP0)
    if dst[:6] == g.ip6("2001:db8:1::")[:6]:
        return ("route", 1, HOP1)
    return ("drop", "no_route")


def fate(fr):
    """What l3fwd must do with a frame (untagged or one 802.1Q tag): ("drop", reason)
    or ("route", port, mac)."""
    if len(fr) < 14:
        return ("drop", "truncated")
    l3 = 14
    if fr[12:14] == b"\x81\x00":
        if len(fr) < 18:
            return ("drop", "truncated")
        l3 = 18
    if fr[l3 - 2:l3] != b"\x08\x00":
        return ("drop", "not_ipv4")
    if len(fr) < l3 + 20:
        return ("drop", "truncated")
    if fr[l3] >> 4 != 4 or fr[l3] & 15 < 5:
        return ("drop", "bad_header")
    hl = (fr[l3] & 15) * 4
    if l3 + hl > len(fr):
        return ("drop", "truncated")
    tot = struct.unpack("!H", fr[l3 + 2:l3 + 4])[0]
    if tot < hl:
        return ("drop", "bad_header")
    if l3 + tot > len(fr):
        return ("drop", "truncated")
    if t.inet_csum(fr[l3:l3 + hl]) != 0:
        return ("drop", "bad_checksum")
    if fr[l3 + 8] <= 1:
        return ("drop", "ttl_expired")
    r = route(fr[l3 + 16:l3 + 20])
    return ("route",) + r if r else ("drop", "no_route")


def routed(fr, port, mac, port_mac):
    """The frame l3fwd must send: MACs, TTL - 1, RFC 1624 eqn. 3 on the TTL word."""
    old = struct.unpack("!H", fr[22:24])[0]
    new = old - 0x100
    hc = struct.unpack("!H", fr[24:26])[0]
    hc2 = ~fold((~hc & 0xFFFF) + (~old & 0xFFFF) + new) & 0xFFFF
    return (t.mac(mac) + t.mac(port_mac) + fr[12:22] + bytes([fr[22] - 1]) + fr[23:24]
            + struct.pack("!H", hc2) + fr[26:])


def plain(dst, ttl=64, size=60, ident=None, **kw):
    """A plain UDP/IPv4 frame of `size` bytes (padding past the IP packet when asked)."""
    payload = bytes(rnd.randrange(256) for _ in range(max(0, size - 42)))
    ident = rnd.randrange(65536) if ident is None else ident
    return g.udp_frame(IN_MAC, SRC_MAC, "192.168.9.1", dst, payload, ttl=ttl, ident=ident,
                       **kw)


def with_csum(dst, want, ttl):
    """A plain frame whose header checksum is `want` (its IP ID chosen for it)."""
    fr = plain(dst, ttl=ttl, ident=0)
    hdr = bytearray(fr[14:34])
    hdr[10:12] = b"\0\0"
    s0 = fold(sum(struct.unpack("!10H", bytes(hdr))))
    target = ~want & 0xFFFF                      # the folded sum the ID must bring
    ident = (target - s0) % 0xFFFF
    hdr[4:6] = struct.pack("!H", ident)
    hdr[10:12] = struct.pack("!H", t.inet_csum(bytes(hdr)))
    assert struct.unpack("!H", hdr[10:12])[0] == want, (hex(want), hdr.hex())
    return fr[:14] + bytes(hdr) + fr[34:]


def good_dst():
    return rnd.choice(["10.1.5.%d", "10.1.2.%d", "10.1.3.%d", "99.1.1.%d"]) % rnd.randrange(1, 255)


def good():
    return plain(good_dst(), ttl=rnd.randrange(2, 256), size=rnd.choice([60, 64, 128, 1000]))


def flip(fr, byte, bit):
    b = bytearray(fr)
    b[byte] ^= 1 << bit
    return bytes(b)


def set_bytes(fr, off, data, csum=True):
    """fr with data at off; the IPv4 header checksum recomputed unless csum is False."""
    b = bytearray(fr)
    b[off:off + len(data)] = data
    if csum:
        hl = (b[14] & 15) * 4
        b[24:26] = b"\0\0"
        b[24:26] = struct.pack("!H", t.inet_csum(bytes(b[14:14 + hl])))
    return bytes(b)


# frames that stop a group of four, or pass it with a surprise
odd = [
    set_bytes(good(), 22, b"\x01"),                              # TTL 1
    set_bytes(good(), 22, b"\x00"),                              # TTL 0
    plain("200.0.0.1"),                                          # no route, else right
    set_bytes(good(), 24, b"\x12\x34", csum=False),              # wrong checksum
    set_bytes(good(), 14, b"\x65"),                              # version 6
    set_bytes(good(), 14, b"\x44"),                              # IHL 4
    set_bytes(good(), 16, struct.pack("!H", 19)),                # total length < 20
    set_bytes(good(), 16, struct.pack("!H", 600)),               # past the frame
    set_bytes(plain("10.1.5.5", size=60), 16, struct.pack("!H", 47)),  # one byte past
    set_bytes(plain("10.1.5.5", size=60), 16, struct.pack("!H", 40)),  # padding after it
    set_bytes(good(), 14, b"\x4f"),                              # IHL 15: past the frame
    good()[:33],                                                 # header cut short
    good()[:20],
    good()[:10],
    g.eth(IN_MAC, SRC_MAC, g.ETH_ARP, b"\0" * 28),               # not IPv4
    g.vlan_eth(IN_MAC, SRC_MAC, 7, g.ETH_IPV4,                   # tagged: one at a time
               g.ipv4("192.168.9.1", "10.1.5.6", 17, g.udp("192.168.9.1", "10.1.5.6", 5, 6,
                                                            b"v" * 20))),
    g.udp_frame(IN_MAC, SRC_MAC, "192.168.9.1", "10.1.5.9", b"o" * 20,
                options=b"\x01\x01\x01\x00"),                    # IHL 6: one at a time
    plain("10.1.5.8", size=2900),                                # chained on RX
    plain("10.1.3.200"),                                         # the /25 (second table)
    plain("10.1.3.100"),                                         # beside it: the /24's
]
# every bit of the header flipped once in some frame (the checksum no longer right,
# or an earlier check fails first)
odd += [flip(good(), 14 + b // 8, b % 8) for b in range(160)]
# the edges of the end-around carry: checksums before the TTL decrement
edges = [with_csum(good_dst(), c, rnd.randrange(2, 256))
         for c in (0x0000, 0x0001, 0x00FE, 0x00FF, 0x0100, 0xFEFE, 0xFEFF, 0xFF00, 0xFFFE)]
# 0xffff: the other zero, right only where 0x0000 is
edges.append(set_bytes(with_csum("10.1.5.77", 0x0000, 9), 24, b"\xff\xff", csum=False))



def plain6(dst, hlim=64, src="2001:db8:99::1", **kw):
    return g.udp6_frame(IN_MAC, SRC_MAC, src, dst, bytes(rnd.randrange(256) for _ in range(18)),
                        hlim=hlim, **kw)


def good6():
    return plain6(rnd.choice(["2001:db8:1:2::%x", "2001:db8:1:7::%x"]) % rnd.randrange(1, 999),
                  hlim=rnd.randrange(2, 256))


odd6 = [
    plain6("2001:db8:1:2::1", hlim=1), plain6("2001:db8:1:2::1", hlim=0),
    plain6("2001:db8:1:2::1", src="ff02::1"),                   # multicast source
    plain6("2001:db8:9::1"),                                     # no route
    set_bytes(good6(), 18, struct.pack("!H", 200), csum=False),  # payload past the frame
    set_bytes(good6(), 18, struct.pack("!H", 1), csum=False),    # payload shorter: kept
    set_bytes(good6(), 14, b"\x40", csum=False),                 # version 4
    good6()[:53],
    plain6("2001:db8:1:2::5", exts=((g.NH_HOP, 8),)),            # one at a time: walked
    # a hop-by-hop header stating 2048 bytes: the walk runs past the packet
    set_bytes(plain6("2001:db8:1:2::5", exts=((g.NH_HOP, 8),)), 55, b"\xff", csum=False),
]
frames6 = []
for k, o in enumerate(odd6):
    lane = k % 4
    frames6 += [good6() for _ in range(lane)] + [o] + [good6() for _ in range(7 - lane)]
frames6 += [good6() for _ in range(40)]

frames = []
for k, o in enumerate(odd):
    lane = k % 4
    frames += [good() for _ in range(lane)] + [o] + [good() for _ in range(7 - lane)]
frames += edges + [good() for _ in range(61)] + edges   # a burst of edges, then aligned

# the IPv6 runs start a burst (of 32), so that each odd frame is in the lane
# planned for it, in a group of IPv6 frames only
frames += [good() for _ in range(-len(frames) % 32)]
frames += frames6
fates = [fate6(fr) if fr[12:14] == b"\x86\xdd" else fate(fr) for fr in frames]
drops = {}
for ft in fates:
    if ft[0] == "drop":
        drops[ft[1]] = drops.get(ft[1], 0) + 1
assert drops.get("bad_checksum", 0) > 100 and all(
    r in drops for r in ("ttl_expired", "no_route", "bad_header", "truncated", "not_ipv4"))


def has_avx2():
    """skbfwd builds its AVX2 burst on x86-64 (app/skbfwd/meson.build)."""
    if platform.machine() != "x86_64":
        return False
    with open("/proc/cpuinfo") as f:
        return any(line.startswith("flags") and "avx2" in line.split() for line in f)


def check(tap, width):
    """One run with the burst of @width bits (None: the one skbfwd picks)."""
    name = f"l3fwd x4 ({width or 'default'})"
    eal = ["--log-level=user1:debug"]
    if width:
        eal.append(f"--force-max-simd-bitwidth={width}")
    run = g.PcapRun("l3fwd", [frames, []], ["--routes=@DIR@/routes.conf"],
                    extra_files={"routes.conf": ROUTES}, tag="l3fwd_x4", eal=eal)
    # the AVX2 build of the burst where the CPU has it and the width allows it
    picked = 256 if (width or 256) >= 256 and has_avx2() else 128
    tap.ok(f"l3fwd: {picked}-bit vector burst" in run.r.out + run.r.err,
           f"{name}: the {picked}-bit burst runs", run.r.log())
    g.check_run(tap, run, name, len(frames), drops)
    check_frames(tap, run, name)
    run.cleanup()


def check_frames(tap, run, name):
    macs = run.macs
    for port in (0, 1):
        want = [routed(fr, ft[1], ft[2], macs.get(ft[1], "00:00:00:00:00:00"))
                for fr, ft in zip(frames, fates) if ft[0] == "route" and ft[1] == port
                and fr[12:14] == b"\x08\x00" and fr[14] == 0x45]
        # the two frames one at a time for their headers (tagged, options) are
        # checked by test_golden_l3fwd.py; here they are counted
        extra = sum(1 for fr, ft in zip(frames, fates) if ft[0] == "route" and ft[1] == port
                    and not (fr[12:14] == b"\x08\x00" and fr[14] == 0x45)
                    and fr[12:14] != b"\x86\xdd")
        got = run.outputs[port]
        n6 = sum(1 for fr, ft in zip(frames, fates) if ft[0] == "route" and ft[1] == port
                 and fr[12:14] == b"\x86\xdd")
        tap.eq(len(got), len(want) + extra + n6, f"{name}: frames out of port {port}")
        plain_out = [o for o in got if o[12:14] == b"\x08\x00" and o[14] == 0x45]
        tap.eq(len(plain_out), len(want), f"{name}: plain frames out of port {port}")
        bad = [k for k, (w, o) in enumerate(zip(want, plain_out)) if w != o]
        tap.eq(bad, [], f"{name}: port {port}: every plain frame as the reference builds it",
               g.first_difference(want[bad[0]], plain_out[bad[0]]) if bad else "")
        want6 = [t.mac(ft[2]) + t.mac(macs.get(port, "00:00:00:00:00:00")) + fr[12:21]
                 + bytes([fr[21] - 1]) + fr[22:]
                 for fr, ft in zip(frames, fates) if ft[0] == "route" and ft[1] == port
                 and fr[12:14] == b"\x86\xdd"]
        got6 = [o for o in got if o[12:14] == b"\x86\xdd"]
        tap.eq(len(got6), len(want6), f"{name}: IPv6 frames out of port {port}")
        bad = [k for k, (w, o) in enumerate(zip(want6, got6)) if w != o]
        tap.eq(bad, [], f"{name}: port {port}: every IPv6 frame as the reference builds it",
               g.first_difference(want6[bad[0]], got6[bad[0]]) if bad else "")


tap = t.Tap()
check(tap, None)
check(tap, 128)
tap.done()
