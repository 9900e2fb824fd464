#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""dpdk-dumpcap attached to a running skbfwd as a secondary process.

skbfwd (with hugepages: a secondary cannot map --no-huge memory) bridges two
kernel hosts over net_tap in io mode.  dpdk-dumpcap captures on skbfwd's port 0
(A's side, both directions) while A sends 8 UDP datagrams of 100 known bytes
and 2 pings to B.  The pcapng, read with tshark, must hold exactly those 12
frames: the 8 datagrams in order with their bytes, 2 echo requests (received)
and 2 echo replies (sent)."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

ADDR = ("10.78.0.1", "10.78.0.2")
BLOCK = 100
BLOCKS = [bytes([i]) * 4 + f"skbfwd dumpcap block {i}".encode().ljust(BLOCK - 4, b".")
          for i in range(8)]
PINGS = 2
TOTAL = len(BLOCKS) + 2 * PINGS


def tshark_fields(path):
    r = peers.sh(["tshark", "-r", path, "-T", "fields", "-E", "separator=|",
                  "-e", "frame.len", "-e", "ip.src", "-e", "ip.dst", "-e", "udp.dstport",
                  "-e", "udp.payload", "-e", "icmp.type", "-e", "icmp.seq"],
                 check=False, timeout=60)
    return [line.split("|") for line in r.stdout.splitlines() if line.strip()], r.stderr


def capture(tap, h, d):
    a = h.hosts[0]
    pcap = os.path.join(d, "port0.pcapng")
    err_path = os.path.join(d, "dumpcap.err")
    with open(err_path, "w") as err:
        dump = subprocess.Popen(peers.without_pci(
            ["dpdk-dumpcap", f"--file-prefix={h.fwd.prefix}", "-i", "net_tap0",
             "-c", str(TOTAL), "-w", pcap]),
            stdout=subprocess.PIPE, stderr=err, text=True)
    try:
        def dump_err():
            with open(err_path) as f:
                return f.read()
        # its running count appears on stderr once the capture is enabled
        started = peers.wait_until(lambda: dump.poll() is not None or
                                   "Packets captured:" in dump_err(), 20)
        if not tap.ok(started and dump.poll() is None, "dpdk-dumpcap attached to skbfwd",
                      dump_err() + "\n--- skbfwd ---\n" + h.log()):
            return
        time.sleep(0.5)
        got, log = peers.udp_transfer(a, h.hosts[1], ADDR[1], 5001, b"".join(BLOCKS), BLOCK)
        tap.ok(got == b"".join(BLOCKS), f"8 datagrams arrived at B ({len(got)} bytes, equal)", log)
        tx, rx, out = peers.ping(a, ADDR[1], PINGS)
        tap.eq((tx, rx), (PINGS, PINGS), "pings A -> B answered", out)
        try:
            out, _ = dump.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            dump.send_signal(2)
            out, _ = dump.communicate(timeout=10)
        tap.eq(dump.returncode, 0, "dpdk-dumpcap exit status", out + dump_err())
        m = re.search(r"Packets received/dropped on interface '([^']+)': (\d+)/(\d+)",
                      out + dump_err())
        tap.eq(m and (m.group(1), int(m.group(2)), int(m.group(3))), ("net_tap0", TOTAL, 0),
               "dpdk-dumpcap's count: received/dropped", out + dump_err())
    finally:
        if dump.poll() is None:
            dump.kill()
            dump.wait()
    rows, err = tshark_fields(pcap)
    tap.eq(len(rows), TOTAL, "tshark reads every captured frame from the pcapng", err)
    udp = [r for r in rows if len(r) > 4 and r[3] == "5001"]
    payloads = [bytes.fromhex(r[4]) for r in udp]
    tap.ok(payloads == BLOCKS, f"captured datagrams: the 8 sent, in order, byte for byte "
           f"({len(payloads)} captured)", "\n".join(map(repr, payloads)))
    tap.eq(sorted({(r[0], r[1], r[2]) for r in udp}), [(str(14 + 20 + 8 + BLOCK), *ADDR)],
           "captured datagrams: frame length, source, destination")
    icmp = sorted((r[5], r[6], r[1], r[2]) for r in rows if len(r) > 6 and r[5])
    want = sorted([("8", str(s), ADDR[0], ADDR[1]) for s in range(1, PINGS + 1)] +
                  [("0", str(s), ADDR[1], ADDR[0]) for s in range(1, PINGS + 1)])
    tap.eq(icmp, want, "captured ICMP: echo requests received, replies sent (type, seq, src, dst)")


def main():
    tap = t.Tap()
    hp, why = peers.prepare_secondary(("dpdk-dumpcap", "tshark", "ping", "socat", "ss"),
                                      "dpdk, tshark, iputils-ping, socat, iproute2")
    if why:
        tap.skip("dpdk-dumpcap capture of skbfwd's port", why)
        return tap
    d = tempfile.mkdtemp(prefix="skbp_dump_")
    h = None
    try:
        h = peers.TapHosts("dc")
        if tap.ok(h.start(["--forward-mode=io", "--duration=50"], [a + "/24" for a in ADDR],
                          huge=True), "skbfwd up with hugepages, hosts addressed", h.log()):
            h.neigh(0, ADDR[1], h.host_mac[1])
            h.neigh(1, ADDR[0], h.host_mac[0])
            capture(tap, h, d)
            r = h.stop()
            tap.eq(r.rc, 0, "skbfwd exit status", r.log())
            tap.eq(r.in_use, 0, "skbfwd mbufs in use at exit")
    finally:
        if h is not None:
            h.cleanup()
        hp.undo()
        shutil.rmtree(d, ignore_errors=True)
    return tap


if __name__ == "__main__":
    main().done()
