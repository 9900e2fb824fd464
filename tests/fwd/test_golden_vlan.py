#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""vlan golden test: pcaps of frames of every awkward size (empty, shorter than
an Ethernet header, tagged headers cut short, full size, multi-segment chains
up to 9000 bytes), untagged, 802.1Q, 802.1ad and QinQ, IPv6 frames well-formed
and hostile (golden.ipv6_hostile()), through two net_pcap
ports in both directions, with --vlan-pop, with --vlan-push=TCI and with both.
Every output byte is compared with the frame this file computes from the
input by itself: --vlan-pop removes bytes 12-15 when bytes 12-13 are 0x8100 or
0x88a8 and the frame holds the whole tagged header (18 bytes); --vlan-push
inserts 0x8100 and the TCI (big-endian) at byte 12, after the pop when both
are given; frames shorter than an Ethernet header are dropped as truncated."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

ETH_HLEN = 14
TCI = 0xA07B          # PCP 5, DEI 0, VID 123
SIZES = (0, 1, 11, 12, 13, 14, 15, 17, 18, 19, 42, 60, 64, 1514, 1518, 2047, 2048,
         2049, 4096, 9000)


def body(port, k, n):
    """n bytes that differ in every frame and every position."""
    return bytes((port * 97 + k * 31 + i * 5 + (i >> 8)) & 0xFF for i in range(n))


def frame(port, k, size, tags=(), etype=0x0800):
    """A frame of exactly size bytes: MACs, tags, EtherType, body (cut to size)."""
    hdr = bytes([0x02, 0xd1, port, k, 0x11, 0x22]) + bytes([0x06, 0x51, port, k, 0x33, 0x44])
    for tpid, tci in tags:
        hdr += struct.pack("!HH", tpid, tci)
    hdr += struct.pack("!H", etype)
    if size < len(hdr):
        return hdr[:size]
    return hdr + body(port, k, size - len(hdr))


def inputs(port):
    frames = []
    k = 0
    for tags in ((), ((0x8100, 100),), ((0x88A8, 7),), ((0x88A8, 7), (0x8100, 0xE123))):
        for n in SIZES:
            frames.append(frame(port, k, n, tags))
            k += 1
    # LLC and raw 802.3 (a length, not an EtherType), ARP, IPv6, a broadcast
    frames.append(frame(port, k, 60, etype=46))
    frames.append(frame(port, k + 1, 60, ((0x8100, 5),), etype=0x0806))
    frames.append(frame(port, k + 2, 80, etype=0x86DD))
    frames.append(b"\xff" * 6 + frame(port, k + 3, 60)[6:])
    k += 4
    # IPv6 frames well-formed and hostile, one behind an 802.1Q tag: only the
    # tags count, whatever the IPv6 header holds
    frames += [f for _, f in g.ipv6_hostile(f"02:d1:{port:02x}:00:66:06",
                                            f"06:51:{port:02x}:00:66:06", port)]
    # short frames inside bursts, then more than a burst of small tagged ones
    frames += [frame(port, k + i, n) for i, n in enumerate((5, 14, 0, 13, 60, 13))]
    k += 6
    frames += [frame(port, k + i, 64 + i, ((0x8100, i),)) for i in range(40)]
    return frames


def edit(fr, pop, push):
    """The frame the vlan engine sends for fr, or None when it drops it."""
    if len(fr) < ETH_HLEN:
        return None
    if pop and len(fr) >= 18 and fr[12:14] in (b"\x81\x00", b"\x88\xa8"):
        fr = fr[:12] + fr[16:]
    if push:
        fr = fr[:12] + struct.pack("!HH", 0x8100, TCI) + fr[12:]
    return fr


tap = t.Tap()
ins = [inputs(0), inputs(1)]
for name, args, pop, push in (("pop", ["--vlan-pop"], True, False),
                              ("push", [f"--vlan-push={TCI:#x}"], False, True),
                              ("pop+push", [f"--vlan-push={TCI}", "--vlan-pop"], True, True)):
    run = g.PcapRun("vlan", ins, args, tag="golden_vlan")
    truncated = 0
    for rx_port, tx_port in ((0, 1), (1, 0)):
        want = [edit(fr, pop, push) for fr in ins[rx_port]]
        truncated += want.count(None)
        want = [w for w in want if w is not None]
        got = run.outputs[tx_port]
        what = f"vlan {name}: port {rx_port} -> {tx_port}"
        tap.eq(len(got), len(want), f"{what}: frames sent")
        bad = [(k, g.first_difference(o, w)) for k, (o, w) in enumerate(zip(got, want)) if o != w]
        tap.eq(len(bad), 0, f"{what}: every byte of every frame as computed",
               "\n".join(f"frame {k}: {why}" for k, why in bad[:20]))
    g.check_run(tap, run, f"vlan {name}", len(ins[0]) + len(ins[1]), {"truncated": truncated})
    for port in (0, 1):
        st = run.r.ports.get(port, {})
        tap.eq(st.get("tx_bytes"), sum(len(o) for o in run.outputs[port]),
               f"vlan {name}: port {port} TX-bytes")
    run.cleanup()

# the options: bad values refused with one line, and they belong to vlan alone
r = t.run(["--forward-mode=vlan", "--vlan-push=65536", "--duration=1"], tag="vlan_bad")
tap.ok(r.rc != 0, "--vlan-push=65536 refused", r.log())
tap.ok("--vlan-push=65536 is out of range (0..65535)" in r.out + r.err, "out-of-range line", r.log())
r = t.run(["--forward-mode=io", "--vlan-pop", "--duration=1"], tag="vlan_io")
tap.ok(r.rc != 0, "--vlan-pop refused with io", r.log())
tap.ok("skbfwd: --vlan-pop is an option of the vlan engine, not of io" in r.out + r.err,
       "the option's engine named", r.log())
tap.done()
