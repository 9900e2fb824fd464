#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""txonly --tx-gso on net_pcap: every segment of the 64 KiB TCP skbs (MSS 1448:
46 segments) and every fragment of the UDP ones checked here (lengths, IDs,
sequence numbers, flags, offsets, IPv4/TCP/UDP checksums, payload rejoined);
the TCP/IPv6 ones (--tx-ip with IPv6 addresses) compared byte for byte with
segments built here.
--gro on net_pcap: a capture of TCP segments, UDP fragments, VXLAN TCP
segments and TCP/IPv6 segments, with runs that must not merge in between, forwarded with --gro and
without.  The two output captures must be byte-identical (and, through io,
equal to the input); --gro must really merge (exact count of skbs after
merging, all frames in one burst); zero mbufs in use at exit."""

import ipaddress
import os
import struct
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402

DST = t.mac("02:00:00:00:00:02")
SRC = t.mac("02:00:00:00:00:01")


def pat(i):
    return (i * 7 + 3 + (i >> 8)) & 0xFF


def payload(off, n):
    return bytes(pat(off + i) for i in range(n))


def ip4(proto, body_len, ident, frag, src, dst, tos=0):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + body_len, ident, frag, 64, proto, 0,
                    bytes(src), bytes(dst))
    return h[:10] + struct.pack("!H", t.inet_csum(h)) + h[12:]


def l4sum(ip, seg, proto):
    pseudo = ip[12:20] + struct.pack("!BBH", 0, proto, len(seg))
    return t.inet_csum(pseudo + seg)


def tcp_seg(seq, flags, data, ident, sport=40000, src=(10, 0, 0, 1), dst=(10, 0, 0, 2)):
    th = struct.pack("!HHIIBBHHH", sport, 80, seq & 0xFFFFFFFF, 0x01020304, 5 << 4, flags,
                     65000, 0, 0)
    ip = ip4(6, len(th) + len(data), ident, 0x4000, src, dst)
    c = l4sum(ip, th + data, 6)
    th = th[:16] + struct.pack("!H", c) + th[18:]
    return ip + th + data


def eth(l3, ethertype=0x0800):
    f = DST + SRC + struct.pack("!H", ethertype) + l3
    return f + bytes(max(0, 60 - len(f)))  # minimum frame, padded as on a wire


def udp_fragments(ident, nbytes, unit=1480):
    data = payload(0, nbytes)
    uh = struct.pack("!HHHH", 1111, 2222, 8 + nbytes, 0)
    ipf = ip4(17, 8 + nbytes, ident, 0, (10, 0, 0, 1), (10, 0, 0, 3))
    c = l4sum(ipf, uh + data, 17) or 0xFFFF
    dgram = uh[:6] + struct.pack("!H", c) + data
    frames, off = [], 0
    while off < len(dgram):
        chunk = dgram[off:off + unit]
        mf = 0x2000 if off + len(chunk) < len(dgram) else 0
        frames.append(eth(ip4(17, len(chunk), ident, (off // 8) | mf,
                              (10, 0, 0, 1), (10, 0, 0, 3)) + chunk))
        off += len(chunk)
    return frames


def tcp6_seg(seq, flags, data, flow=0x54321, hlim=64, sport=40000):
    """TCP/IPv6 from 2001:db8::1 to 2001:db8::2, traffic class 0x20, checksum right."""
    src, dst = ipaddress.IPv6Address("2001:db8::1").packed, ipaddress.IPv6Address("2001:db8::2").packed
    th = struct.pack("!HHIIBBHHH", sport, 80, seq & 0xFFFFFFFF, 0x01020304, 5 << 4, flags,
                     65000, 0, 0)
    c = t.inet_csum(src + dst + struct.pack("!IxxxB", len(th) + len(data), 6) + th + data)
    th = th[:16] + struct.pack("!H", c) + th[18:]
    return struct.pack("!IHBB", (6 << 28) | (0x20 << 20) | flow, len(th) + len(data), 6,
                       hlim) + src + dst + th + data


def vxlan_tcp(i, pay):
    inner = DST + SRC + b"\x08\x00" + tcp_seg(5000 + i * pay, 0x10, payload(i * pay, pay),
                                               9 + i, src=(172, 16, 0, 1), dst=(172, 16, 0, 2))
    vx = bytes([0x08, 0, 0, 0, 0, 0x12, 0x34, 0])
    udp = struct.pack("!HHHH", 33333, 4789, 8 + len(vx) + len(inner), 0)
    return eth(ip4(17, len(udp) + len(vx) + len(inner), 300 + i, 0,
                   (192, 168, 0, 1), (192, 168, 0, 2)) + udp + vx + inner)


def build():
    """Frames, and how many of them --gro merges into others (all in one burst)."""
    frames = [eth(bytes(46), ethertype=0x0806)]           # not IP
    seq = 1000
    for i in range(40):                                    # 40 ACK segments: one skb
        n = 1448 if i < 39 else 700
        frames.append(eth(tcp_seg(seq, 0x10, payload(seq - 1000, n), 100 + i)))
        seq += n
    frames.append(eth(tcp_seg(seq, 0x18, payload(seq - 1000, 300), 140)))  # PSH: alone
    frames += udp_fragments(0x77, 4000)                    # 3 fragments: one skb
    frames += [vxlan_tcp(i, 1000) for i in range(6)]       # 6 segments: one skb
    for i in range(3):                                     # two flows interleaved
        frames.append(eth(tcp_seg(9000 + i * 500, 0x10, payload(i, 500), 400 + i, sport=1)))
        frames.append(eth(tcp_seg(7000 + i * 500, 0x10, payload(i, 500), 500 + i, sport=2)))
    # contiguous 1000, 500, 1000: rte_gro merges them, but MSS 1000 would not
    # give the 500 back, so the merge is undone and all three go out as received
    seq = 20000
    for i, n in enumerate((1000, 500, 1000)):
        frames.append(eth(tcp_seg(seq, 0x10, payload(0, n), 600 + i, sport=3)))
        seq += n
    frames.append(eth(tcp_seg(30000, 0x10, b"ab", 700, sport=4)))  # padded to 60 bytes
    frames.append(eth(tcp_seg(30002, 0x10, b"cd", 701, sport=4)))
    seq = 50000
    for i in range(8):                                     # 8 TCP/IPv6 segments: one skb
        n = 1400 if i < 7 else 333
        frames.append(eth(tcp6_seg(seq, 0x10, payload(i, n)), ethertype=0x86DD))
        seq += n
    # contiguous, but another flow label, then another hop limit: not merged
    frames.append(eth(tcp6_seg(seq, 0x10, payload(0, 1400), flow=1), ethertype=0x86DD))
    frames.append(eth(tcp6_seg(seq + 1400, 0x10, payload(0, 1400), flow=1, hlim=63),
                      ethertype=0x86DD))
    merged_away = 39 + 2 + 5 + 7
    return frames, merged_away


def forward(frames, d, tag, engine, gro):
    inp = os.path.join(d, f"in_{tag}.pcap")
    empty = os.path.join(d, f"empty_{tag}.pcap")
    outs = [os.path.join(d, f"out{i}_{tag}.pcap") for i in (0, 1)]
    t.write_pcap(inp, frames)
    t.write_pcap(empty, [])
    vdevs = [f"net_pcap0,rx_pcap={inp},tx_pcap={outs[0]}",
             f"net_pcap1,rx_pcap={empty},tx_pcap={outs[1]}"]
    args = ["--forward-mode=" + engine, "--duration=1", "--burst=128", "--no-flush-rx"]
    if gro:
        args.append("--gro")
    r = t.run(args, vdevs=vdevs, tag=tag, timeout=60)
    out = t.read_pcap(outs[1]) if os.path.exists(outs[1]) else None
    return r, out


def txonly_gso(d, extra, tag):
    """txonly --tx-gso with --tx-count=2 on two net_pcap ports: port 0's capture.
    The txonly options come before --forward-mode=txonly: order does not matter."""
    empty = os.path.join(d, "empty_tx.pcap")
    outs = [os.path.join(d, f"{tag}{i}.pcap") for i in (0, 1)]
    t.write_pcap(empty, [])
    vdevs = [f"net_pcap{i},rx_pcap={empty},tx_pcap={outs[i]}" for i in (0, 1)]
    r = t.run(extra + ["--tx-count=2", "--forward-mode=txonly", "--duration=1"],
              vdevs=vdevs, tag=tag, timeout=60)
    return r, (t.read_pcap(outs[0]) if os.path.exists(outs[0]) else [])


def check_tcp_gso(tap, frames, mss, payload_len):
    nseg = -(-payload_len // mss)
    tap.eq(len(frames), 2 * nseg, f"txonly --tx-gso={mss}: {nseg} segments per skb, 2 skbs")
    bad = []
    for k, f in enumerate(frames):
        skb, i = divmod(k, nseg)
        pay = mss if i < nseg - 1 else payload_len - (nseg - 1) * mss
        ip, tcp, data = f[14:34], f[34:54], f[54:]
        tot, ident = struct.unpack("!HH", ip[2:6])
        seq = struct.unpack("!I", tcp[4:8])[0]
        want_flags = 0x18 if i == nseg - 1 else 0x10
        checks = [len(f) == 54 + pay, tot == 40 + pay, ident == (skb * nseg + i) & 0xFFFF,
                  seq == (skb * payload_len + i * mss) & 0xFFFFFFFF, tcp[13] == want_flags,
                  t.inet_csum(ip) == 0, l4sum(ip, tcp + data, 6) == 0,
                  data == bytes(pay), f[12:14] == b"\x08\x00"]
        if not all(checks):
            bad.append((k, checks))
    tap.eq(bad, [], f"txonly --tx-gso={mss}: every segment's lengths, ID, sequence, flags, checksums")


def tcp6_segments(src, dst, mss, payload_len, skbs=2):
    """The TCP/IPv6 segments of txonly's GSO skbs, from the Ethernet type on:
    ports 9, sequence advancing by the skb's payload, ACK (PSH on the last),
    window 65535, hop limit 64, zero payload."""
    nseg = -(-payload_len // mss)
    out = []
    for skb in range(skbs):
        for i in range(nseg):
            pay = mss if i < nseg - 1 else payload_len - (nseg - 1) * mss
            th = struct.pack("!HHIIBBHHH", 9, 9, (skb * payload_len + i * mss) & 0xFFFFFFFF, 0,
                             5 << 4, 0x18 if i == nseg - 1 else 0x10, 65535, 0, 0)
            seg = th + bytes(pay)
            c = t.inet_csum(ipaddress.IPv6Address(src).packed + ipaddress.IPv6Address(dst).packed
                            + struct.pack("!IxxxB", len(seg), 6) + seg)
            seg = seg[:16] + struct.pack("!H", c) + seg[18:]
            out.append(b"\x86\xdd" + struct.pack("!IHBB", 6 << 28, len(seg), 6, 64)
                       + ipaddress.IPv6Address(src).packed + ipaddress.IPv6Address(dst).packed
                       + seg)
    return out


def check_tcp6_gso(tap, frames, src, dst, mss, payload_len):
    want = tcp6_segments(src, dst, mss, payload_len)
    tap.eq(len(frames), len(want), f"txonly IPv6 --tx-gso={mss}: {len(want) // 2} segments per skb")
    bad = [k for k, (f, w) in enumerate(zip(frames, want))
           if f[12:] != w or f[:6] != t.mac("02:00:00:00:00:00")]
    tap.eq(bad[:5], [], f"txonly IPv6 --tx-gso={mss}: every byte of every segment")


def check_udp_gso(tap, frames, size, payload_len):
    unit = size & ~7
    dlen = payload_len + 8
    nfrag = -(-dlen // unit)
    tap.eq(len(frames), 2 * nfrag, f"txonly --tx-gso={size} --tx-gso-udp: {nfrag} fragments per skb")
    bad = []
    for skb in range(len(frames) // nfrag):
        dgram = b""
        ids = set()
        for i in range(nfrag):
            f = frames[skb * nfrag + i]
            ip = f[14:34]
            tot, ident, frag = struct.unpack("!HHH", ip[2:8])
            want_frag = (i * unit) // 8 | (0x2000 if i < nfrag - 1 else 0)
            if not (tot == len(f) - 14 and frag == want_frag and t.inet_csum(ip) == 0 and ip[9] == 17):
                bad.append((skb, i, tot, frag))
            ids.add(ident)
            dgram += f[34:]
        if len(ids) != 1 or len(dgram) != dlen or struct.unpack("!H", dgram[4:6])[0] != dlen \
                or l4sum(frames[skb * nfrag][14:34], dgram, 17) != 0 or dgram[8:] != bytes(payload_len):
            bad.append((skb, "datagram"))
    tap.eq(bad, [], f"txonly --tx-gso={size} --tx-gso-udp: offsets, MF, IDs, checksums, datagram")


def main():
    tap = t.Tap()
    with tempfile.TemporaryDirectory(prefix="skbfwd_txgso_") as d:
        r, frames = txonly_gso(d, ["--tx-gso=1448"], "txgso_tcp")
        tap.eq((r.rc, r.in_use), (0, 0), "txonly --tx-gso: exit status, mbufs in use", r.log())
        tap.eq(r.total and (r.total["tx"], r.total["generated"]), (184, 184),
               "txonly --tx-gso: TX and Generated count wire packets", r.log())
        check_tcp_gso(tap, frames, 1448, 65536)
        r, frames = txonly_gso(d, ["--tx-gso", "1000", "--txpkts=2048,2048,2048,2048"],
                               "txgso_txpkts")
        tap.eq((r.rc, r.in_use), (0, 0), "txonly --tx-gso --txpkts: exit status, mbufs in use",
               r.log())
        check_tcp_gso(tap, frames, 1000, 4 * 2048 - 54)
        r, frames = txonly_gso(d, ["--tx-gso=1480", "--tx-gso-udp"], "txgso_udp")
        tap.eq((r.rc, r.in_use), (0, 0), "txonly --tx-gso-udp: exit status, mbufs in use", r.log())
        check_udp_gso(tap, frames, 1480, 65000)
        v6 = "--tx-ip=2001:db8:6::1,2001:db8:6::2"
        r, frames = txonly_gso(d, ["--tx-gso=1448", v6], "txgso_tcp6")
        tap.eq((r.rc, r.in_use), (0, 0), "txonly IPv6 --tx-gso: exit status, mbufs in use",
               r.log())
        tap.ok("TCP/IPv6 GSO skbs of 65536 payload bytes, gso_size 1448" in r.out,
               "txonly IPv6 --tx-gso: the setup line", r.out)
        tap.ok("Port 0: GSO in software" in r.out, "txonly IPv6 --tx-gso: software on net_pcap")
        tap.eq(r.total and (r.total["tx"], r.total["generated"]), (184, 184),
               "txonly IPv6 --tx-gso: TX and Generated count wire packets (2 ports)", r.log())
        check_tcp6_gso(tap, frames, "2001:db8:6::1", "2001:db8:6::2", 1448, 65536)
        r, frames = txonly_gso(d, ["--tx-gso", "1000", "--txpkts=2048,2048,2048,2048", v6],
                               "txgso_txpkts6")
        tap.eq((r.rc, r.in_use), (0, 0), "txonly IPv6 --tx-gso --txpkts: exit status, mbufs in use",
               r.log())
        check_tcp6_gso(tap, frames, "2001:db8:6::1", "2001:db8:6::2", 1000, 4 * 2048 - 74)
    frames, merged_away = build()
    tap.eq(len(frames), 72, "capture frames")
    tap.ok(len(frames) <= 128, "the capture fits one burst")
    with tempfile.TemporaryDirectory(prefix="skbfwd_gro_") as d:
        for engine in ("io", "mac"):
            r_off, out_off = forward(frames, d, f"{engine}_off", engine, False)
            r_on, out_on = forward(frames, d, f"{engine}_on", engine, True)
            for name, r in (("off", r_off), ("on", r_on)):
                tap.eq(r.rc, 0, f"{engine} --gro {name}: exit status", r.log())
                tap.eq(r.in_use, 0, f"{engine} --gro {name}: mbufs in use at exit", r.log())
                tot = r.total or {}
                tap.eq((tot.get("rx"), tot.get("tx"), sum(tot.get("drops", {}).values())),
                       (len(frames), len(frames), 0), f"{engine} --gro {name}: RX, TX, drops",
                       r.log())
            tap.ok("GRO:" not in r_off.out, f"{engine}: no GRO line without --gro")
            tap.ok(f"GRO: {len(frames)} packets received, {len(frames) - merged_away} skbs "
                   "after merging" in r_on.out, f"{engine} --gro: merged {merged_away} packets",
                   r_on.log())
            tap.ok("GSO in software" in r_on.out, f"{engine} --gro: software GSO on net_pcap",
                   r_on.log())
            tap.ok(out_off is not None and len(out_off) == len(frames),
                   f"{engine}: capture without --gro holds every frame")
            same = out_on == out_off
            first = None
            if out_on is not None and out_off is not None and not same:
                first = next((i for i, (a, b) in enumerate(zip(out_on, out_off)) if a != b),
                             min(len(out_on), len(out_off)))
            tap.ok(same, f"{engine}: output with --gro byte-identical to output without",
                   f"first difference at frame {first}")
            if engine == "io":
                tap.ok(out_off == frames, "io: output equals the input")
            else:
                tap.ok(out_off is not None and all(o[:6] == bytes.fromhex("020000000001")
                                                   for o in out_off),
                       "mac: destination rewritten to the peer of port 1")
    tap.done()


if __name__ == "__main__":
    main()
