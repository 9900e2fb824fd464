#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""txonly golden test: the generator's frames captured with net_pcap tx_pcap and
checked field by field (MACs, IPv4 fields and checksum by an independent sum,
UDP ports/length/checksum 0, zero payload, total length = sum of --txpkts,
multi-flow source addresses); UDP/IPv6 frames compared byte for byte with
frames built here (UDP checksum computed, 0 sent as 0xffff); --latency's
probes in UDP/IPv6 frames (byte 62, the checksum over them) and the probes
received counted exactly, from a pcap and through a net_ring loop; exact counts via
--tx-count; RX never polled (as testpmd's txonly): frames that arrive stay with the port; a run on net_null."""

import ipaddress
import json
import os
import re
import struct
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402


def check_frames(tap, name, out, count, length, peer, port_mac, src, dst, sport, dport,
                 multi_flow=False):
    tap.eq(len(out), count, f"{name}: frames captured")
    bad = []
    for k, o in enumerate(out):
        ip = g.parse_ipv4(o[14:])
        want_src = src
        if multi_flow:
            a = [int(x) for x in src.split(".")]
            v = ((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]) + (k & 0xff)
            want_src = ".".join(str((v >> s) & 0xff) for s in (24, 16, 8, 0))
        got = (len(o), o[0:6], o[6:12], o[12:14], ip["version"], ip["ihl"], ip["total_length"],
               ip["ttl"], ip["proto"], ip["flags_frag"], ip["csum_ok"], ip["src"], ip["dst"],
               struct.unpack("!HHHH", o[34:42]), o[42:])
        want = (length, t.mac(peer), t.mac(port_mac), b"\x08\x00", 4, 20, length - 14,
                64, 17, 0, True, want_src, dst, (sport, dport, length - 34, 0),
                bytes(length - 42))
        if got != want:
            bad.append((k, [(i, a, b) for i, (a, b) in enumerate(zip(got, want)) if a != b][:3]))
    tap.eq(bad[:3], [], f"{name}: every frame's MACs, IPv4, UDP fields and payload")


tap = t.Tap()
empty = []
# one segment, defaults
run = g.PcapRun("txonly", [empty], ["--port-topology=loop", "--tx-count=100"])
g.check_run(tap, run, "txonly defaults", 0, {}, tx=100)
tap.eq(run.r.total and run.r.total["generated"], 100, "txonly defaults: generated")
check_frames(tap, "txonly defaults", run.outputs[0], 100, 64, "02:00:00:00:00:00",
             run.macs.get(0, ""), "198.18.0.1", "198.18.0.2", 9, 9)
run.cleanup()

# chained segments, addresses, ports, multi-flow, another burst size
args = ["--port-topology=loop", "--tx-count=300", "--txpkts=60,1000,2500",
        "--tx-ip=10.9.8.7,10.7.8.9", "--tx-udp=1234,4321", "--txonly-multi-flow",
        "--burst=64", "--eth-peer=0,02:00:00:00:ee:ee"]
run = g.PcapRun("txonly", [empty], args, tag="txonly_segs")
g.check_run(tap, run, "txonly --txpkts", 0, {}, tx=300)
check_frames(tap, "txonly --txpkts=60,1000,2500", run.outputs[0], 300, 3560,
             "02:00:00:00:ee:ee", run.macs.get(0, ""), "10.9.8.7", "10.7.8.9", 1234, 4321,
             multi_flow=True)
run.cleanup()

# --tx-pkt-size, --tx-udp with one port
run = g.PcapRun("txonly", [empty], ["--port-topology=loop", "--tx-count=40",
                                    "--tx-pkt-size=1500", "--tx-udp=7"], tag="txonly_size")
g.check_run(tap, run, "txonly --tx-pkt-size", 0, {}, tx=40)
check_frames(tap, "txonly --tx-pkt-size=1500", run.outputs[0], 40, 1500, "02:00:00:00:00:00",
             run.macs.get(0, ""), "198.18.0.1", "198.18.0.2", 7, 7)
run.cleanup()



def frames6(n, length, peer, port_mac, src, dst, sport, dport, multi_flow=False, probes=None):
    """The n UDP/IPv6 frames txonly must send, built here: frame k's source has
    (its last 32 bits + k mod 256) mod 2**32 with --txonly-multi-flow; with
    probes (frame k's TX time, 48 bits) the --latency probe of flow 0/0,
    sequence number k, at the payload's start (frame byte 62) and the UDP
    checksum computed over it."""
    base = int(ipaddress.IPv6Address(src))
    out = []
    for k in range(n):
        a = base
        if multi_flow:
            a = (base & ~0xFFFFFFFF) | (((base & 0xFFFFFFFF) + (k & 0xFF)) & 0xFFFFFFFF)
        s = str(ipaddress.IPv6Address(a))
        pay = bytes(length - 62)
        if probes is not None:
            pay = probe(0, k, probes[k]) + pay[PROBE_LEN:]
        out.append(g.eth(peer, port_mac, g.ETH_IPV6,
                         g.ipv6(s, dst, 17, g.udp6(s, dst, sport, dport, pay))))
    return out


# --latency's probe (app/skbfwd/latency.h): "SKBP", sequence number, flow
# (TX port << 10 | TX queue) and 48 bits of TX time, big-endian, at the first
# UDP payload byte: frame byte 42 over IPv4, 62 over IPv6
PROBE_MAGIC, PROBE_LEN = 0x534B4250, 16


def probe(flow, seq, ts):
    return struct.pack("!IIQ", PROBE_MAGIC, seq, (flow << 48) | ts)


def read_probe(frame, at):
    """(magic, seq, flow, ts) of the 16 bytes at frame byte @at."""
    magic, seq, w = struct.unpack("!IIQ", frame[at:at + PROBE_LEN])
    return magic, seq, w >> 48, w & (2 ** 48 - 1)


def check_frames6(tap, name, out, want):
    tap.eq(len(out), len(want), f"{name}: frames captured")
    bad = [(k, g.first_difference(o, w)) for k, (o, w) in enumerate(zip(out, want)) if o != w]
    tap.eq(bad[:3], [], f"{name}: every byte of every frame (IPv6, UDP checksum, payload)")


# UDP/IPv6: one segment, 64 bytes
V6S, V6D = "2001:db8:1::1", "2001:db8:2::2"
run = g.PcapRun("txonly", [empty], ["--port-topology=loop", "--tx-count=100",
                                    f"--tx-ip={V6S},{V6D}"], tag="txonly6")
g.check_run(tap, run, "txonly IPv6", 0, {}, tx=100)
tap.ok("64-byte UDP/IPv6 frames in 1 segment" in run.r.out, "txonly IPv6: the setup line",
       run.r.out)
check_frames6(tap, "txonly IPv6", run.outputs[0],
              frames6(100, 64, "02:00:00:00:00:00", run.macs.get(0, ""), V6S, V6D, 9, 9))
run.cleanup()

# two segments, multi-flow, a source whose last 32 bits wrap, and a destination
# chosen so that one flow's UDP checksum computes to 0 (sent as 0xffff)
V6W = "fd00:1:2:3:4:5:ffff:ff80"
ZK = 5                                   # the flow whose checksum computes to 0
_b = int(ipaddress.IPv6Address(V6W))
_s5 = str(ipaddress.IPv6Address((_b & ~0xFFFFFFFF) | (((_b & 0xFFFFFFFF) + ZK) & 0xFFFFFFFF)))
_udp0 = struct.pack("!HHHH", 1234, 4321, 1016, 0) + bytes(1008)
# the destination's last word x adds x to the sum: x = the checksum with x = 0 makes it 0xffff
_x = g.l4_csum6(_s5, "fd00::9:0", 17, _udp0)
zero_dst = (f"fd00::9:{_x:x}", ZK)
tap.eq(g.l4_csum6(_s5, zero_dst[0], 17, _udp0), 0,
       f"txonly IPv6: flow {ZK}'s checksum to {zero_dst[0]} computes to 0")
args = ["--port-topology=loop", "--tx-count=300", "--txpkts=70,1000",
        f"--tx-ip={V6W},{zero_dst[0]}", "--tx-udp=1234,4321", "--txonly-multi-flow",
        "--burst=64", "--eth-peer=0,02:00:00:00:ee:ee"]
run = g.PcapRun("txonly", [empty], args, tag="txonly6_segs")
g.check_run(tap, run, "txonly IPv6 --txpkts", 0, {}, tx=300)
want = frames6(300, 1070, "02:00:00:00:ee:ee", run.macs.get(0, ""), V6W, zero_dst[0], 1234,
               4321, multi_flow=True)
tap.eq(want[zero_dst[1]][60:62], b"\xff\xff", "txonly IPv6: the zero checksum is sent as 0xffff")
check_frames6(tap, "txonly IPv6 --txpkts=70,1000 multi-flow", run.outputs[0], want)
run.cleanup()

# --tx-pkt-size, one UDP port
run = g.PcapRun("txonly", [empty], ["--port-topology=loop", "--tx-count=40", "--tx-pkt-size=1500",
                                    "--tx-udp=7", "--tx-ip=::1,fe80::2"], tag="txonly6_size")
g.check_run(tap, run, "txonly IPv6 --tx-pkt-size", 0, {}, tx=40)
check_frames6(tap, "txonly IPv6 --tx-pkt-size=1500", run.outputs[0],
              frames6(40, 1500, "02:00:00:00:00:00", run.macs.get(0, ""), "::1", "fe80::2", 7, 7))
run.cleanup()


# --latency over UDP/IPv6: the probe at byte 62 of every frame sent, the UDP
# checksum right with it (the frames compared byte for byte with frames built
# here around the TX time each carries), multi-flow and two segments; the RX
# side finds probes at byte 62 of IPv6 frames and byte 42 of IPv4 ones, and
# nowhere else: the input holds probes of two other flows (counted exactly:
# received, lost and reordered by their sequence numbers) and frames with a
# probe at the other family's offset or cut inside it (not probes)
A, B = "02:00:00:00:bb:01", "02:00:00:00:bb:02"
F6, F4 = 2 << 10, 3 << 10 | 1                        # flows 2/0 and 3/1
SEQ6, SEQ4 = (0, 1, 2, 4, 3, 7), (0, 1, 2, 3, 4)
lat_in = [g.udp6_frame(B, A, "2001:db8::a", "2001:db8::b", probe(F6, q, 1000 + q) + bytes(4))
          for q in SEQ6]
lat_in += [g.udp_frame(B, A, "10.0.0.1", "10.0.0.2", probe(F4, q, 5) + bytes(4)) for q in SEQ4]
decoy6 = bytearray(g.udp6_frame(B, A, "2001:db8::a", "2001:db8::b", bytes(20)))
decoy6[42:58] = probe(F6, 100, 0)                    # IPv4's offset in an IPv6 frame
decoy4 = g.udp_frame(B, A, "10.0.0.1", "10.0.0.2", bytes(20) + probe(F4, 100, 0))  # byte 62
cut6 = g.udp6_frame(B, A, "2001:db8::a", "2001:db8::b", probe(F6, 100, 0))[:70]
lat_in += [bytes(decoy6), decoy4, cut6, t.mac(B) + t.mac(A)[:1]]   # and a 7-byte runt
for tag, args, length, multi in (
        ("txonly6_lat", ["--tx-pkt-size=100"], 100, False),
        ("txonly6_lat_mf", ["--txpkts=80,100", "--txonly-multi-flow", "--burst=16"], 180, True)):
    name = f"txonly IPv6 --latency {' '.join(args)}"
    run = g.PcapRun("txonly", [lat_in],
                    ["--port-topology=loop", "--tx-count=50", "--latency",
                     f"--tx-ip={V6S},{V6D}", "--stats-json=@DIR@/s.json"] + args, tag=tag)
    g.check_run(tap, run, name, len(lat_in), {"consumed": len(lat_in)}, tx=50)
    out = run.outputs[0]
    got = [read_probe(o, 62) for o in out]
    tap.eq([k for k, (m, q, f, _) in enumerate(got) if (m, q, f) != (PROBE_MAGIC, k, 0)], [],
           f"{name}: probe of flow 0/0 at byte 62, sequence numbers 0..49 (frames that differ)")
    ts = [x[3] for x in got]
    tap.ok(ts == sorted(ts) and len(set(ts)) >= 2, f"{name}: TX times rise burst by burst", ts)
    tap.eq([k for k, o in enumerate(out) if g.l4_csum6(o[22:38], o[38:54], 17, o[54:]) != 0], [],
           f"{name}: every UDP/IPv6 checksum verifies over the probe (frames that do not)")
    check_frames6(tap, name, out, frames6(50, length, "02:00:00:00:00:00", run.macs.get(0, ""),
                                           V6S, V6D, 9, 9, multi_flow=multi, probes=ts))
    txt = run.r.out
    tap.ok(re.search(r"^  Port 0: 11 probes, TX TSC to RX TSC: ", txt, re.M) is not None,
           f"{name}: 11 probes received (6 IPv6, 5 IPv4)", txt)
    tap.ok("  Port 0: flow 2/0: 6 received, 2 lost, 1 reordered\n" in txt and
           "  Port 0: flow 3/1: 5 received, 0 lost, 0 reordered\n" in txt,
           f"{name}: the two flows' lines", txt)
    try:
        with open(run.path("s.json")) as fh:
            lat = json.load(fh)["latency"]
        tap.eq((lat["probe_offset"], lat["probe_offset_ipv6"]), (42, 62),
               f"{name}: --stats-json probe offsets")
        lp = lat["ports"][0]
        tap.eq((lp["port"], lp["probes"], lp["untracked"]), (0, 11, 0),
               f"{name}: --stats-json port 0 probes")
        tap.eq(sorted(lp["flows"], key=lambda f: f["flow"]),
               [{"flow": "2/0", "received": 6, "lost": 2, "reordered": 1, "sent": 0},
                {"flow": "3/1", "received": 5, "lost": 0, "reordered": 0, "sent": 0}],
               f"{name}: --stats-json flows")
    except (OSError, ValueError, KeyError, IndexError) as e:
        tap.ok(False, f"{name}: --stats-json latency", str(e))
    run.cleanup()

# through a loop (net_ring: what the port sends comes back on its RX), IPv6
# and IPv4: every probe sent comes back and is counted, exactly
for fam, ipargs in (("IPv6", [f"--tx-ip={V6S},{V6D}", "--tx-pkt-size=78"]),
                    ("IPv4", ["--tx-pkt-size=58"])):
    name = f"txonly {fam} --latency through net_ring"
    with tempfile.TemporaryDirectory(prefix="skbt_txlat_") as d:
        sj = os.path.join(d, "s.json")
        r = t.run(["--forward-mode=txonly", "--port-topology=loop", "--tx-count=1000",
                   "--latency", "--duration=1", f"--stats-json={sj}"] + ipargs,
                  tag="txonly_lat_ring", vdevs=["net_ring0"])
        tap.eq(r.rc, 0, f"{name}: exit status", r.log())
        tap.eq(r.in_use, 0, f"{name}: mbufs in use at exit")
        tot = r.total or {}
        tap.eq((tot.get("generated"), tot.get("tx"), tot.get("rx"), tot.get("drops")),
               (1000, 1000, 1000, {"consumed": 1000}),
               f"{name}: 1000 generated, sent, received and consumed", r.out)
        f = t.LATENCY_FLOW_RE.search(r.out)
        tap.eq(f and tuple(int(x) for x in f.groups()), (1000, 0, 0, 1000),
               f"{name}: flow 0/0: 1000 received, 0 lost, 0 reordered, 1000 sent", r.out)
        m = t.LATENCY_RE.search(r.out)
        tap.eq(m and int(m.group(1)), 1000, f"{name}: 1000 probes measured", r.out)
        try:
            with open(sj) as fh:
                lp = json.load(fh)["latency"]["ports"][0]
            tap.eq((lp["probes"], [c["probes"] for c in lp["clocks"]], lp["flows"]),
                   (1000, [1000], [{"flow": "0/0", "received": 1000, "lost": 0,
                                     "reordered": 0, "sent": 1000}]),
                   f"{name}: --stats-json latency")
        except (OSError, ValueError, KeyError, IndexError) as e:
            tap.ok(False, f"{name}: --stats-json latency", str(e))

# refused, one line each
for bad, line in (
        (["--tx-ip=1.2.3.4,2001:db8::1"],
         "skbfwd: --tx-ip=1.2.3.4,2001:db8::1: SRC and DST must be of one family, both IPv4 or both IPv6"),
        (["--tx-ip=2001:db8::1,10.0.0.1"],
         "skbfwd: --tx-ip=2001:db8::1,10.0.0.1: SRC and DST must be of one family, both IPv4 or both IPv6"),
        (["--tx-ip=2001:db8::1,2001:db8::g"],
         "skbfwd: --tx-ip=2001:db8::1,2001:db8::g: expected SRC,DST IPv4 or IPv6 addresses"),
        (["--tx-ip=::1,::2", "--txpkts=60,100"],
         "skbfwd: --tx-ip with IPv6 addresses: the first segment must hold the 62 header bytes, not 60 (--txpkts, --tx-pkt-size)"),
        (["--tx-ip=::1,::2", "--tx-gso=1000", "--tx-gso-udp"],
         "skbfwd: --tx-gso-udp sends IPv4 fragments: not with IPv6 --tx-ip"),
        (["--tx-ip=::1,::2", "--latency"],
         "skbfwd: --latency: txonly's probe needs UDP/IPv6 frames of 78 bytes at least in their first segment, not 64"),
        (["--tx-ip=::1,::2", "--latency", "--txpkts=77,100"],
         "skbfwd: --latency: txonly's probe needs UDP/IPv6 frames of 78 bytes at least in their first segment, not 77"),
        (["--latency", "--tx-pkt-size=57"],
         "skbfwd: --latency: txonly's probe needs UDP/IPv4 frames of 58 bytes at least in their first segment, not 57")):
    r = t.run(["--forward-mode=txonly", "--duration=0.2"] + bad, tag="txonly6_badopt")
    tap.ok(r.rc != 0 and line in r.err.splitlines(), f"txonly: {' '.join(bad)} refused", r.log())

for bad in ("--txpkts=20,100", "--txpkts=64,0", "--tx-ip=1.2.3.4", "--tx-udp=70000",
            "--tx-pkt-size=10", "--tx-count=0"):
    r = t.run(["--forward-mode=txonly", bad, "--duration=0.2"], tag="txonly_badopt")
    tap.ok(r.rc != 0 and bad.split("=")[0] in r.err, f"txonly: {bad} refused", r.log())

r = g.null_run(tap, "txonly", expect_tx=True)
if r is not None and r.total:
    tot = r.total
    tap.eq(tot["rx"], 0, "txonly on net_null: RX never polled")
    tap.eq(tot["generated"], tot["tx"] + sum(tot["drops"].values()),
           "txonly on net_null: generated == TX + drops")

# frames arriving while generating are not received: they stay with the port
A, B = "02:00:00:00:bb:01", "02:00:00:00:bb:02"
rx_frames = [g.udp_frame(B, A, "10.0.0.1", "10.0.0.2", bytes(n)) for n in (18, 500, 3000)]
run = g.PcapRun("txonly", [rx_frames], ["--port-topology=loop", "--tx-count=10"], tag="txonly_rx")
g.check_run(tap, run, "txonly with input", 0, {}, tx=10)
tap.eq(len(run.outputs[0]), 10, "txonly with input: only generated frames sent")
run.cleanup()
tap.done()
