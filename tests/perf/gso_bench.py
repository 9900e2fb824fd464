#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""GSO throughput, Gbit/s of TCP payload segmented per core, skbfwd beside
dpdk-testpmd on the same traffic: 9000-byte TCP/IPv4 frames (8946 bytes of
payload), MSS 1448 (7 segments each).

  tests/perf/gso_bench.py [BUILD_DIR] [--seconds S]

* skbfwd: BUILD_DIR/tests/perf/gso_bench --payload 8946 (skb_gso_segment and the
  freeing of its segments on one core; IPv4 and TCP checksums computed for
  every segment in software), and the 64 KiB figure of the issue (MSS 1448).
* testpmd: csum engine, `set gso segsz 1502` and `set port 1 gso on`, one
  forwarding lcore, net_pcap infinite_rx of the frames -> net_null (no-rx).
  Its figure includes RX (a 9000-byte copy per frame) and the csum engine's
  parsing; rte_gso leaves segment checksums to the device, so testpmd computes
  none per segment.  `set port tso` needs a device with TSO: net_null and
  net_pcap have none, so that row is reported as not measurable here.
Bounded (a few seconds per run); prints one line per figure.
"""

import os
import re
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402

PAYLOAD = 8946
MSS = 1448


def frame():
    th = struct.pack("!HHIIBBHHH", 40000, 80, 1, 1, 5 << 4, 0x10, 65000, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + PAYLOAD, 1, 0x4000, 64, 6, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    ip = ip[:10] + struct.pack("!H", t.inet_csum(ip)) + ip[12:]
    return t.mac("02:00:00:00:00:02") + t.mac("02:00:00:00:00:01") + b"\x08\x00" + ip + th + \
        bytes(PAYLOAD)


def testpmd(seconds, pcap):
    prefix = t.file_prefix("gso_tp")
    cmd = ["dpdk-testpmd", "-l", "0,1", "--no-huge", "--no-pci", "-m", "1024",
           "--file-prefix", prefix, "--log-level", "lib.eal:error",
           "--vdev", f"net_pcap0,rx_pcap={pcap},infinite_rx=1", "--vdev", "net_null1,no-rx=1",
           "--", "-i", "--mbuf-size=10240", "--total-num-mbufs=8192", "--max-pkt-len=9600"]
    script = ("set fwd csum\nset gso segsz %d\nset port 1 gso on\nstart\n" % (14 + 40 + MSS))
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        p.stdin.write(script)
        p.stdin.flush()
        time.sleep(1)
        p.stdin.write("show port stats 0\n")
        p.stdin.flush()
        time.sleep(seconds)
        p.stdin.write("show port stats 0\nshow port stats 1\nstop\nquit\n")
        p.stdin.flush()
        out, _ = p.communicate(timeout=60)
    finally:
        t.cleanup_prefix(prefix)
    pps = [int(x) for x in re.findall(r"Rx-pps:\s+(\d+)", out)]
    if len(pps) < 2:
        return None, out
    return pps[1], out


def main():
    args = [a for a in sys.argv[1:]]
    seconds = 3.0
    if "--seconds" in args:
        i = args.index("--seconds")
        seconds = float(args[i + 1])
        del args[i:i + 2]
    build = args[0] if args else os.path.join(os.path.dirname(__file__), "..", "..", "build")
    bench = os.path.join(build, "tests", "perf", "gso_bench")
    rc = 0
    for extra, label in ((["--payload", str(PAYLOAD)], f"{PAYLOAD}-byte payload"),
                         ([], "64 KiB payload")):
        r = subprocess.run([bench, "--seconds", str(seconds), "--mss", str(MSS)] + extra,
                           capture_output=True, text=True, timeout=120)
        m = re.search(r"([\d.]+) Gbit/s of payload per core", r.stdout)
        if r.returncode != 0 or not m:
            print(f"skbfwd skb_gso_segment, {label}: failed\n{r.stdout}{r.stderr}")
            rc = 1
            continue
        print(f"skbfwd skb_gso_segment, {label}, MSS {MSS}: {m.group(1)} Gbit/s of payload per core"
              f"  ({r.stdout.strip()})")
    with tempfile.TemporaryDirectory(prefix="gso_bench_") as d:
        pcap = os.path.join(d, "tcp9000.pcap")
        t.write_pcap(pcap, [frame()] * 64)
        pps, out = testpmd(seconds, pcap)
        if pps is None:
            print("testpmd csum + set gso: no figure\n" + out[-2000:])
            rc = 1
        else:
            gbps = pps * PAYLOAD * 8 / 1e9
            print(f"testpmd csum engine + set gso segsz {14 + 40 + MSS}, {PAYLOAD}-byte payload: "
                  f"{gbps:.2f} Gbit/s of payload per core ({pps} frames/s in, "
                  f"{-(-PAYLOAD // MSS)} segments each; no per-segment checksums)")
    print("testpmd set port tso: not measurable here (net_null/net_pcap offer no TSO)")
    return rc


if __name__ == "__main__":
    sys.exit(main())
