#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""dpdk-telemetry.py against a running skbfwd: its own commands (/skbfwd/engine,
/skbfwd/stats, /skbfwd/ports) and DPDK's /ethdev/stats.

Two net_pcap ports replay a known number of frames once (20 on port 0, 7 on
port 1, lengths known), the io engine forwards them and then idles, so every
counter has one exact value while skbfwd still runs.  Works under --no-huge."""

import os
import shutil
import struct
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

N0, N1 = 20, 7


def udp_frame(i, port_from, size):
    """An Ethernet/IPv4/UDP frame of @size bytes, numbered @i."""
    payload = bytes([(i + k) & 0xFF for k in range(size - 42)])
    udp = struct.pack("!HHHH", 1024 + i, 9, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0,
                     bytes([10, 0, port_from, 1]), bytes([10, 0, port_from ^ 1, 1]))
    ip = ip[:10] + struct.pack("!H", t.inet_csum(ip)) + ip[12:]
    eth = t.mac(f"02:00:00:00:01:0{port_from}") + t.mac(f"02:00:00:00:02:0{port_from}") + \
        b"\x08\x00"
    return eth + ip + udp


def main():
    tap = t.Tap()
    if peers.missing_tools("dpdk-telemetry.py"):
        tap.skip("telemetry", "needs dpdk-telemetry.py (Debian dpdk)")
        return tap
    d = tempfile.mkdtemp(prefix="skbp_tel_")
    f0 = [udp_frame(i, 0, 60 + 13 * i) for i in range(N0)]
    f1 = [udp_frame(i, 1, 1000 + i) for i in range(N1)]
    b0, b1 = sum(map(len, f0)), sum(map(len, f1))
    t.write_pcap(os.path.join(d, "in0.pcap"), f0)
    t.write_pcap(os.path.join(d, "in1.pcap"), f1)
    vdevs = [f"net_pcap{p},rx_pcap={d}/in{p}.pcap,tx_pcap={d}/out{p}.pcap" for p in (0, 1)]
    fwd = peers.Skbfwd(["--forward-mode=io", "--burst=16", "--duration=50", "--no-flush-rx"],
                       vdevs, "tel")
    try:
        if not tap.ok(fwd.wait_started(), "skbfwd started", fwd.log()):
            return tap
        done = peers.wait_until(
            lambda: (peers.telemetry_or_none(fwd.prefix, "/skbfwd/stats") or {})
            .get("tx_packets", 0) >= N0 + N1, 20, step=0.2)
        tap.ok(done, "all frames forwarded (seen through telemetry)", fwd.log())
        cmds = ["/skbfwd/engine", "/skbfwd/stats", "/skbfwd/stats,0", "/skbfwd/stats,1",
                "/skbfwd/ports", "/skbfwd/ports,1", "/skbfwd/stats,9", "/ethdev/stats,0",
                "/ethdev/stats,1"]
        replies, raw = peers.dpdk_telemetry_py(fwd.prefix, cmds)
        got = dict(replies)
        if not tap.eq([c for c, _ in replies], [c.split(",")[0] for c in cmds],
                      "dpdk-telemetry.py answered every command, in order", raw):
            return tap
        vals = [v for _, v in replies]
        eng, st, st0, st1, ports, port1, bad, eth0, eth1 = vals
        tap.eq(eng.get("name"), "io", "/skbfwd/engine name")
        tap.eq(eng.get("burst"), 16, "/skbfwd/engine burst")
        tap.eq(eng.get("port_topology"), "paired", "/skbfwd/engine port_topology")
        tap.eq(eng.get("nb_ports"), 2, "/skbfwd/engine nb_ports")
        tap.eq(eng.get("nb_streams"), 2, "/skbfwd/engine nb_streams")

        tap.eq(st.get("rx_packets"), N0 + N1, "/skbfwd/stats rx_packets")
        tap.eq(st.get("tx_packets"), N0 + N1, "/skbfwd/stats tx_packets")
        tap.eq(st.get("rx_bytes"), b0 + b1, "/skbfwd/stats rx_bytes")
        tap.eq(st.get("tx_bytes"), b0 + b1, "/skbfwd/stats tx_bytes")
        tap.eq(st.get("drops_total"), 0, "/skbfwd/stats drops_total")
        drops = st.get("drops") or {}
        tap.eq((len(drops), set(drops.values()), "tx_full" in drops), (len(drops), {0}, True),
               "/skbfwd/stats drops: every named reason present and 0")
        # paired: frames received on port 0 leave by port 1 and the other way
        tap.eq((st0.get("port"), st0.get("rx_packets"), st0.get("tx_packets")), (0, N0, N1),
               "/skbfwd/stats,0 (port, rx_packets, tx_packets)")
        tap.eq((st0.get("rx_bytes"), st0.get("tx_bytes")), (b0, b1),
               "/skbfwd/stats,0 (rx_bytes, tx_bytes)")
        tap.eq((st1.get("port"), st1.get("rx_packets"), st1.get("tx_packets")), (1, N1, N0),
               "/skbfwd/stats,1 (port, rx_packets, tx_packets)")
        tap.eq(bad, None, "/skbfwd/stats,9 (no such port) is refused")

        tap.eq(sorted(ports or {}), ["0", "1"], "/skbfwd/ports lists both ports")
        p0 = (ports or {}).get("0", {})
        tap.eq((p0.get("name"), p0.get("tx_port"), p0.get("rx_packets"), p0.get("tx_packets")),
               ("net_pcap0", 1, N0, N1), "/skbfwd/ports port 0 (name, tx_port, rx, tx)")
        tap.eq((port1.get("port"), port1.get("name"), port1.get("tx_port"),
                port1.get("rx_packets"), port1.get("rx_bytes")),
               (1, "net_pcap1", 0, N1, b1), "/skbfwd/ports,1 (port, name, tx_port, rx, bytes)")
        # net_pcap reports no offload: multi-segment TX, asked for, stays off
        tap.eq((port1.get("mac"), port1.get("tx_offloads"), port1.get("tx_offload_mask"),
                port1.get("rx_offloads"), port1.get("rx_offload_mask")),
               ("02:70:63:61:70:01", "none", 0, "none", 0),
               "/skbfwd/ports,1 (mac, tx_offloads, tx_offload_mask, rx_offloads, rx_offload_mask)")

        tap.eq((eth0.get("ipackets"), eth0.get("opackets"), eth0.get("ibytes"), eth0.get("obytes")),
               (N0, N1, b0, b1), "/ethdev/stats,0 (ipackets, opackets, ibytes, obytes)")
        tap.eq((eth1.get("ipackets"), eth1.get("opackets")), (N1, N0),
               "/ethdev/stats,1 (ipackets, opackets)")
    finally:
        r = fwd.stop()
        tap.eq(r.rc, 0, "skbfwd exit status", r.log())
        tap.eq(r.in_use, 0, "skbfwd mbufs in use at exit")
        out0 = t.read_pcap(os.path.join(d, "out0.pcap"))
        out1 = t.read_pcap(os.path.join(d, "out1.pcap"))
        tap.eq((out1 == f0, out0 == f1), (True, True),
               "frames written by each port are the other port's input, byte for byte")
        shutil.rmtree(d, ignore_errors=True)
    return tap


if __name__ == "__main__":
    main().done()
