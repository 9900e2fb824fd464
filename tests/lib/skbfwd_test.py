# SPDX-License-Identifier: BSD-3-Clause
"""Helpers for skbfwd's integration tests: run the forwarder under a file prefix
of its own, parse its statistics, print TAP, write and read pcap files, and an
independent Internet checksum (the tests never trust the code under test)."""

import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import time

SKBFWD = os.environ.get("SKBFWD", "")
EAL_BASE = ["--no-huge", "--no-pci", "-m", "512", "--log-level", "lib.eal:error"]


# skbfwd's one line when rte_eal_init() fails (app/skbfwd/main.c)
EAL_FAILED_RE = re.compile(r"^skbfwd: EAL initialisation failed: .*$", re.M)
# every run of the whole test whose EAL did not come up: Tap.done() fails on them
_eal_failures = []


def note_eal_failure(err, what="run"):
    """Remember a run whose EAL failed (its stderr @err): that is a failure of the
    whole test, never a skip, even when the check at hand wanted a non-zero exit."""
    m = EAL_FAILED_RE.search(err or "")
    if m:
        _eal_failures.append(f"{what}: {m.group(0)}")
    return m is not None


class Tap:
    """Minimal TAP producer: one line per check, counted by tests/summary.py."""

    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, detail=""):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {name}")
        else:
            self.failed += 1
            print(f"not ok {self.n} - {name}")
            if detail:
                for line in str(detail).splitlines()[-40:]:
                    print(f"#   {line}")
        sys.stdout.flush()
        return cond

    def eq(self, got, want, name, detail=""):
        return self.ok(got == want, f"{name} ({got!r} == {want!r})", detail)

    def skip(self, name, why):
        self.n += 1
        print(f"ok {self.n} - {name} # SKIP {why}")
        sys.stdout.flush()

    def done(self):
        if _eal_failures:
            self.ok(False, f"EAL came up in every run ({len(_eal_failures)} failed)",
                    "\n".join(_eal_failures))
        print(f"1..{self.n}")
        sys.exit(1 if self.failed else 0)


_prefix_seq = 0


def file_prefix(tag):
    global _prefix_seq
    _prefix_seq += 1
    return f"skbt_{tag}_{os.getpid()}_{_prefix_seq}"


def cleanup_prefix(prefix):
    shutil.rmtree(f"/var/run/dpdk/{prefix}", ignore_errors=True)


def help_run(binary=None):
    """skbfwd --help (EAL comes up first) under a prefix of its own; the
    CompletedProcess.  An EAL failure is noted as the whole test's failure."""
    prefix = file_prefix("help")
    try:
        p = subprocess.run([binary or SKBFWD, "--file-prefix", prefix] + EAL_BASE
                           + ["--", "--help"], capture_output=True, text=True, timeout=60)
    finally:
        cleanup_prefix(prefix)
    note_eal_failure(p.stderr, "--help")
    return p


class Result:
    def __init__(self, rc, out, err):
        self.rc = rc
        self.out = out
        self.err = err
        note_eal_failure(err)
        self.ports = parse_ports(out)
        self.total = parse_accumulated(out)
        m = re.search(r"^mbufs in use at exit: (\d+)$", out, re.M)
        self.in_use = int(m.group(1)) if m else None

    def log(self):
        return self.out + "\n--- stderr ---\n" + self.err


def run(args, eal=None, tag="run", timeout=120, lcores="0,1", vdevs=None,
        signal_after=None, env=None):
    """Run skbfwd; returns a Result.  vdevs: list of --vdev strings; lcores None:
    no -l (the EAL arguments @eal give the lcores, --lcores say)."""
    prefix = file_prefix(tag)
    cmd = [SKBFWD] + (["-l", lcores] if lcores else []) + ["--file-prefix", prefix] + EAL_BASE
    for v in (vdevs if vdevs is not None else ["net_null0", "net_null1"]):
        cmd += ["--vdev", v]
    cmd += (eal or []) + ["--"] + list(args)
    try:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env)
        if signal_after is not None:
            time.sleep(signal_after[0])
            p.send_signal(signal_after[1])
        out, err = p.communicate(timeout=timeout)
        return Result(p.returncode, out, err)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return Result(-9, out, err + "\n(timeout)")
    finally:
        cleanup_prefix(prefix)


# testpmd's per-port block (app/skbfwd/stats.c stats_print_fwd(); the csum
# engine's Bad-* lines and the RX-error/RX-nombufs lines may sit between RX and TX)
_PORT_RE = re.compile(
    r"^  -+ Forward statistics for port (\d+) +-+\n"
    r"  RX-packets: (\d+) +RX-dropped: (\d+) +RX-total: (\d+)\n"
    r"(?:  (?:Bad-|RX-error|RX-nombufs)[^\n]*\n)*"
    r"  TX-packets: (\d+) +TX-dropped: (\d+) +TX-total: (\d+)\n", re.M)
_ACC_RE = re.compile(
    r"^  \++ Accumulated forward statistics for all ports\++\n"
    r"  RX-packets: (\d+) +RX-dropped: (\d+) +RX-total: (\d+)\n"
    r"  TX-packets: (\d+) +TX-dropped: (\d+) +TX-total: (\d+)\n", re.M)
# skbfwd's own lines after testpmd's blocks: "  Port 0: RX-bytes: ..." / "  All ports: ..."
_OWN_RE = re.compile(
    r"^  (Port \d+|All ports): RX-bytes: (\d+) TX-bytes: (\d+) RX-nombuf: (\d+) "
    r"Generated: (\d+)\n  \1: Drops:([^\n]*)$", re.M)


def _reasons(text):
    return {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", text)}


def _own(out):
    """{"Port 0": {...}, "All ports": {...}}: skbfwd's own per-port lines."""
    own = {}
    for m in _OWN_RE.finditer(out):
        own[m.group(1)] = {"rx_bytes": int(m.group(2)), "tx_bytes": int(m.group(3)),
                           "rx_nombuf": int(m.group(4)), "generated": int(m.group(5)),
                           "drops": _reasons(m.group(6))}
    return own


def parse_ports(out):
    """{port: {rx, rx_dropped, tx, tx_dropped, rx_bytes, tx_bytes, rx_nombuf,
    generated, drops}}: testpmd's block of each port and skbfwd's own lines."""
    own = _own(out)
    ports = {}
    for m in _PORT_RE.finditer(out):
        p = int(m.group(1))
        ports[p] = {"rx": int(m.group(2)), "rx_dropped": int(m.group(3)),
                    "tx": int(m.group(5)), "tx_dropped": int(m.group(6))}
        ports[p].update(own.get(f"Port {p}", {}))
    return ports


def parse_accumulated(out):
    """The accumulated block and skbfwd's "All ports" lines, or None."""
    m = _ACC_RE.search(out)
    if not m:
        return None
    acc = {"rx": int(m.group(1)), "rx_dropped": int(m.group(2)),
           "tx": int(m.group(4)), "tx_dropped": int(m.group(5))}
    acc.update(_own(out).get("All ports", {"generated": 0, "drops": {}}))
    return acc


# ---------------------------------------------------------------- pcap

PCAP_MAGIC = 0xA1B2C3D4


def write_pcap(path, frames, snaplen=65535):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", PCAP_MAGIC, 2, 4, 0, 0, snaplen, 1))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", 1, i, len(fr), len(fr)))
            f.write(fr)


def read_pcap(path):
    frames = []
    with open(path, "rb") as f:
        hdr = f.read(24)
        if len(hdr) < 24:
            return frames
        magic = struct.unpack("<I", hdr[:4])[0]
        endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
        while True:
            rh = f.read(16)
            if len(rh) < 16:
                break
            _, _, incl, _ = struct.unpack(endian + "IIII", rh)
            frames.append(f.read(incl))
    return frames


# ---------------------------------------------------------------- checksums

def inet_csum(data):
    """RFC 1071 Internet checksum, written here independently of skbfwd."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


def dpdk_static_lists():
    """drivers-glue/dpdk-static.txt as meson reads it: {"pmds": [...], "system": [...]}."""
    lists = {}
    top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(top, "drivers-glue", "dpdk-static.txt")) as f:
        for line in f:
            if ": " in line and not line.startswith("#"):
                k, v = line.split(": ", 1)
                lists[k] = v.split()
    return lists


def is_root():
    return os.geteuid() == 0


# --latency's lines at stop and exit (app/skbfwd/latency.c latency_print()):
# probes and min, mean, p50, p90, p99, p99.9, max in us of port 0's TSC clock,
# then port 0's flow 0/0 from this process: received, lost, reordered, sent
LATENCY_RE = re.compile(
    r"^  Port 0: (\d+) probes, TX TSC to RX TSC: min ([\d.]+) us, mean ([\d.]+) us, "
    r"p50 ([\d.]+) us, p90 ([\d.]+) us, p99 ([\d.]+) us, p99\.9 ([\d.]+) us, "
    r"max ([\d.]+) us$", re.M)
LATENCY_FLOW_RE = re.compile(
    r"^  Port 0: flow 0/0: (\d+) received, (\d+) lost, (\d+) reordered "
    r"\((\d+) sent from here\)$", re.M)
