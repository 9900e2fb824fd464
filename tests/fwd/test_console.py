#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""A console session through a pipe that runs every command of the console
(issue 15's list) and checks the exact lines each prints.

Two net_pcap ports replay a known number of frames once (N0 on port 0, N1 on
port 1, lengths known), so every counter has one exact value: the forward
statistics of `stop` and `show fwd stats all` are compared with the ports' own
counters (`show port stats`, telemetry /ethdev/stats), the verbose lines with
the frames written, the txonly frames of `start tx_first` with what the TX
pcap files hold."""

import os
import re
import shutil
import struct
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402
from console import EXIT_TAIL, Console  # noqa: E402


def drop_reasons():
    """The named drop reasons, in order, from engine.h's FWD_DROP_REASONS list."""
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "app", "skbfwd", "engine.h")
    text = open(src).read()
    block = text[text.index("#define FWD_DROP_REASONS(X)"):]
    block = block[:block.index("\n\n")]
    return re.findall(r'X\(\w+, "(\w+)"', block)

N0, N1 = 10, 6
PEER = "02:00:00:00:00:09"


def udp_frame(i, port, size):
    """Ethernet/IPv4/UDP of @size bytes from 10.0.PORT.1:(1024+i) to 10.0.(PORT^1).1:9."""
    payload = bytes([(i * 7 + k) & 0xFF for k in range(size - 42)])
    udp = struct.pack("!HHHH", 1024 + i, 9, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0,
                     bytes([10, 0, port, 1]), bytes([10, 0, port ^ 1, 1]))
    ip = ip[:10] + struct.pack("!H", t.inet_csum(ip)) + ip[12:]
    return t.mac(f"02:00:00:00:02:0{port}") + t.mac(f"02:00:00:00:01:0{port}") + \
        b"\x08\x00" + ip + udp


def verbose_line(port, i, frame):
    return (f"port {port}/queue 0: received: src=02:00:00:00:01:0{port} - "
            f"dst=02:00:00:00:02:0{port} - type=0x0800 - length={len(frame)} - nb_segs=1 - "
            f"sw ptype: L2_ETHER L3_IPV4 L4_UDP - l2_len=14 - l3_len=20 - l4_len=8 - "
            f"IPv4 10.0.{port}.1 > 10.0.{port ^ 1}.1 ttl=64 - UDP {1024 + i} > 9")


def nic_block(port, rx, rx_bytes, tx, tx_bytes):
    """testpmd's NIC statistics block without its rate lines (checked apart)."""
    return ["", f"  ######################## NIC statistics for port {port:<2d} "
            "########################",
            f"  RX-packets: {rx:<10d} RX-missed: {0:<10d} RX-bytes:  {rx_bytes}",
            "  RX-errors: 0",
            f"  RX-nombuf:  {0:<10d}",
            f"  TX-packets: {tx:<10d} TX-errors: {0:<10d} TX-bytes:  {tx_bytes}",
            "", "  Throughput (since last show)"]


def check_nic(tap, lines, blocks, what):
    """@lines of `show port stats` against @blocks [(port, rx, rxb, tx, txb)]."""
    want = []
    for b in blocks:
        want += nic_block(*b) + ["RATE", "RATE", "  " + "#" * 76]
    got = ["RATE" if ln.startswith(("  Rx-pps:", "  Tx-pps:")) else ln for ln in lines]
    tap.eq(got, want, what)


def main():
    tap = t.Tap()
    d = tempfile.mkdtemp(prefix="skbt_con_")
    f0 = [udp_frame(i, 0, 60 + 3 * i) for i in range(N0)]
    f1 = [udp_frame(i, 1, 100 + i) for i in range(N1)]
    b0, b1 = sum(map(len, f0)), sum(map(len, f1))
    t.write_pcap(f"{d}/in0.pcap", f0)
    t.write_pcap(f"{d}/in1.pcap", f1)
    vdevs = [f"net_pcap{p},rx_pcap={d}/in{p}.pcap,tx_pcap={d}/out{p}.pcap" for p in (0, 1)]
    # --no-flush-rx: the frames wait in the pcap until forwarding reads them
    c = Console(["-i", "--burst=16", "--no-flush-rx"], vdevs, tag="con")
    try:
        run(tap, c, d, f0, f1, b0, b1)
    finally:
        c.close()
        shutil.rmtree(d, ignore_errors=True)
    return tap


def run(tap, c, d, f0, f1, b0, b1):
    banner = c.ready()
    if not tap.ok(banner is not None, "the prompt 'skbfwd> ' comes", c.log()):
        return
    macs = dict(t.re.findall(r"^Port (\d) \(net_pcap\d\): .* MAC (\S+)$", banner, t.re.M))
    tap.eq(sorted(macs), ["0", "1"], "start-up names both ports' MACs", banner)

    # ---- help: every command, one line each
    h = c.cmd("help")
    words = [ln[:26].rstrip() for ln in h]
    tap.eq(words, ["start", "start tx_first [N]", "stop", "show port stats all|N",
                   "clear port stats all|N", "show port info all|N", "show port xstats all|N",
                   "show fwd stats all", "clear fwd stats all", "show config fwd", "show drops",
                   "set fwd MODE", "set OPTION VALUE", "set verbose N",
                   "set promisc all|N on|off", "set link-up port N", "set link-down port N",
                   "port stop all|N", "port start all|N", "port close all|N", "help", "quit"],
           "help: one line per command")
    tap.ok(any(ln.startswith("set fwd MODE               forwarding engine: io mac macswap ")
               for ln in h), "help: set fwd lists the engines", "\n".join(h))

    # ---- the plan, the ports, before forwarding
    tap.eq(c.cmd("show config fwd"),
           ["io packet forwarding - ports=2 - cores=1 - streams=2 - burst=16",
            "Logical Core 1 (socket 0) forwards packets on 2 streams:",
            "  RX P=0/Q=0 (socket 0) -> TX P=1/Q=0 (socket 0) peer=02:00:00:00:00:01",
            "  RX P=1/Q=0 (socket 0) -> TX P=0/Q=0 (socket 0) peer=02:00:00:00:00:00"],
           "show config fwd")
    info = c.cmd("show port info 0")
    for want in ["", "********************* Infos for port 0  *********************",
                 "MAC address: " + macs.get("0", "?"), "Device name: net_pcap0",
                 "Driver name: net_pcap", "Port state: started", "Link status: up",
                 "Current number of RX queues: 1", "Current number of TX queues: 1",
                 "Current number of RXDs per queue: 1024", "Current number of TXDs per queue: 1024",
                 "RX offloads enabled: none", "TX offloads enabled: none"]:
        tap.ok(want in info, f"show port info 0: {want!r}", "\n".join(info))
    x = c.cmd("show port xstats 0")
    tap.eq(x[:1], ["###### NIC extended statistics for port 0 "], "show port xstats: header")
    tap.ok("rx_good_packets: 0" in x and "tx_good_bytes: 0" in x,
           "show port xstats: counters by name", "\n".join(x))
    check_nic(tap, c.cmd("show port stats all"),
              [(0, 0, 0, 0, 0), (1, 0, 0, 0, 0)], "show port stats all: zeros before a run")

    # ---- a run with verbose lines
    tap.eq(c.cmd("set verbose 1"), ["Change verbose level from 0 to 1"], "set verbose 1")
    s = c.cmd("start")
    # the lcores' verbose lines may come as soon as they run
    seen = [ln for ln in s if ln.startswith("port ")]
    s = [ln for ln in s if not ln.startswith("port ")]
    tap.eq(s[-1:], ["skbfwd: io engine, 2 ports, 2 streams on 1 forwarding lcores, burst 16"],
           "start: the run's banner", "\n".join(s))
    done = peers.wait_until(
        lambda: (peers.telemetry_or_none(c.prefix, "/ethdev/stats,1") or {})
        .get("opackets", 0) >= N0 and
        (peers.telemetry_or_none(c.prefix, "/ethdev/stats,0") or {}).get("opackets", 0) >= N1,
        20, step=0.1)
    tap.ok(done, "every frame forwarded (telemetry /ethdev/stats answers meanwhile)", c.log())
    time.sleep(0.3)     # the console flushes the lcores' lines every 100 ms
    refused = {}
    for cmd in ["start", "set fwd macswap", "set burst 64", "set nbcore 1",
                f"set eth-peer 1 {PEER}", "set routes /nonexistent", "port stop 0",
                "port close 1"]:
        refused[cmd] = c.cmd(cmd)
    seen += [ln for lines in refused.values() for ln in lines if ln.startswith("port ")]
    for cmd, lines in refused.items():
        refused[cmd] = [ln for ln in lines if not ln.startswith("port ")]
    tap.eq([ln for ln in seen if ln.startswith("port 0/")],
           [verbose_line(0, i, f) for i, f in enumerate(f0)], "set verbose 1: port 0's frames")
    tap.eq([ln for ln in seen if ln.startswith("port 1/")],
           [verbose_line(1, i, f) for i, f in enumerate(f1)], "set verbose 1: port 1's frames")
    tap.eq(refused.pop("start"), ["Packet forwarding already started"], "start while forwarding")
    for cmd, lines in refused.items():
        tap.eq(lines, ["Please stop forwarding first"], f"refused while forwarding: {cmd}")
    eth0 = peers.telemetry_or_none(c.prefix, "/ethdev/stats,0") or {}
    eth1 = peers.telemetry_or_none(c.prefix, "/ethdev/stats,1") or {}
    tap.eq((eth0.get("ipackets"), eth0.get("opackets"), eth0.get("ibytes"), eth0.get("obytes")),
           (N0, N1, b0, b1), "telemetry /ethdev/stats,0 during the session")
    check_nic(tap, c.cmd("show port stats all"), [(0, N0, b0, N1, b1), (1, N1, b1, N0, b0)],
              "show port stats all: the device counters of the run")
    tap.eq((peers.telemetry_or_none(c.prefix, "/skbfwd/stats") or {}).get("rx_packets"),
           N0 + N1, "telemetry /skbfwd/stats during the session")
    drops = c.cmd("show drops")
    tap.eq(drops[0], "  %-16s %14s %14s %14s" % ("Drops by reason", "port 0", "port 1", "total"),
           "show drops: header")
    tap.eq(drops[-1], "  %-16s %14d %14d %14d" % ("all reasons", 0, 0, 0),
           "show drops: no drop", "\n".join(drops))
    tap.eq(drops[1:-1], ["  %-16s %14d %14d %14d" % (r, 0, 0, 0) for r in drop_reasons()],
           "show drops: a row per named reason, in engine.h's order", "\n".join(drops))

    stop = c.cmd("stop")
    done = stop.index("Done.") if "Done." in stop else -1
    tap.eq(stop[:2] + stop[done:done + 3],
           ["Telling cores to stop...", "Waiting for lcores to finish...", "Done.", "",
            "skbfwd statistics (bytes from the devices' counters; rates of the whole run):"],
           "stop: testpmd's lines around its blocks, then skbfwd's own", "\n".join(stop))
    ports = t.parse_ports("\n".join(stop))
    want = {0: (N0, N1, b0, b1), 1: (N1, N0, b1, b0)}
    for p in (0, 1):
        got = ports.get(p, {})
        tap.eq((got.get("rx"), got.get("tx"), got.get("rx_bytes"), got.get("tx_bytes")),
               want[p], f"stop: port {p} forward statistics == the port's own counters",
               "\n".join(stop))
    acc = t.parse_accumulated("\n".join(stop)) or {}
    tap.eq((acc.get("rx"), acc.get("tx")), (N0 + N1, N0 + N1), "stop: accumulated")
    tap.eq(c.cmd("stop"), ["Packet forwarding not started"], "stop when stopped")
    blocks = ("rx", "rx_dropped", "tx", "tx_dropped")
    shown = t.parse_ports("\n".join(c.cmd("show fwd stats all")))
    tap.eq({p: {k: v[k] for k in blocks} for p, v in shown.items()},
           {p: {k: v.get(k) for k in blocks} for p, v in ports.items()},
           "show fwd stats all: testpmd's blocks of the stop")

    # ---- settings between runs
    tap.eq(c.cmd("set fwd macswap"), ["Set macswap packet forwarding mode"], "set fwd macswap")
    eng = peers.telemetry_or_none(c.prefix, "/skbfwd/engine") or {}
    tap.eq(eng.get("name"), "macswap", "telemetry /skbfwd/engine reflects set fwd at once")
    tap.eq(c.cmd("set burst 64"), ["Number of packets per burst set to 64"], "set burst 64")
    tap.eq(c.cmd("set nbcore 1"), ["Number of forwarding cores set to 1"], "set nbcore 1")
    tap.eq(c.cmd("set nbcore 2"),
           ["skbfwd: --nb-cores=2 but EAL gave 1 forwarding lcores (add lcores with -l)"],
           "set nbcore 2 with one worker lcore: refused")
    tap.eq(c.cmd(f"set eth-peer 1 {PEER}"), [], "set eth-peer 1 MAC")
    tap.eq(c.cmd("show config fwd"),
           ["macswap packet forwarding - ports=2 - cores=1 - streams=2 - burst=64",
            "Logical Core 1 (socket 0) forwards packets on 2 streams:",
            f"  RX P=0/Q=0 (socket 0) -> TX P=1/Q=0 (socket 0) peer={PEER}",
            "  RX P=1/Q=0 (socket 0) -> TX P=0/Q=0 (socket 0) peer=02:00:00:00:00:00"],
           "show config fwd: the next start's plan")
    tap.eq(c.cmd("set routes /nonexistent"),
           ["skbfwd: --routes is an option of the l3fwd engine, not of macswap"],
           "set routes with macswap: another engine's option")
    tap.eq(c.cmd("set total-num-mbufs 9000"),
           ["skbfwd: --total-num-mbufs takes effect at start-up only"], "set total-num-mbufs")
    tap.eq(c.cmd("set record-burst-stats on"), [], "set record-burst-stats on")
    tap.eq(c.cmd("set record-burst-stats off"), [], "set record-burst-stats off")
    tap.eq(c.cmd("set burst abc"), ["skbfwd: --burst=abc is not a number"], "set burst abc")

    # ---- counters cleared
    tap.eq(c.cmd("clear port stats all"), ["", "  NIC statistics for port 0 cleared", "",
                                           "  NIC statistics for port 1 cleared"],
           "clear port stats all")
    check_nic(tap, c.cmd("show port stats 0"), [(0, 0, 0, 0, 0)], "show port stats 0: cleared")
    tap.eq(c.cmd("clear port stats 1"), ["", "  NIC statistics for port 1 cleared"],
           "clear port stats 1")
    tap.eq(c.cmd("clear fwd stats all"), [], "clear fwd stats all")
    zero = {k: 0 for k in blocks}
    z = t.parse_ports("\n".join(c.cmd("show fwd stats all")))
    tap.eq({p: {k: v[k] for k in blocks} for p, v in z.items()}, {0: zero, 1: zero},
           "show fwd stats all: cleared")

    # ---- promiscuous mode, link (net_pcap has no link up/down, no promisc off)
    tap.eq(c.cmd("set promisc 0 on"), [], "set promisc 0 on")
    tap.eq(c.cmd("set promisc all off"),
           [f"Error during disabling promiscuous mode for port {p}: Operation not supported"
            for p in (0, 1)], "set promisc all off: net_pcap refuses, one line per port")
    tap.eq(c.cmd("set link-down port 0"), ["Set link down fail: Operation not supported (port 0)"],
           "set link-down port 0")
    tap.eq(c.cmd("set link-up port 0"), ["Set link up fail: Operation not supported (port 0)"],
           "set link-up port 0")

    # ---- ports
    link = [f"Port {p}: Link up at 10 Gbps FDX Fixed" for p in (0, 1)]
    tap.eq(c.cmd("port stop 0"), ["Stopping ports...", "Checking link statuses...", "Done"],
           "port stop 0")
    tap.ok("Port state: stopped" in c.cmd("show port info 0"), "show port info 0: stopped")
    tap.eq(c.cmd("start"), ["skbfwd: port 0 is stopped: start it first (port start 0)"],
           "start with a stopped port: refused")
    tap.eq(c.cmd("port start 0"), ["Port 0: " + macs.get("0", "?"), "Checking link statuses..."]
           + link + ["Done"], "port start 0")
    tap.eq(c.cmd("port stop all"), ["Stopping ports...", "Checking link statuses...", "Done"],
           "port stop all")
    tap.eq(c.cmd("port start all"), ["Port 0: " + macs.get("0", "?"), "Port 1: " + macs.get("1", "?"),
                                     "Checking link statuses..."] + link + ["Done"],
           "port start all")
    tap.eq(c.cmd("port start 1"), ["Port 1 is now not stopped", "Checking link statuses..."] +
           link + ["Done"], "port start of a started port")

    # ---- tx_first: txonly's frames on every stream before the engine runs
    # (txonly polls no RX: the replayed pcap frames wait for macswap, whose
    # verbose lines may come at once)
    s = [ln for ln in c.cmd("start tx_first") if not ln.startswith("port ")]
    tap.eq(s[-1:], ["skbfwd: macswap engine, 2 ports, 2 streams on 1 forwarding lcores, burst 64"],
           "start tx_first", "\n".join(s))
    time.sleep(0.3)
    st = t.parse_ports("\n".join(c.cmd("stop")))
    tap.ok(all(st.get(p, {}).get("tx", 0) >= 64 for p in (0, 1)),
           "stop after start tx_first: 64 frames sent on each port at least", st)
    s = [ln for ln in c.cmd("start tx_first 2") if not ln.startswith("port ")]
    tap.eq(s[-1:], ["skbfwd: macswap engine, 2 ports, 2 streams on 1 forwarding lcores, burst 64"],
           "start tx_first 2", "\n".join(s))
    time.sleep(0.3)
    c.cmd("stop")
    tap.eq(c.cmd("start tx_first 0"), ["start tx_first 0: N is 1..65535"], "start tx_first 0")

    # ---- a port closed leaves the forwarding ports
    tap.eq(c.cmd("port close 1"), ["Closing ports...", "Port 1 is closed", "Done"], "port close 1")
    tap.eq(c.cmd("show port info 1"), ["Invalid port 1 (valid ports: 0)"],
           "show port info of a closed port")
    tap.eq(c.cmd("start"), ["skbfwd: --port-topology=paired needs an even number of ports "
                            "(have 1); use loop or chained"], "start: paired with one port")
    tap.eq(c.cmd("set port-topology loop"), [], "set port-topology loop")
    tap.eq(c.cmd("show config fwd")[0],
           "macswap packet forwarding - ports=1 - cores=1 - streams=1 - burst=64",
           "show config fwd: one port left")
    tap.eq(c.cmd("foo"), ["Command not found"], "an unknown command")
    tap.eq(c.cmd("show port stats"), ["Bad arguments"], "a command without its argument")
    s = c.cmd("start")
    tap.eq(s[-1:], ["skbfwd: macswap engine, 1 ports, 1 streams on 1 forwarding lcores, burst 64"],
           "start on the port left", "\n".join(s))

    # ---- quit while forwarding: the run's statistics, the audit
    rest = c.finish(b"quit\n")
    tap.eq(rest[:3], ["quit", "Telling cores to stop...", "Waiting for lcores to finish..."],
           "quit: stops forwarding first", "\n".join(rest))
    tap.eq(rest[-3:], EXIT_TAIL, "quit: mbufs in use at exit: 0", c.log())
    tap.eq(c.rc, 0, "exit status")
    # txonly's frames (source 198.18.0.1), 64 a burst, 1 + 2 bursts per stream
    for p in (0, 1):
        frames = t.read_pcap(f"{d}/out{p}.pcap")
        n = sum(1 for f in frames if len(f) >= 34 and f[26:30] == bytes([198, 18, 0, 1]))
        tap.eq(n, 3 * 64, f"port {p}'s TX pcap holds the 3 x 64 tx_first frames")


if __name__ == "__main__":
    main().done()
