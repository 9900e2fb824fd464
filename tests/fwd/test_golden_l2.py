#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""io, mac and macswap golden test: pcaps of frames of every awkward size (empty,
1-13 bytes, exactly 14 and 15, the 16 bytes of macswap's vector path, minimum
and full-size Ethernet, multi-segment chains on RX up to 9000 bytes), untagged,
VLAN and QinQ, and IPv6 frames well-formed and hostile (golden.ipv6_hostile():
cut short, payload lengths past or below the frame, extension-header chains
past the packet, hop limit 0 and 1, multicast sources), through two net_pcap
ports in both directions.  Every output byte is compared with the frame this
file computes from the input by itself: io sends every frame as received;
mac writes the TX port's --eth-peer and MAC over bytes 0-11, macswap exchanges
bytes 0-5 and 6-11, everything from byte 12 on is unchanged, and frames
shorter than an Ethernet header are dropped as truncated, in order."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

ETH_HLEN = 14
PEER0 = "02:00:00:00:ee:00"                 # --eth-peer of port 0
PEER1_DEFAULT = "02:00:00:00:00:01"         # port 1 keeps the documented default

# 9000 bytes arrive as a chain of five mbufs; 2049 as a head of 2048 and one byte
SIZES = (0, 1, 6, 12, 13, 14, 15, 16, 17, 18, 42, 59, 60, 64, 65, 127, 128, 1500,
         1514, 1518, 2047, 2048, 2049, 2900, 4096, 9000)


def body(port, k, n):
    """n bytes that differ in every frame and every position."""
    return bytes((port * 131 + k * 29 + i * 7 + (i >> 8)) & 0xFF for i in range(n))


def frame(port, k, size, tags=()):
    """A frame of exactly size bytes: distinct dst/src MACs, tags, EtherType, body.
    Frames shorter than the header are the first size bytes of such a frame."""
    dst = bytes([0x02, 0xd0, port, k, 0x5a, 0xa5])
    src = bytes([0x06, 0x50, port, k, 0xc3, 0x3c])
    hdr = dst + src
    for tpid, vid in tags:
        hdr += struct.pack("!HH", tpid, vid)
    hdr += struct.pack("!H", 0x0800 if k % 3 else 0x86DD)
    if size < len(hdr):
        return hdr[:size]
    return hdr + body(port, k, size - len(hdr))


def inputs(port):
    frames = [frame(port, k, n) for k, n in enumerate(SIZES)]
    k = len(frames)
    for n in (18, 19, 64, 1522, 3000):                    # 802.1Q
        frames.append(frame(port, k, n, ((0x8100, 100 + k),)))
        k += 1
    for n in (22, 64, 2100):                              # 802.1ad + 802.1Q
        frames.append(frame(port, k, n, ((0x88A8, 7), (0x8100, 200 + k))))
        k += 1
    # IPv6: nothing here reads past the MACs, so every kind goes through
    frames += [f for _, f in g.ipv6_hostile(f"02:d0:{port:02x}:00:66:06",
                                            f"06:50:{port:02x}:00:66:06", port)]
    k = len(frames)
    # a run of short frames inside one burst, then more than a burst of small ones,
    # so drops sit at the start, middle and end of bursts
    frames += [frame(port, k + i, n) for i, n in enumerate((5, 14, 0, 13, 60, 13))]
    k += 6
    frames += [frame(port, k + i, 60 + i) for i in range(40)]
    return frames


def expected(engine, frames, tx_mac, peer):
    """(frames sent, truncated count) computed from the input alone."""
    if engine == "io":                                    # unchanged, runts too
        return list(frames), 0
    out = []
    for fr in frames:
        if len(fr) < ETH_HLEN:
            continue
        if engine == "mac":
            out.append(t.mac(peer) + t.mac(tx_mac) + fr[12:])
        else:
            out.append(fr[6:12] + fr[0:6] + fr[12:])
    return out, len(frames) - len(out)


tap = t.Tap()
ins = [inputs(0), inputs(1)]
for engine in ("io", "mac", "macswap"):
    run = g.PcapRun(engine, ins, [f"--eth-peer=0,{PEER0}"], tag="golden_" + engine)
    macs = run.macs
    tap.eq(sorted(macs), [0, 1], f"{engine}: both port MACs printed", run.r.out)
    tap.ok(len(set(macs.values())) == 2, f"{engine}: the two port MACs differ")
    truncated = 0
    # paired topology: what port 0 receives leaves by port 1 and the reverse
    for rx_port, tx_port in ((0, 1), (1, 0)):
        peer = PEER0 if tx_port == 0 else PEER1_DEFAULT
        want, dropped = expected(engine, ins[rx_port], macs.get(tx_port, "00:00:00:00:00:00"),
                                 peer)
        truncated += dropped
        got = run.outputs[tx_port]
        name = f"{engine}: port {rx_port} -> {tx_port}"
        tap.eq(len(got), len(want), f"{name}: frames sent")
        bad = [(k, g.first_difference(o, w)) for k, (o, w) in enumerate(zip(got, want)) if o != w]
        tap.eq(len(bad), 0, f"{name}: every byte of every frame as computed",
               "\n".join(f"frame {k}: {why}" for k, why in bad[:20]))
        tap.eq(sum(len(o) for o in got), sum(len(w) for w in want), f"{name}: bytes sent")
    g.check_run(tap, run, engine, len(ins[0]) + len(ins[1]),
                {"truncated": truncated} if truncated else {})
    for port in (0, 1):
        st = run.r.ports.get(port, {})
        tap.eq(st.get("rx_bytes"), sum(len(f) for f in ins[port]), f"{engine}: port {port} RX-bytes")
        tap.eq(st.get("tx_bytes"), sum(len(o) for o in run.outputs[port]),
               f"{engine}: port {port} TX-bytes")
    run.cleanup()
tap.done()
