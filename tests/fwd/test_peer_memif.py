#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""A second DPDK process as peer: dpdk-testpmd connected to skbfwd over memif.

skbfwd is the memif server (io engine, loop topology: what arrives on the memif
port goes back out of it).  testpmd is the client: `start tx_first 4` sends four
bursts of 32 txonly packets (64 bytes) and then receives in rxonly mode, so its
own counters must read TX 128 and RX 128 packets, 8192 bytes each way, and
skbfwd's must read RX 128, TX 128, no drops, no mbuf left at exit."""

import os
import queue
import re
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

BURST = 32
BURSTS = 4
PKT_LEN = 64
N = BURST * BURSTS


class Testpmd:
    """dpdk-testpmd in interactive mode, driven line by line over its stdin."""

    def __init__(self, eal, args):
        self.prefix = t.file_prefix("tpmd")
        cmd = ["stdbuf", "-oL", "-eL", "dpdk-testpmd", "--file-prefix", self.prefix] + \
            eal + ["--", "-i"] + args
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.lines = queue.Queue()
        self.text = ""
        threading.Thread(target=self._reader, daemon=True).start()

    def _reader(self):
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def expect(self, regex, timeout):
        """Read output until a line matches @regex; the match, or None."""
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                return None
            self.text += line
            m = re.search(regex, line)
            if m:
                return m

    def send(self, cmd):
        self.proc.stdin.write(cmd + "\n")
        self.proc.stdin.flush()

    def close(self):
        try:
            if self.proc.poll() is None:
                self.send("quit")
                self.proc.wait(timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        while True:
            try:
                line = self.lines.get(timeout=2)
            except queue.Empty:
                break
            if line is None:
                break
            self.text += line
        t.cleanup_prefix(self.prefix)
        return self.proc.returncode


def fwd_stats(text):
    """testpmd's per-port 'Forward statistics' block after stop: (rx, tx, tx_dropped)."""
    m = re.search(r"Forward statistics for port 0\s*-+\s*\n"
                  r"\s*RX-packets: (\d+)\s+RX-dropped: (\d+)\s+RX-total: (\d+)\s*\n"
                  r"\s*TX-packets: (\d+)\s+TX-dropped: (\d+)\s+TX-total: (\d+)", text)
    return (int(m.group(1)), int(m.group(4)), int(m.group(5))) if m else None


def nic_stats(text):
    """testpmd's 'show port stats 0': (rx, rx_bytes, tx, tx_bytes)."""
    m = re.search(r"NIC statistics for port 0\s*#+\s*\n"
                  r"\s*RX-packets: (\d+)\s+RX-missed: \d+\s+RX-bytes:\s+(\d+)\s*\n"
                  r"(?:.*\n)*?"
                  r"\s*TX-packets: (\d+)\s+TX-errors: \d+\s+TX-bytes:\s+(\d+)", text)
    return tuple(int(x) for x in m.groups()) if m else None


def main():
    tap = t.Tap()
    missing = peers.missing_tools("dpdk-testpmd", "stdbuf")
    if missing:
        tap.skip("testpmd over memif", f"needs {', '.join(missing)} (Debian dpdk, coreutils)")
        tap.done()
    sock = f"/tmp/skbp_memif_{os.getpid()}.sock"
    if os.path.exists(sock):
        os.unlink(sock)
    fwd = peers.Skbfwd(["--forward-mode=io", "--port-topology=loop", "--duration=50"],
                       [f"net_memif0,role=server,socket={sock}"], "memif")
    tpmd = None
    try:
        if not tap.ok(fwd.wait_started(), "skbfwd started as memif server", fwd.log()):
            return tap
        tpmd = Testpmd(["-l", "0,1", "--no-huge", "--no-pci", "-m", "256",
                        "--log-level", "lib.eal:error",
                        "--vdev", f"net_memif0,role=client,socket={sock}"],
                       [f"--burst={BURST}", f"--txpkts={PKT_LEN}", "--total-num-mbufs=8192",
                        "--forward-mode=rxonly"])
        up = None
        for _ in range(40):
            if tpmd.expect(r"^testpmd> ", 0.01) is None and tpmd.proc.poll() is not None:
                break
            tpmd.send("show port info 0")
            up = tpmd.expect(r"Link status: up", 1)
            if up:
                break
        if not tap.ok(up is not None, "memif link up between testpmd and skbfwd",
                      tpmd.text + "\n--- skbfwd ---\n" + fwd.log()):
            return tap
        tpmd.send(f"start tx_first {BURSTS}")
        # wait (through skbfwd's telemetry) until skbfwd has sent everything
        # back, then give testpmd's rxonly lcore time to take it in
        peers.wait_until(lambda: (peers.telemetry_or_none(fwd.prefix, "/skbfwd/stats")
                                  or {}).get("tx_packets", 0) >= N, 15, step=0.2)
        time.sleep(1)
        tpmd.send("stop")
        tpmd.expect(r"Done\.", 15)
        tpmd.send("show port stats 0")
        tpmd.expect(r"Tx-pps", 10)
        fs = fwd_stats(tpmd.text)
        ns = nic_stats(tpmd.text)
        tap.ok(fs is not None, "testpmd printed its forward statistics", tpmd.text)
        if fs:
            tap.eq(fs[1], N, "testpmd txonly burst: TX-packets")
            tap.eq(fs[2], 0, "testpmd: TX-dropped")
            tap.eq(fs[0], N, "testpmd rxonly: RX-packets (sent back by skbfwd)")
        tap.ok(ns is not None, "testpmd printed its port statistics", tpmd.text)
        if ns:
            tap.eq(ns[1], N * PKT_LEN, "testpmd port 0 RX-bytes")
            tap.eq(ns[3], N * PKT_LEN, "testpmd port 0 TX-bytes")
        # skbfwd leaves first: DPDK 22.11's memif PMD unmaps the rings when
        # the peer disconnects without stopping a burst already past its
        # connected check.  skbfwd waits out its own bursts first
        # (drivers-glue/quiesce.h), testpmd does not, so testpmd must not see
        # skbfwd go while it polls (docs/benchmarking.md); its lcores stopped above.
        r = fwd.stop()
        rc = tpmd.close()
        tpmd = None
        tap.eq(rc, 0, "testpmd exit status")
        tap.eq(r.rc, 0, "skbfwd exit status", r.log())
        p0 = r.ports.get(0)
        if tap.ok(p0 is not None, "skbfwd final statistics for port 0", r.log()):
            tap.eq(p0["rx"], N, "skbfwd port 0 RX-packets")
            tap.eq(p0["tx"], N, "skbfwd port 0 TX-packets")
            tap.eq(p0["tx_dropped"], 0, "skbfwd port 0 TX-dropped")
        tap.eq(r.in_use, 0, "skbfwd mbufs in use at exit")
    finally:
        if tpmd is not None:
            tpmd.close()
        fwd.stop()
        if os.path.exists(sock):
            os.unlink(sock)
    return tap


if __name__ == "__main__":
    main().done()
