#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The TSO side of the GSO TX path, on net_tap (whose device reports TCP TSO):
host A (a namespace) injects 40 in-order TCP segments (MSS 1400) into skbfwd's
port 0 with a packet socket; skbfwd --gro merges what arrives together and sends
the merged skbs to port 1 as one multi-segment mbuf with the TSO fields; host B
captures what comes out.  B must see exactly the 40 frames A sent, byte for
byte, and skbfwd must report the TSO path chosen for port 1 and used.  Also
the software path on the same link with MSS 1448 (net_tap counts the Ethernet
header in its MTU check, so such skbs go to software GSO).  Then txonly
--tx-gso with IPv6 addresses: TCP/IPv6 GSO skbs, which net_tap's TSO (DPDK
22.11's rte_gso, IPv4 only) cannot cut, so skbfwd segments them in software
for that port; a kernel namespace behind the tap receives every segment, byte
for byte as built here, and counts them (nstat Ip6InReceives, TcpInSegs, no
checksum error; the interface's RX packets).  Needs root."""

import json
import os
import re
import struct
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402
from console import Console  # noqa: E402

SEGS = 40
DST = "02:00:00:0b:00:09"  # nobody's: B's kernel takes the frames as other-host
SRC = "02:00:00:0a:00:09"

# capture on argv[1] up to argv[2] frames of EtherType argv[4] (hex; default
# IPv4) for argv[3] seconds, the kernel's own out of it; a large buffer, so
# that a burst of segments waits for the reads
CAPTURE = r"""
import socket, sys, time
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.setsockopt(socket.SOL_SOCKET, 33, 16 << 20)    # SO_RCVBUFFORCE
s.bind((sys.argv[1], 0))
s.settimeout(0.2)
want, end, got = int(sys.argv[2]), time.time() + float(sys.argv[3]), []
etype = bytes.fromhex(sys.argv[4] if len(sys.argv) > 4 else "0800")
print("ready", flush=True)
while len(got) < want and time.time() < end:
    try:
        data, addr = s.recvfrom(70000)
    except socket.timeout:
        continue
    if addr[2] != socket.PACKET_OUTGOING and data[12:14] == etype:
        got.append(data.hex())
print("\n".join(got), flush=True)
"""

INJECT = r"""
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
for line in sys.stdin.read().split():
    s.send(bytes.fromhex(line))
"""


def tcp_frames(mss, seq0=5000):
    frames = []
    for i in range(SEGS):
        data = bytes((i * 13 + j) & 0xFF for j in range(mss))
        th = struct.pack("!HHIIBBHHH", 40000, 80, seq0 + i * mss, 1, 5 << 4, 0x10, 65000, 0, 0)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + mss, 100 + i, 0x4000, 64, 6, 0,
                         bytes([10, 66, 0, 1]), bytes([10, 66, 1, 1]))
        ip = ip[:10] + struct.pack("!H", t.inet_csum(ip)) + ip[12:]
        c = t.inet_csum(ip[12:20] + struct.pack("!BBH", 0, 6, 20 + mss) + th + data)
        th = th[:16] + struct.pack("!H", c) + th[18:]
        frames.append(t.mac(DST) + t.mac(SRC) + b"\x08\x00" + ip + th + data)
    return frames


def run_case(tap, mss, want_tso):
    name = f"MSS {mss}"
    frames = tcp_frames(mss)
    h = peers.TapHosts(f"g{mss % 100}")
    cap = None
    try:
        if not tap.ok(h.start(["--forward-mode=io", "--gro", "--duration=30"],
                              ("10.66.0.2/24", "10.66.1.2/24")),
                      f"{name}: skbfwd up, taps in the hosts' namespaces", h.log()):
            return
        tap.ok("Port 1: GSO by the device (TSO" in h.fwd.out(),
               f"{name}: port 1 (net_tap) segments by TSO, decided at start", h.log())
        cap = h.hosts[1].popen(["python3", "-c", CAPTURE, h.host_ifaces[1], str(SEGS), "10"],
                               stdout=subprocess.PIPE)
        tap.eq(cap.stdout.readline().strip(), "ready", f"{name}: capture on host B ready")
        time.sleep(0.2)
        # A's sends are slower than skbfwd's polls: held in a token bucket and
        # released at once, the frames reach the tap back to back, as a burst
        # that --gro can merge (first one passes on the bucket's initial tokens)
        dev = h.host_ifaces[0]
        h.hosts[0].run(["tc", "qdisc", "add", "dev", dev, "root", "tbf", "rate", "8kbit",
                        "burst", "1600", "limit", "262144"])
        p = h.hosts[0].popen(["python3", "-c", INJECT, dev], stdin=subprocess.PIPE)
        p.communicate("\n".join(f.hex() for f in frames), timeout=30)
        h.hosts[0].run(["tc", "qdisc", "change", "dev", dev, "root", "tbf", "rate", "10gbit",
                        "burst", "4mb", "limit", "262144"])
        out, _ = cap.communicate(timeout=30)
        got = [bytes.fromhex(x) for x in out.split()]
        tap.eq(len(got), SEGS, f"{name}: host B received every segment", h.log())
        tap.ok(got == frames, f"{name}: host B received exactly the frames A sent, in order")
        r = h.stop()
        tap.eq((r.rc, r.in_use), (0, 0), f"{name}: skbfwd exit status, mbufs in use", r.log())
        p0, p1 = r.ports.get(0, {}), r.ports.get(1, {})
        tap.eq((p0.get("rx"), p1.get("tx"), p1.get("tx_bytes")),
               (SEGS, SEGS, sum(len(f) for f in frames)),
               f"{name}: port 0 RX, port 1 TX packets and bytes count wire frames", r.log())
        m = re.search(r"^GSO: (\d+) skbs to device TSO, (\d+) segmented in software into (\d+)",
                      r.out, re.M)
        g = re.search(r"^GRO: (\d+) packets received, (\d+) skbs", r.out, re.M)
        if tap.ok(m is not None and g is not None, f"{name}: GRO and GSO lines printed", r.log()):
            merged = int(g.group(1)) - int(g.group(2))
            tso, sw = int(m.group(1)), int(m.group(2))
            if want_tso:
                tap.eq(sw, 0, f"{name}: nothing segmented in software")
                tap.ok(merged == 0 or tso >= 1,
                       f"{name}: merged skbs went to the device ({merged} merged, {tso} TSO)")
            else:
                tap.eq(tso, 0, f"{name}: nothing to the device (MSS + headers over its MTU)")
                tap.ok(merged == 0 or sw >= 1,
                       f"{name}: merged skbs segmented in software ({merged} merged, {sw})")
            tap.ok(merged > 0, f"{name}: --gro merged segments that arrived together "
                   f"({merged} of {SEGS})", r.log())
    finally:
        if cap is not None and cap.poll() is None:
            cap.kill()
            cap.wait()
        h.cleanup()


# txonly --tx-gso over IPv6 into a kernel host: SKBS GSO skbs of 64 KiB of
# TCP payload, MSS6 each, from PORT6 to HOST6
SKBS, MSS6, PAY6 = 8, 1400, 65536
PORT_MAC6, HOST_MAC6 = "02:00:00:0c:06:01", "02:00:00:0c:06:02"
PORT6, HOST6 = "2001:db8:6c::1", "2001:db8:6c::2"
KERNEL = ("Ip6InReceives", "Ip6InDelivers", "TcpInSegs", "TcpInErrs", "TcpInCsumErrors")


def tcp6_segments():
    """The wire frames txonly's SKBS TCP/IPv6 GSO skbs become, built here:
    skb k holds PAY6 zero bytes from sequence number k x PAY6 (ports 9, 9,
    ACK|PSH, window 65535); each MSS6 of it one segment with the headers
    copied, its payload length and sequence number, PSH on the last one only
    and its TCP checksum over the RFC 8200 pseudo-header."""
    frames = []
    for k in range(SKBS):
        for off in range(0, PAY6, MSS6):
            data = bytes(min(MSS6, PAY6 - off))
            last = off + MSS6 >= PAY6
            th = struct.pack("!HHIIBBHHH", 9, 9, (k * PAY6 + off) & 0xFFFFFFFF, 0, 5 << 4,
                             0x18 if last else 0x10, 65535, 0, 0)
            c = g.l4_csum6(PORT6, HOST6, 6, th + data)
            th = th[:16] + struct.pack("!H", c) + th[18:]
            frames.append(g.eth(HOST_MAC6, PORT_MAC6, g.ETH_IPV6,
                                g.ipv6(PORT6, HOST6, 6, th + data)))
    return frames


def rx_packets(ns, ifname):
    r = ns.run(["ip", "-s", "-j", "link", "show", "dev", ifname], check=False)
    try:
        return json.loads(r.stdout)[0]["stats64"]["rx"]["packets"]
    except (ValueError, KeyError, IndexError):
        return None


def txonly6_case(tap):
    """txonly's TCP/IPv6 GSO skbs on net_tap, whose DPDK 22.11 TSO (rte_gso)
    cuts TCP/IPv4 only: skbfwd segments them in software for that port; the
    kernel in a namespace takes every segment (nstat, the interface's RX
    count), each byte as built here."""
    name = "txonly IPv6 --tx-gso"
    want = tcp6_segments()
    ifname = peers.iface_name("g6")
    con = Console(["-i", "--forward-mode=txonly", "--port-topology=loop",
                   f"--tx-gso={MSS6}", f"--tx-ip={PORT6},{HOST6}", f"--tx-count={SKBS}",
                   f"--eth-peer=0,{HOST_MAC6}"],
                  vdevs=[f"net_tap0,iface={ifname},mac={PORT_MAC6}"], tag="gso6tap")
    ns = cap = None
    try:
        start = con.ready()
        if not tap.ok(start is not None, f"{name}: skbfwd at its prompt", con.log()):
            return
        tap.ok("Port 0: GSO by the device (TSO, TCP/IPv4; the rest in software)" in start,
               f"{name}: net_tap's TSO is for TCP/IPv4 only", start)
        ns = peers.Netns("g6")
        ns.take_iface(ifname, mac=HOST_MAC6, addr=f"{HOST6}/64")
        ns.neigh(PORT6, PORT_MAC6, ifname)
        before, rx0 = ns.nstat(KERNEL), rx_packets(ns, ifname)
        cap = ns.popen(["python3", "-c", CAPTURE, ifname, str(len(want)), "20", "86dd"],
                       stdout=subprocess.PIPE)
        tap.eq(cap.stdout.readline().strip(), "ready", f"{name}: capture in the namespace ready")
        started = con.cmd("start")
        tap.ok(started is not None and "skbfwd: txonly: TCP/IPv6 GSO skbs of 65536 payload "
               f"bytes, gso_size {MSS6}" in started, f"{name}: start: TCP/IPv6 GSO skbs",
               con.log())
        out, _ = cap.communicate(timeout=60)
        got = [bytes.fromhex(x) for x in out.split()]
        stop = con.cmd("stop", timeout=60)
        tap.eq(len(got), len(want), f"{name}: the namespace received {len(want)} segments "
               f"({SKBS} skbs of {-(-PAY6 // MSS6)})", con.log())
        bad = [(k, g.first_difference(o, w)) for k, (o, w) in enumerate(zip(got, want)) if o != w]
        tap.eq(bad[:3], [], f"{name}: every byte of every segment as built here")
        tap.eq([k for k, o in enumerate(got)
                if g.l4_csum6(o[22:38], o[38:54], 6, o[54:]) != 0], [],
               f"{name}: every TCP checksum verifies (independent sum)")
        # the kernel's own counts: every segment received, its checksum checked
        peers.wait_until(lambda: ns.nstat(KERNEL)["TcpInSegs"] - before["TcpInSegs"]
                                  >= len(want), 5)
        after, rx1 = ns.nstat(KERNEL), rx_packets(ns, ifname)
        tap.eq({k: after[k] - before[k] for k in KERNEL},
               {"Ip6InReceives": len(want), "Ip6InDelivers": len(want), "TcpInSegs": len(want),
                "TcpInErrs": 0, "TcpInCsumErrors": 0},
               f"{name}: the kernel's IPv6 and TCP counters (nstat)")
        tap.eq(None if rx0 is None or rx1 is None else rx1 - rx0, len(want),
               f"{name}: the namespace's interface counted {len(want)} packets in")
        text = "\n".join(stop or [])
        ports = t.parse_ports(text)
        tap.eq((ports.get(0, {}).get("tx"), ports.get(0, {}).get("generated")),
               (len(want), len(want)), f"{name}: skbfwd TX-packets and Generated: wire packets",
               text)
        rest = con.finish(b"quit\n")
        tap.eq(con.rc, 0, f"{name}: exit status", "\n".join(rest))
        tap.ok(f"GSO: 0 skbs to device TSO, {SKBS} segmented in software into {len(want)} packets"
               in rest, f"{name}: segmented in software, every skb", "\n".join(rest))
        tap.ok("mbufs in use at exit: 0" in rest, f"{name}: no mbuf left at exit", "\n".join(rest))
    finally:
        if cap is not None and cap.poll() is None:
            cap.kill()
            cap.wait()
        con.close()
        if ns is not None:
            ns.delete()


def main():
    tap = peers.netns_tap("TSO over net_tap")
    run_case(tap, 1400, True)
    run_case(tap, 1448, False)
    txonly6_case(tap)
    tap.done()


if __name__ == "__main__":
    main()
