#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""skbfwd performance harness: skbfwd against dpdk-testpmd and DPDK's l2fwd/l3fwd
examples, the skb layer against its raw-mbuf twins, and the skb micro-benchmarks.

The twins (io-raw, macswap-raw, l3fwd-raw) are not skbfwd's engines: they are
built into skbfwd-bench (tests/perf/skbfwd_bench.c), skbfwd's program with the
same engines plus the twins.  Both sides of a twin row run in skbfwd-bench, so
the two differ by the skb layer alone.

    tests/perf/bench.py [--build build] [--out DIR] [--runs 5] [--seconds 5]

Every tool runs on the same two ports (net_null, or net_pcap replaying the same
generated IPv4 capture for l3fwd), with exactly one forwarding core (lcore 1),
the same mbuf count and burst.  skbfwd and its peer alternate run by run
(skbfwd, peer, skbfwd, peer, ...).  For each run the port counters are read
through the DPDK telemetry socket (/ethdev/stats, what dpdk-telemetry.py reads)
at the start and at the end of a window of --seconds; Mpps is forwarded packets
(TX; RX for rxonly) over the window, the figure kept is the median of the runs.
Cycles per packet is the forwarding core's TSC rate over that packet rate (the
core polls without pause, so every cycle it spends is spent on packets).

Instructions per packet come from valgrind --tool=callgrind on a bounded run:
the instructions of the forwarding function (--toggle-collect on skbfwd's
fwd_lcore_main, l2fwd_launch_one_lcore, lpm_main_loop) or, for Debian's stripped
dpdk-testpmd, of its busiest thread (--separate-threads=yes: the forwarding
lcore), divided by the packets that run forwarded.  Noise from other load on
the machine cannot move that figure.

l2fwd and l3fwd are built from Debian's dpdk-doc sources (/usr/share/dpdk/
examples) into a temporary directory at each run, never into the repository,
each twice: on DPDK's shared libraries (rows mac/l2fwd, l3fwd/dpdk-l3fwd) and on
its static archives as skbfwd's -Ddpdk_link=static links them (rows ending
-static).  perf.json's dpdk_link says how the skbfwd measured was linked.
The temporary copies are changed in two ways only: l3fwd's RX checksum offload
request is dropped (no virtual device offers it), and both print their ports'
counters once after the forwarding loop ended (the packet count for callgrind).

Writes DIR/perf.json, DIR/perf.png (gnuplot) and prints the table.  --quick is
the CI version: one short run of each, only checks that every figure exists.
"""

import argparse
import datetime
import glob
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "tests", "lib"))
import skbfwd_test  # noqa: E402  (drivers-glue/dpdk-static.txt's reader)

EXAMPLES = "/usr/share/dpdk/examples"
EAL_COMMON = ["--no-pci", "-m", "512", "--log-level", "lib.eal:error"]
EAL_NO_HUGE = ["--no-huge"]          # callgrind runs, and Mpps runs without --hugepages
HUGE_PAGES = 512                     # 2 MiB pages reserved for --hugepages (1 GiB)
BURST = 32
NB_MBUFS = 16384
NB_DESC = 1024
L3_DST = {0: "198.18.1.", 1: "198.18.0."}   # port 0 traffic routes to port 1 and back
L3_DST6 = {0: "2001:200:0:1::", 1: "2001:200::"}   # the same through l3fwd's IPv6 rules

# Targets (issues 8 and 13): (row key, kind, bound).  kind "ratio": skbfwd/peer
# Mpps >= bound; "instr": skbfwd instructions/packet < peer's; "instr-le": <=;
# "cost": 1 - skb/raw <= bound.
TARGETS = [
    ("io/testpmd-io", "ratio", 1.1),
    ("mac/l2fwd", "ratio", 1.0),
    ("macswap/testpmd-macswap", "ratio", 1.5),
    ("l3fwd/dpdk-l3fwd", "ratio", 1.0),
    ("l3fwd6/dpdk-l3fwd", "ratio", 1.0),
    ("txonly/testpmd-txonly", "ratio", 1.0),
    ("txonly-2seg/testpmd-txonly-2seg", "ratio", 1.0),
    ("rxonly/testpmd-rxonly", "ratio", 1.0),
    ("io/testpmd-io", "instr-le", None),
    ("mac/testpmd-mac", "instr", None),
    ("macswap/testpmd-macswap", "instr", None),
    ("io/io-raw", "cost", 0.03),
    ("macswap/macswap-raw", "cost", 0.03),
    ("l3fwd/l3fwd-raw", "cost", 0.03),
]
# Micro-benchmark targets: (skb_bench op, or its start, bound on skb/rte_mbuf cycles).
MICRO_TARGETS = [
    ("skb_put", 1.1),
    ("skb_push", 1.1),
    ("skb_pull", 1.1),
    ("alloc_skb+kfree_skb", 1.5),
    ("alloc_skb_bulk+kfree_skb_bulk", 1.2),
    ("skb_clone+kfree_skb", 1.5),
]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- telemetry

class Telemetry:
    """Client of the DPDK telemetry v2 socket of one process (file prefix)."""

    def __init__(self, prefix):
        self.path = f"/var/run/dpdk/{prefix}/dpdk_telemetry.v2"
        self.sock = None

    def connect(self, deadline):
        while time.time() < deadline:
            if os.path.exists(self.path):
                try:
                    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
                    s.connect(self.path)
                    json.loads(s.recv(16384).decode())
                    self.sock = s
                    return True
                except (OSError, ValueError):
                    pass
            time.sleep(0.1)
        return False

    def stats(self, port):
        self.sock.send(f"/ethdev/stats,{port}".encode())
        reply = json.loads(self.sock.recv(65536).decode())
        return reply["/ethdev/stats"]

    def counters(self, ports, key):
        return sum(int(self.stats(p)[key]) for p in ports)

    def close(self):
        if self.sock is not None:
            self.sock.close()


def cleanup_prefix(prefix):
    shutil.rmtree(f"/var/run/dpdk/{prefix}", ignore_errors=True)


_seq = 0


def new_prefix(tag):
    global _seq
    _seq += 1
    return f"perf_{tag}_{os.getpid()}_{_seq}"


def stop(p, timeout=60):
    """SIGINT, wait; SIGKILL if it does not leave.  Returns (rc, output)."""
    if p.poll() is None:
        p.send_signal(signal.SIGINT)
    try:
        out, _ = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, _ = p.communicate()
    return p.returncode, out


# ---------------------------------------------------------------- hugepages

class HugePages:
    """2 MiB pages for the Mpps runs: reserves HUGE_PAGES more, mounts a private
    hugetlbfs in the temporary directory; undone by close()."""

    NR = "/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages"

    def __init__(self, tmp):
        self.dir = None
        self.saved = None
        try:
            with open(self.NR) as f:
                self.saved = int(f.read())
            with open(self.NR, "w") as f:
                f.write(str(self.saved + HUGE_PAGES))
            with open(self.NR) as f:
                got = int(f.read()) - self.saved
            if got < HUGE_PAGES // 2:
                raise OSError(f"only {got} of {HUGE_PAGES} hugepages could be reserved")
            d = os.path.join(tmp, "hugepages")
            os.makedirs(d)
            subprocess.run(["mount", "-t", "hugetlbfs", "-o", "pagesize=2M", "nodev", d],
                           check=True, capture_output=True, text=True)
            self.dir = d
        except (OSError, ValueError, subprocess.CalledProcessError) as e:
            log(f"bench: no hugepages ({getattr(e, 'stderr', None) or e}); Mpps runs use --no-huge")
            self.close()

    def close(self):
        if self.dir is not None:
            subprocess.run(["umount", self.dir], capture_output=True)
            self.dir = None
        if self.saved is not None:
            try:
                with open(self.NR, "w") as f:
                    f.write(str(self.saved))
            except OSError:
                pass
            self.saved = None


# ---------------------------------------------------------------- tools

class Tool:
    """How to start one forwarder in one mode: a command and what to count."""

    def __init__(self, name, kind, mode, key="opackets", vdevs=None, extra=None, bench=False,
                 static=False):
        self.name = name          # row label: "skbfwd io", "testpmd io", ...
        self.kind = kind          # skbfwd | testpmd | l2fwd | l3fwd
        self.static = static      # l2fwd, l3fwd: the build on DPDK's static archives
        self.bench = bench        # skbfwd: run skbfwd-bench (the raw twins' binary)
        self.mode = mode
        self.key = key            # ethdev counter that counts forwarded packets
        self.vdevs = vdevs or ["net_null0", "net_null1"]
        self.extra = extra or []

    def example(self, env):
        """l2fwd, l3fwd: the program build_examples() made for this tool."""
        return env.examples[self.kind + ("-static" if self.static else "")]

    def cmd(self, env, prefix, huge=True):
        """The command line; @huge: hugepages when the run has them (never under valgrind)."""
        mem = ["--huge-dir", env.huge_dir] if huge and env.huge_dir else EAL_NO_HUGE
        vd = []
        for v in self.vdevs:
            vd += ["--vdev", v]
        if self.kind == "skbfwd":
            prog = env.skbfwd_bench if self.bench else env.skbfwd
            return ([prog, "-l", "0,1", "--file-prefix", prefix] + EAL_COMMON + mem + vd +
                    ["--", f"--forward-mode={self.mode}", f"--burst={BURST}",
                     f"--total-num-mbufs={NB_MBUFS}", f"--rxd={NB_DESC}", f"--txd={NB_DESC}"] +
                    self.extra)
        if self.kind == "testpmd":
            return (["dpdk-testpmd", "-l", "0,1", "--file-prefix", prefix] + EAL_COMMON + mem + vd +
                    ["--", f"--forward-mode={self.mode}", "--nb-cores=1", f"--burst={BURST}",
                     f"--total-num-mbufs={NB_MBUFS}", "--mbcache=256", f"--rxd={NB_DESC}",
                     f"--txd={NB_DESC}"] + self.extra)
        if self.kind == "l2fwd":
            # -q 2: both ports on the one lcore (else one port per lcore, two cores)
            return ([self.example(env), "-l", "1", "--file-prefix", prefix] + EAL_COMMON + mem + vd +
                    ["--", "-p", "3", "-q", "2", "-T", "0"])
        if self.kind == "l3fwd":
            return ([self.example(env), "-l", "1", "--file-prefix", prefix] + EAL_COMMON + mem + vd +
                    ["--", "-p", "3", "--config=(0,0,1),(1,0,1)", "--parse-ptype",
                     "--lookup=lpm", f"--rule_ipv4={env.rule4}", f"--rule_ipv6={env.rule6}"])
        raise ValueError(self.kind)

    # instructions of the forwarding thread only
    def callgrind_opts(self):
        if self.kind == "skbfwd":
            return ["--toggle-collect=fwd_lcore_main"]
        if self.kind == "l2fwd":
            return ["--toggle-collect=l2fwd_launch_one_lcore"]
        if self.kind == "l3fwd":
            return ["--toggle-collect=lpm_main_loop"]
        return []  # stripped testpmd: busiest thread, see callgrind()

    def packets_at_exit(self, out):
        """Packets the run forwarded, from the tool's own exit report."""
        if self.kind in ("skbfwd", "testpmd"):
            m = re.search(r"Accumulated forward statistics for all ports\s*\++\s*\n"
                          r"\s*RX-packets: (\d+).*\n\s*TX-packets: (\d+)", out)
            if not m:
                return None
            return int(m.group(1) if self.key == "ipackets" else m.group(2))
        n = [int(b if self.key == "opackets" else a)
             for a, b in re.findall(r"^BENCH port \d+ ipackets (\d+) opackets (\d+)$", out, re.M)]
        return sum(n) if n else None


def measure(env, tool, seconds, warm):
    """One native run: packets per second over a window of @seconds."""
    prefix = new_prefix(tool.kind)
    p = subprocess.Popen(env.rt + tool.cmd(env, prefix), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    tel = Telemetry(prefix)
    try:
        if not tel.connect(time.time() + 60):
            raise RuntimeError(f"{tool.name}: no telemetry socket")
        ports = [0, 1]
        deadline = time.time() + 30
        while tel.counters(ports, tool.key) == 0:
            if time.time() > deadline or p.poll() is not None:
                raise RuntimeError(f"{tool.name}: no packet counted")
            time.sleep(0.1)
        time.sleep(warm)
        t0 = time.monotonic()
        c0 = tel.counters(ports, tool.key)
        time.sleep(seconds)
        c1 = tel.counters(ports, tool.key)
        t1 = time.monotonic()
        return (c1 - c0) / (t1 - t0)
    finally:
        tel.close()
        rc, out = stop(p)
        cleanup_prefix(prefix)
        if rc not in (0, -signal.SIGINT, 130):
            log(f"{tool.name}: exit {rc}\n{out[-2000:]}")


_cg_cache = {}


def callgrind(env, tool, seconds, workdir):
    """Instructions per forwarded packet of the forwarding thread (bounded run);
    one run per tool and mode (instruction counts do not vary run to run)."""
    key = (tool.name, tuple(tool.vdevs), tuple(tool.extra))
    if key not in _cg_cache:
        _cg_cache[key] = _callgrind(env, tool, seconds, workdir)
    return _cg_cache[key]


def _callgrind(env, tool, seconds, workdir):
    prefix = new_prefix("cg_" + tool.kind)
    base = os.path.join(workdir, f"cg.{tool.kind}.{tool.mode}.{_seq}")
    # --fair-sched=yes: valgrind runs one thread at a time, and without the ticket
    # lock the polling lcore can keep that lock for minutes, so that the main
    # thread never takes the SIGINT that ends the run (seen here: killed at the
    # timeout with nothing written)
    cmd = (["valgrind", "--tool=callgrind", "--fair-sched=yes", "--separate-threads=yes",
            f"--callgrind-out-file={base}.%p"] + tool.callgrind_opts() +
           tool.cmd(env, prefix, huge=False))
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    tel = Telemetry(prefix)
    try:
        if not tel.connect(time.time() + 120):
            raise RuntimeError(f"{tool.name} under callgrind: no telemetry socket")
        deadline = time.time() + 120
        while tel.counters([0, 1], tool.key) == 0:
            if time.time() > deadline or p.poll() is not None:
                raise RuntimeError(f"{tool.name} under callgrind: no packet counted")
            time.sleep(0.2)
        time.sleep(seconds)
    finally:
        tel.close()
        rc, out = stop(p, timeout=120)
        cleanup_prefix(prefix)
    pkts = tool.packets_at_exit(out)
    totals = {}
    for f in glob.glob(base + ".*"):
        thread, ir = None, None
        with open(f) as fh:
            for line in fh:
                if line.startswith("thread:"):
                    thread = int(line.split()[1])
                elif line.startswith("summary:") or line.startswith("totals:"):
                    ir = int(line.split()[1])
                    break
        os.unlink(f)
        if ir is not None:
            totals[thread] = ir
    if not pkts or not totals:
        raise RuntimeError(f"{tool.name} under callgrind: packets={pkts} threads={len(totals)}\n"
                           + out[-1500:])
    # toggle-collect: only the forwarding function counted, in whichever thread;
    # otherwise (stripped testpmd) the forwarding lcore is the busiest thread
    # besides the main one (thread 1, which did EAL and port set-up).
    if tool.callgrind_opts():
        ir = sum(totals.values())
    else:
        ir = max(v for t, v in totals.items() if t != 1)
    return ir / pkts, ir, pkts


# ---------------------------------------------------------------- peers built at run time

def dpdk_static_link():
    """The link arguments of a program on DPDK's static archives, as -Ddpdk_link=static
    gives skbfwd: drivers-glue/dpdk-static.txt's PMDs whole, then every DPDK library
    pkg-config names (users first) from its archive, then the system libraries."""
    lists = skbfwd_test.dpdk_static_lists()
    libs = subprocess.check_output(["pkg-config", "--static", "--libs", "libdpdk"], text=True).split()
    return (["-Wl,--whole-archive," + ",".join(f"-l:librte_{p}.a" for p in lists["pmds"]) +
             ",--no-whole-archive"] +
            [f"-l:librte_{a[len('-lrte_'):]}.a" for a in libs if a.startswith("-lrte_")] +
            [f"-l{s}" for s in lists["system"]] + ["-pthread"])


def build_examples(tmp):
    """Build l2fwd and l3fwd from dpdk-doc's sources in @tmp, each twice: linked to DPDK's
    shared libraries (as the examples' own build does) and to its static archives (as
    skbfwd's -Ddpdk_link=static).  Returns {"l2fwd": path, "l3fwd": path,
    "l2fwd-static": path, "l3fwd-static": path}, or {} without dpdk-doc."""
    if not os.path.isdir(os.path.join(EXAMPLES, "l2fwd")):
        return {}
    src = os.path.join(tmp, "examples")
    for d in ("l2fwd", "l3fwd", "common"):
        shutil.copytree(os.path.join(EXAMPLES, d), os.path.join(src, d))
    report = ('{ struct rte_eth_stats bench_st; rte_eth_stats_get(portid, &bench_st); '
              'printf("BENCH port %u ipackets %" PRIu64 " opackets %" PRIu64 "\\n", '
              '(unsigned int)portid, bench_st.ipackets, bench_st.opackets); } ')
    for ex in ("l2fwd", "l3fwd"):
        path = os.path.join(src, ex, "main.c")
        with open(path) as f:
            text = f.read()
        text = text.replace('printf("Closing port %d...", portid);',
                            report + 'printf("Closing port %d...", portid);')
        if ex == "l3fwd":
            text = text.replace(".offloads = RTE_ETH_RX_OFFLOAD_CHECKSUM,", ".offloads = 0,")
        if "BENCH port" not in text:
            raise RuntimeError(f"{ex}: cannot place the exit report")
        with open(path, "w") as f:
            f.write("#include <inttypes.h>\n" + text)
    cflags = subprocess.check_output(["pkg-config", "--cflags", "libdpdk"], text=True).split()
    libs = subprocess.check_output(["pkg-config", "--libs", "libdpdk"], text=True).split()
    static = dpdk_static_link()
    flags = ["-O3", "-DALLOW_EXPERIMENTAL_API", "-w"] + cflags   # DPDK's -march, as skbfwd
    out = {}
    for ex in ("l2fwd", "l3fwd"):
        d = os.path.join(src, ex)
        # the sources each example's meson.build lists
        names = ["main.c"] if ex == "l2fwd" else [
            "l3fwd_acl.c", "l3fwd_em.c", "l3fwd_event.c", "l3fwd_event_internal_port.c",
            "l3fwd_event_generic.c", "l3fwd_fib.c", "l3fwd_lpm.c", "main.c"]
        srcs = [os.path.join(d, n) for n in names]
        for name, link in ((ex, libs), (ex + "-static", static)):
            exe = os.path.join(tmp, "dpdk-" + name)
            subprocess.run(["cc"] + flags + ["-I", os.path.join(src, "common"), "-o", exe] + srcs
                           + link, check=True, capture_output=True, text=True)
            out[name] = exe
    return out


def ipv4_frame(dst, src_mac, dst_mac, i):
    """A valid 64-byte Ethernet/IPv4/UDP frame (checksummed) to @dst."""
    payload = bytes(64 - 14 - 20 - 8 - 4)
    udp = struct.pack("!HHHH", 1024 + i % 64, 5000, 8 + len(payload), 0) + payload
    ip = bytearray(struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), i & 0xFFFF, 0, 64, 17,
                               0, socket.inet_aton(f"10.0.0.{1 + i % 200}"),
                               socket.inet_aton(dst)))
    s = sum(struct.unpack("!10H", bytes(ip)))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    ip[10:12] = struct.pack("!H", ~s & 0xFFFF)
    return dst_mac + src_mac + b"\x08\x00" + bytes(ip) + udp


def ipv6_frame(dst, src_mac, dst_mac, i):
    """The shortest Ethernet/IPv6/UDP frame, 62 bytes (UDP checksummed, as IPv6 requires), to @dst."""
    src = socket.inet_pton(socket.AF_INET6, f"2001:db8::{1 + i % 200:x}")
    dst = socket.inet_pton(socket.AF_INET6, dst)
    payload = b""
    udp = bytearray(struct.pack("!HHHH", 1024 + i % 64, 5000, 8 + len(payload), 0) + payload)
    pseudo = src + dst + struct.pack("!IxxxB", len(udp), 17) + bytes(udp)
    s = sum(struct.unpack(f"!{len(pseudo) // 2}H", pseudo))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    udp[6:8] = struct.pack("!H", (~s & 0xFFFF) or 0xFFFF)
    ip = struct.pack("!IHBB16s16s", 0x60000000, len(udp), 17, 64, src, dst)
    return dst_mac + src_mac + b"\x86\xdd" + ip + bytes(udp)


def write_pcap(path, frames):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1, i, len(fr), len(fr)))
            f.write(fr)


def l3_traffic(tmp):
    """Captures per port (256 frames to 4 hosts of the other port's /24; IPv6: of its
    prefix) and route files."""
    pcaps, pcaps6 = [], []
    for port in (0, 1):
        for lst, make, net, name in ((pcaps, ipv4_frame, L3_DST[port], "l3_rx"),
                                     (pcaps6, ipv6_frame, L3_DST6[port], "l3_rx6_")):
            frames = [make(f"{net}{1 + i % 4}", bytes.fromhex("020000000001"),
                           bytes.fromhex(f"0200000000{port:02x}"), i) for i in range(256)]
            path = os.path.join(tmp, f"{name}{port}.pcap")
            write_pcap(path, frames)
            lst.append(path)
    rule4 = os.path.join(tmp, "rules_v4.cfg")
    rule6 = os.path.join(tmp, "rules_v6.cfg")
    with open(rule4, "w") as f:
        f.write("R198.18.0.0/24 0\nR198.18.1.0/24 1\n")
    with open(rule6, "w") as f:
        f.write("R2001:200::/48 0\nR2001:200:0:1::/64 1\n")
    routes = os.path.join(tmp, "skbfwd_routes.txt")
    with open(routes, "w") as f:
        # skbfwd's --routes: PREFIX/LEN PORT NEXT_HOP_MAC (l3fwd's default next hops)
        f.write("198.18.0.0/24 0 02:00:00:00:00:00\n198.18.1.0/24 1 02:00:00:00:00:01\n")
    routes6 = os.path.join(tmp, "skbfwd_routes6.txt")
    with open(routes6, "w") as f:
        f.write("2001:200::/48 0 02:00:00:00:00:00\n2001:200:0:1::/64 1 02:00:00:00:00:01\n")
    return pcaps, pcaps6, rule4, rule6, routes, routes6


# ---------------------------------------------------------------- the rows

def skbfwd_engines(path):
    prefix = new_prefix("help")
    try:
        out = subprocess.run([path, "--no-huge", "--no-pci", "-m", "64", "--file-prefix",
                              prefix, "--log-level", "lib.eal:error", "--", "--help"],
                             capture_output=True, text=True).stdout
    finally:
        cleanup_prefix(prefix)
    m = re.search(r"--forward-mode=MODE\s+engine:([^(\n]*)", out)
    return set(m.group(1).split()) if m else set()


def rows(env):
    """(key, skbfwd tool, peer tool) for every comparison this machine can run."""
    eng = env.engines
    out = []
    for mode in ("io", "mac", "macswap", "rxonly", "txonly", "csum"):
        key = "ipackets" if mode == "rxonly" else "opackets"
        if mode in eng:
            out.append((f"{mode}/testpmd-{mode}", Tool(f"skbfwd {mode}", "skbfwd", mode, key),
                        Tool(f"testpmd {mode}", "testpmd", mode, key)))
        else:
            out.append((f"{mode}/testpmd-{mode}", None, f"skbfwd has no {mode} engine"))
        if mode == "rxonly" and mode in eng:
            # the classifying rxonly, reported beside the sink (no target)
            out.append(("rxonly-classify/testpmd-rxonly",
                        Tool("skbfwd rxonly --rx-classify", "skbfwd", mode, key,
                             extra=["--rx-classify"]),
                        Tool(f"testpmd {mode}", "testpmd", mode, key)))
        if mode == "txonly" and mode in eng:
            # two 64-byte segments a frame, against testpmd's same --txpkts
            two = ["--txpkts=64,64"]
            out.append(("txonly-2seg/testpmd-txonly-2seg",
                        Tool("skbfwd txonly --txpkts=64,64", "skbfwd", mode, key, extra=two),
                        Tool("testpmd txonly --txpkts=64,64", "testpmd", mode, key, extra=two)))
        if mode == "mac":
            # each DPDK example twice: on DPDK's shared libraries and on its static archives
            for suffix, static in (("", False), ("-static", True)):
                if env.examples:
                    out.append((f"mac/l2fwd{suffix}", Tool("skbfwd mac", "skbfwd", "mac"),
                                Tool(f"l2fwd{suffix} -q 2", "l2fwd", "mac", static=static)))
                else:
                    out.append((f"mac/l2fwd{suffix}", None, "dpdk-doc not installed"))
    pcap = [f"net_pcap{p},rx_pcap={f},infinite_rx=1" for p, f in enumerate(env.pcaps)]
    pcap6 = [f"net_pcap{p},rx_pcap={f},infinite_rx=1" for p, f in enumerate(env.pcaps6)]
    for suffix, static in (("", False), ("-static", True)):
        if "l3fwd" in eng and env.examples:
            out.append((f"l3fwd/dpdk-l3fwd{suffix}",
                        Tool("skbfwd l3fwd", "skbfwd", "l3fwd", vdevs=pcap, extra=env.l3opts),
                        Tool(f"l3fwd{suffix} lpm", "l3fwd", "lpm", vdevs=pcap, static=static)))
            # IPv6: l3fwd's LPM mode routes these through its LPM6 table (the --rule_ipv6 file)
            out.append((f"l3fwd6/dpdk-l3fwd{suffix}",
                        Tool("skbfwd l3fwd IPv6", "skbfwd", "l3fwd", vdevs=pcap6, extra=env.l3opts6),
                        Tool(f"l3fwd{suffix} lpm IPv6", "l3fwd", "lpm", vdevs=pcap6,
                             static=static)))
        else:
            out.append((f"l3fwd/dpdk-l3fwd{suffix}", None,
                        "skbfwd has no l3fwd engine" if "l3fwd" not in eng
                        else "dpdk-doc not installed"))
    for mode in ("io", "macswap", "l3fwd"):
        raw = mode + "-raw"
        if mode in env.bench_engines and raw in env.bench_engines:
            vd = pcap if mode == "l3fwd" else None
            ex = env.l3opts if mode == "l3fwd" else None
            out.append((f"{mode}/{raw}",
                        Tool(f"skbfwd-bench {mode}", "skbfwd", mode, vdevs=vd, extra=ex, bench=True),
                        Tool(f"skbfwd-bench {raw}", "skbfwd", raw, vdevs=vd, extra=ex, bench=True)))
        else:
            out.append((f"{mode}/{raw}", None, f"skbfwd-bench has no {mode} or {raw} engine"))
    return out


def run_micro(env, runs):
    """skb_bench @runs times, each its own process: one process's figures move with
    what else the machine does while it runs (alloc_skb+kfree_skb from 20.6 to 27.5
    cycles over 19 processes on the 2-vCPU host), so each op keeps the median of its
    skb and rte_mbuf figures and, as its ratio, the median of the per-process ratios
    (both sides of one process ran under the same conditions).  Every process's
    figures stay in the op (skb_runs, mbuf_runs, ratio_runs)."""
    if not env.skb_bench or not os.path.exists(env.skb_bench):
        return None
    results = []
    for _ in range(runs):
        prefix = new_prefix("skbbench")
        try:
            r = subprocess.run(env.rt + [env.skb_bench, "--json", "--iterations",
                                         str(env.micro_iters), "--file-prefix", prefix],
                               capture_output=True, text=True, timeout=600)
        finally:
            cleanup_prefix(prefix)
        if r.returncode != 0:
            log(f"skb_bench failed ({r.returncode}):\n{r.stdout[-1500:]}{r.stderr[-1500:]}")
            return None
        results.append(json.loads(r.stdout))
    out = dict(results[0], processes=runs)
    out["ops"] = []
    for k, op in enumerate(results[0]["ops"]):
        runs_of = [res["ops"][k] for res in results]
        m = dict(op)
        for side in ("skb_cycles", "mbuf_cycles", "ratio"):
            vals = [x.get(side) for x in runs_of]
            m[side.replace("_cycles", "") + "_runs"] = vals
            m[side] = statistics.median(vals) if None not in vals else None
        out["ops"].append(m)
    return out


def build_option(build, name):
    """The value of meson option @name in the skbfwd build directory @build (None if unknown)."""
    try:
        with open(os.path.join(build, "meson-info", "intro-buildoptions.json")) as f:
            return next((o["value"] for o in json.load(f) if o["name"] == name), None)
    except (OSError, ValueError):
        return None


def tsc_hz():
    with open("/proc/cpuinfo") as f:
        m = re.search(r"^cpu MHz\s*:\s*([\d.]+)", f.read(), re.M)
    return float(m.group(1)) * 1e6 if m else None


def machine():
    with open("/proc/cpuinfo") as f:
        m = re.search(r"^model name\s*:\s*(.*)$", f.read(), re.M)
    try:
        dpdk = subprocess.check_output(["pkg-config", "--modversion", "libdpdk"], text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        dpdk = "?"
    return {"cpu": m.group(1) if m else platform.processor(), "cpus": os.cpu_count(),
            "kernel": platform.release(), "dpdk": dpdk, "host": platform.node()}


# ---------------------------------------------------------------- output

def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def table(res):
    lines = []
    hdr = (f"{'comparison':<26} {'skbfwd Mpps':>11} {'peer Mpps':>10} {'ratio':>6} "
           f"{'skb cyc/pkt':>11} {'peer cyc/pkt':>12} {'skb ins/pkt':>11} {'peer ins/pkt':>12}")
    lines.append(hdr)
    lines.append("-" * len(hdr))
    for r in res["rows"]:
        if r.get("skipped") or "skbfwd_mpps" not in r:
            lines.append(f"{r['key']:<26} {'skipped: ' + r['skipped'] if r.get('skipped') else 'FAILED: ' + r['error'][:60]}")
            continue
        lines.append(f"{r['key']:<26} {fmt(r['skbfwd_mpps'], '11.2f')} {fmt(r['peer_mpps'], '10.2f')} "
                     f"{fmt(r['ratio'], '6.3f')} {fmt(r['skbfwd_cycles_per_pkt'], '11.1f')} "
                     f"{fmt(r['peer_cycles_per_pkt'], '12.1f')} {fmt(r['skbfwd_instr_per_pkt'], '11.1f')} "
                     f"{fmt(r['peer_instr_per_pkt'], '12.1f')}")
    lines.append("")
    lines.append("targets:")
    for t in res["targets"]:
        lines.append(f"  {t['text']:<58} {t['value']:<22} {t['verdict']}")
    if res.get("micro"):
        lines.append("")
        lines.append(f"{'skb micro-benchmark (cycles/op)':<36} {'skb':>8} {'rte_mbuf':>9} {'ratio':>6}")
        for m in res["micro"]["ops"]:
            lines.append(f"  {m['op']:<34} {fmt(m['skb_cycles'], '8.1f')} "
                         f"{fmt(m['mbuf_cycles'], '9.1f')} {fmt(m.get('ratio'), '6.2f')}")
    return "\n".join(lines)


def evaluate(res):
    by = {r["key"]: r for r in res["rows"]}
    out = []
    for key, kind, bound in TARGETS:
        r = by.get(key)
        if kind == "ratio":
            text = f"{key.replace('/', ' vs ')} Mpps ratio >= {bound}"
        elif kind == "instr":
            text = f"{key.replace('/', ' vs ')} instructions/packet lower"
        elif kind == "instr-le":
            text = f"{key.replace('/', ' vs ')} instructions/packet not higher"
        else:
            text = f"skb layer cost {key.replace('/', ' vs ')} <= {bound:.0%}"
        if r is None or r.get("skipped") or "skbfwd_mpps" not in r or (
                kind != "ratio" and r.get("skbfwd_instr_per_pkt") is None):
            out.append({"key": key, "kind": kind, "text": text, "value": "not measured",
                        "verdict": "n/a", "met": None})
            continue
        if kind == "ratio":
            v, met, value = r["ratio"], r["ratio"] >= bound, f"{r['ratio']:.3f}"
        elif kind in ("instr", "instr-le"):
            a, b = r["skbfwd_instr_per_pkt"], r["peer_instr_per_pkt"]
            v, value = a / b, f"{a:.1f} vs {b:.1f}"
            met = a < b if kind == "instr" else a <= b
        else:
            v = 1.0 - r["ratio"]
            ic = r["skbfwd_instr_per_pkt"] / r["peer_instr_per_pkt"] - 1.0
            met, value = v <= bound, f"{v:+.1%} Mpps, {ic:+.1%} ins"
        out.append({"key": key, "kind": kind, "text": text, "value": value,
                    "verdict": "met" if met else "MISSED", "met": met, "figure": v})
    # libskb calls against their rte_mbuf twins, in cycles
    if res.get("micro"):
        for op, bound in MICRO_TARGETS:
            m = next((x for x in res["micro"]["ops"]
                      if x["op"] == op or x["op"].startswith(op + " ")), None)
            text = f"{op} cycles <= {bound} x rte_mbuf twin"
            if m is None or m.get("ratio") is None:
                out.append({"key": op, "kind": "micro", "text": text, "value": "not measured",
                            "verdict": "n/a", "met": None})
                continue
            out.append({"key": op, "kind": "micro", "text": text,
                        "value": f"{m['ratio']:.2f}x", "figure": m["ratio"],
                        "verdict": "met" if m["ratio"] <= bound else "MISSED",
                        "met": m["ratio"] <= bound})
    return out


def markdown(res):
    """The table, the targets and the micro-benchmarks as Markdown (docs/performance.md)."""
    L = [f"Memory: {res.get('memory', '--no-huge (4 KiB pages)')}; "
         f"scheduling {res.get('sched', 'SCHED_OTHER')}; burst {res['burst']}, "
         f"{res['nb_mbufs']} mbufs, {res['frame_bytes']}-byte frames.", "",
         "| comparison | skbfwd Mpps | peer Mpps | ratio | skbfwd cycles/pkt | peer cycles/pkt "
         "| skbfwd instr/pkt | peer instr/pkt |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in res["rows"]:
        if "skbfwd_mpps" not in r:
            L.append(f"| {r['key']} | {r.get('skipped') or 'failed: ' + r.get('error', '')} "
                     "| | | | | | |")
            continue
        L.append(f"| {r['key']} ({r['skbfwd']} vs {r['peer']}) | {fmt(r['skbfwd_mpps'], '.2f')} "
                 f"| {fmt(r['peer_mpps'], '.2f')} | {fmt(r['ratio'], '.3f')} "
                 f"| {fmt(r['skbfwd_cycles_per_pkt'], '.1f')} | {fmt(r['peer_cycles_per_pkt'], '.1f')} "
                 f"| {fmt(r['skbfwd_instr_per_pkt'], '.1f')} | {fmt(r['peer_instr_per_pkt'], '.1f')} |")
    L += ["", "| target | measured | verdict |", "|---|---|---|"]
    for t in res["targets"]:
        L.append(f"| {t['text']} | {t['value']} | {t['verdict']} |")
    if res.get("micro"):
        L += ["", "| skb call | cycles | rte_mbuf twin | cycles | ratio |", "|---|---:|---|---:|---:|"]
        for m in res["micro"]["ops"]:
            L.append(f"| `{m['op']}` | {fmt(m['skb_cycles'], '.1f')} | `{m['mbuf_op']}` "
                     f"| {fmt(m['mbuf_cycles'], '.1f')} | {fmt(m.get('ratio'), '.2f')} |")
    return "\n".join(L) + "\n"


def chart(res, path):
    if shutil.which("gnuplot") is None:
        return False
    data = path + ".dat"
    with open(data, "w") as f:
        for r in res["rows"]:
            if "skbfwd_mpps" not in r:
                continue
            ins = [r.get("skbfwd_instr_per_pkt"), r.get("peer_instr_per_pkt")]
            f.write(f"\"{r['key']}\" {r['skbfwd_mpps']:.3f} {r['peer_mpps']:.3f} "
                    + " ".join("NaN" if v is None else f"{v:.1f}" for v in ins) + "\n")
    script = f"""
set terminal pngcairo size 1200,1100 font ",10"
set output "{path}"
set multiplot layout 2,1
set title "skbfwd vs peers, one forwarding core, 64-byte frames ({res['date'][:10]})"
set ylabel "Mpps (median of {res['runs']} runs of {res['seconds']} s)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -30 noenhanced
set grid ytics
set yrange [0:*]
set key top right
plot "{data}" using 2:xtic(1) title "skbfwd" lc rgb "#2060c0", \\
     "" using 3 title "peer" lc rgb "#c08020"
set title "instructions per forwarded packet, forwarding thread (callgrind; lower is better)"
set ylabel "instructions / packet"
plot "{data}" using 4:xtic(1) title "skbfwd" lc rgb "#2060c0", \\
     "" using 5 title "peer" lc rgb "#c08020"
unset multiplot
"""
    r = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    os.unlink(data)
    if r.returncode != 0:
        log("gnuplot: " + r.stderr)
        return False
    return os.path.exists(path)


# ---------------------------------------------------------------- main

class Env:
    pass


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(TOP, "build"), help="skbfwd build directory")
    ap.add_argument("--out", default=None, help="output directory (default BUILD/perf)")
    ap.add_argument("--runs", type=int, default=5,
                    help="runs of each tool, alternating; skb_bench processes (medians kept)")
    ap.add_argument("--seconds", type=float, default=5.0, help="measured window per run")
    ap.add_argument("--warm", type=float, default=1.0, help="seconds forwarded before the window")
    ap.add_argument("--cg-seconds", type=float, default=4.0, help="callgrind run length")
    ap.add_argument("--only", default=None, help="comma list of row keys or prefixes (io,mac/l2fwd,...)")
    ap.add_argument("--no-callgrind", action="store_true")
    ap.add_argument("--instr-from", default=None, metavar="JSON",
                    help="take instructions/packet from an earlier perf.json instead of running "
                         "callgrind (they do not depend on machine load)")
    ap.add_argument("--no-micro", action="store_true")
    ap.add_argument("--quick", action="store_true",
                    help="CI: 1 run of 1 s, short callgrind, --no-huge")
    ap.add_argument("--no-huge", action="store_true",
                    help="Mpps runs without hugepages (4 KiB pages: DPDK's own pools then put "
                         "each mbuf on a page of its own, at the same offset, so the mbufs of a "
                         "burst share L1 cache sets; see docs/performance.md)")
    ap.add_argument("--rt", action="store_true",
                    help="run every timed tool (both sides alike) under SCHED_FIFO priority 1 "
                         "(chrt -f 1), so that other work on the machine does not preempt "
                         "the polling lcore; the kernel's RT throttling still leaves it 5%%")
    a = ap.parse_args()
    if a.quick:
        a.runs, a.seconds, a.warm, a.cg_seconds = 1, 1.0, 0.3, 1.0
    env = Env()
    env.rt = ["chrt", "-f", "1"] if a.rt else []
    env.skbfwd = os.path.join(a.build, "app/skbfwd/skbfwd")
    env.skbfwd_bench = os.path.join(a.build, "tests/perf/skbfwd-bench")
    env.skb_bench = os.path.join(a.build, "tests/perf/skb_bench")
    env.micro_iters = 20000 if a.quick else 2000000
    out_dir = a.out or os.path.join(a.build, "perf")
    os.makedirs(out_dir, exist_ok=True)
    if not os.path.exists(env.skbfwd):
        sys.exit(f"bench: {env.skbfwd} not built (meson setup build && ninja -C build)")
    env.engines = skbfwd_engines(env.skbfwd)
    env.bench_engines = (skbfwd_engines(env.skbfwd_bench) if os.path.exists(env.skbfwd_bench)
                         else set())
    tmp = tempfile.mkdtemp(prefix="skbfwd-perf-")
    huge = None
    try:
        env.huge_dir = None
        if not (a.quick or a.no_huge):
            huge = HugePages(tmp)
            env.huge_dir = huge.dir
        try:
            env.examples = build_examples(tmp)
        except (subprocess.CalledProcessError, RuntimeError) as e:
            log(f"bench: cannot build l2fwd/l3fwd: {getattr(e, 'stderr', e)}")
            env.examples = {}
        env.pcaps, env.pcaps6, env.rule4, env.rule6, routes, routes6 = l3_traffic(tmp)
        env.l3opts = [f"--routes={routes}"]
        env.l3opts6 = [f"--routes={routes6}"]
        hz = tsc_hz()
        res = {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
               "machine": machine(), "tsc_hz": hz, "dpdk_link": build_option(a.build, "dpdk_link"), "runs": a.runs, "seconds": a.seconds,
               "burst": BURST, "nb_mbufs": NB_MBUFS, "frame_bytes": 64,
               "memory": "2 MiB hugepages" if env.huge_dir else "--no-huge (4 KiB pages)",
               "sched": "SCHED_FIFO 1 (--rt)" if a.rt else "SCHED_OTHER",
               "rows": []}
        only = a.only.split(",") if a.only else None
        instr_from = {}
        if a.instr_from:
            with open(a.instr_from) as f:
                instr_from = {r["key"]: r for r in json.load(f)["rows"] if not r.get("skipped")}
            res["instr_from"] = a.instr_from
        for key, sk, peer in rows(env):
            if only and not any(key == o or key.startswith(o + "/") for o in only):
                continue
            if sk is None:
                res["rows"].append({"key": key, "skipped": peer})
                continue
            log(f"bench: {key}: {a.runs} x ({sk.name}, {peer.name}) of {a.seconds} s")
            s_pps, p_pps = [], []
            try:
                for _ in range(a.runs):
                    s_pps.append(measure(env, sk, a.seconds, a.warm))
                    p_pps.append(measure(env, peer, a.seconds, a.warm))
            except (RuntimeError, OSError, KeyError, ValueError) as e:
                log(f"bench: {key}: {e}")
                res["rows"].append({"key": key, "error": str(e)[:500]})
                continue
            row = {"key": key, "skbfwd": sk.name, "peer": peer.name,
                   "skbfwd_runs_mpps": [x / 1e6 for x in s_pps],
                   "peer_runs_mpps": [x / 1e6 for x in p_pps],
                   "skbfwd_mpps": statistics.median(s_pps) / 1e6,
                   "peer_mpps": statistics.median(p_pps) / 1e6}
            row["ratio"] = row["skbfwd_mpps"] / row["peer_mpps"]
            row["skbfwd_cycles_per_pkt"] = hz / (row["skbfwd_mpps"] * 1e6) if hz else None
            row["peer_cycles_per_pkt"] = hz / (row["peer_mpps"] * 1e6) if hz else None
            row["skbfwd_instr_per_pkt"] = row["peer_instr_per_pkt"] = None
            if key in instr_from:
                for k in ("skbfwd_instr_per_pkt", "peer_instr_per_pkt"):
                    row[k] = instr_from[key].get(k)
            elif not a.no_callgrind and shutil.which("valgrind"):
                log(f"bench: {key}: callgrind")
                try:
                    row["skbfwd_instr_per_pkt"] = callgrind(env, sk, a.cg_seconds, tmp)[0]
                    row["peer_instr_per_pkt"] = callgrind(env, peer, a.cg_seconds, tmp)[0]
                except RuntimeError as e:
                    log(f"bench: {key}: {e}")
                    row["error"] = "callgrind: " + str(e)[:500]
            res["rows"].append(row)
            log(f"bench: {key}: {row['skbfwd_mpps']:.2f} vs {row['peer_mpps']:.2f} Mpps")
        if not a.no_micro:
            res["micro"] = run_micro(env, a.runs)
        res["targets"] = evaluate(res)
        with open(os.path.join(out_dir, "perf.json"), "w") as f:
            json.dump(res, f, indent=1)
        res["chart"] = chart(res, os.path.join(out_dir, "perf.png"))
        with open(os.path.join(out_dir, "perf.md"), "w") as f:
            f.write(markdown(res))
        print(table(res))
        print(f"\nJSON: {os.path.join(out_dir, 'perf.json')}"
              + (f"  chart: {os.path.join(out_dir, 'perf.png')}" if res["chart"] else "  (no chart)"))
    finally:
        if huge is not None:
            huge.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
