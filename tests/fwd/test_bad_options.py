#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Bad options and configuration, as a table: each row is one bad input, and
skbfwd must answer it with exactly one "skbfwd: ..." line naming the problem
(the words listed in the row, the line number for files), a non-zero exit
status that is not a crash, and no sanitizer report.

Numbers out of range (negative ones and ones too large for 64 bits too) say
"out of range (MIN..MAX)"; an option's missing value is never taken from the
next option; ports, lcores and sockets that do not exist are named with the
ones that do.  Configuration files that are directories, FIFOs, devices or
larger than 16 MiB, lines longer than 64 KiB and an unwritable --stats-json
are refused within a second, before forwarding.  The first SIGINT during
start-up (EAL, the link wait) stops skbfwd within a second, exit 0.

Rows for engine options (route files, addresses) are added when the engine
that owns the option is in the table (`--help` lists the option): a bad value
given before or after --forward-mode, and the option given with an engine
that does not own it (one line naming both engines)."""

import os
import re
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402

NULL2 = ["net_null0", "net_null1"]
NULL3 = ["net_null0", "net_null1", "net_null2"]
# The one-second limit of the timed rows; a sanitizer build runs slower (as test_faults.py).
LIMIT = float(os.environ.get("SKBFWD_STOP_LIMIT", "1.0"))
CRASH_RE = re.compile(r"AddressSanitizer|runtime error:|Segmentation fault|PANIC in|Aborted")

# (skbfwd args, words the one error line must contain, vdevs, lcores)
TABLE = [
    (["--forward-mode=nosuch"], ["--forward-mode=nosuch", "unknown engine nosuch (engines: "]),
    (["--forward-mode="], ["--forward-mode", "unknown engine"]),
    # the raw-mbuf twins are skbfwd-bench's engines (tests/perf), not skbfwd's
    (["--forward-mode=io-raw"], ["--forward-mode=io-raw: unknown engine io-raw (engines: "]),
    # testpmd's mode for shared RX queues, which skbfwd does not set up
    (["--forward-mode=shared_rxq"], ["skbfwd: --forward-mode=shared_rxq is not supported: shared "
                                     "RX queues of a NIC switch domain are not configured "
                                     "(--rxq-share)"]),
    (["--burst=0"], ["--burst=0", "out of range"]),
    (["--burst=100000"], ["--burst=100000", "out of range"]),
    (["--burst=513"], ["--burst=513", "out of range"]),
    (["--burst=abc"], ["--burst=abc", "not a number"]),
    (["--burst=-1"], ["skbfwd: --burst=-1 is out of range (1..512)"]),
    (["--burst=32x"], ["--burst=32x", "not a number"]),
    (["--burst="], ["--burst", "not a number"]),
    (["--burst=99999999999999999999999"],
     ["skbfwd: --burst=99999999999999999999999 is out of range (1..512)"]),
    (["--burst=99999999999999999999"], ["skbfwd: --burst=99999999999999999999 is out of range (1..512)"]),
    (["--burst=010x"], ["skbfwd: --burst=010x is not a number"]),
    (["--burst= 5"], ["skbfwd: --burst= 5 is not a number"]),
    (["--rxq=-5"], ["skbfwd: --rxq=-5 is out of range (1..1024)"]),
    (["--total-num-mbufs=18446744073709551616"],
     ["skbfwd: --total-num-mbufs=18446744073709551616 is out of range (1024..67108864)"]),
    (["--stats-period=0"], ["--stats-period=0", "out of range"]),
    (["--stats-period=soon"], ["--stats-period=soon", "not a number"]),
    (["--duration=0"], ["skbfwd: --duration=0 is out of range (0.001..10000000)"]),
    (["--duration=-3"], ["skbfwd: --duration=-3 is out of range (0.001..10000000)"]),
    (["--duration=nan"], ["skbfwd: --duration=nan is not a number"]),
    (["--duration=1e99"], ["skbfwd: --duration=1e99 is out of range (0.001..10000000)"]),
    (["--port-topology=ring"], ["--port-topology=ring", "paired, chained or loop"]),
    (["--eth-peer=0"], ["--eth-peer=0", "PORT,"]),
    (["--eth-peer=0,zz:00:00:00:00:01"], ["--eth-peer=0,zz:00:00:00:00:01", "PORT,"]),
    (["--eth-peer=0,02:00:00:00:00"], ["--eth-peer=0,02:00:00:00:00", "PORT,"]),
    (["--eth-peer=0,02:00:00:00:00:01:03"], ["--eth-peer=0,02:00:00:00:00:01:03", "PORT,"]),
    (["--eth-peer=0,02:00:00:00:00:1ff"], ["--eth-peer=0,02:00:00:00:00:1ff", "PORT,"]),
    (["--eth-peer=99999,02:00:00:00:00:01"], ["--eth-peer=99999", "out of range"]),
    (["--eth-peer=x,02:00:00:00:00:01"], ["--eth-peer=x", "not a number"]),
    (["--total-num-mbufs=10"], ["--total-num-mbufs=10", "out of range"]),
    (["--nb-cores=0"], ["--nb-cores=0", "out of range"]),
    (["--nb-cores=4"], ["--nb-cores=4", "lcores"]),
    (["--rxq=0"], ["--rxq=0", "out of range"]),
    (["--txq=0"], ["--txq=0", "out of range"]),
    (["--rxd=1"], ["--rxd=1", "out of range"]),
    (["--txd=100000"], ["--txd=100000", "out of range"]),
    (["--portmask=0"], ["--portmask=0", "non-zero hexadecimal"]),
    (["--portmask=xyz"], ["--portmask=xyz", "hexadecimal"]),
    (["--portmask=0x10"], ["--portmask=0x10", "do not exist"]),
    (["--portmask=0x4"], ["skbfwd: --portmask=0x4 names ports that do not exist (ports: 0, 1)"]),
    (["--portlist=0,5"], ["skbfwd: --portlist=0,5: port 5 does not exist (ports: 0, 1)"]),
    (["--portlist=1,0-1"], ["skbfwd: --portlist=1,0-1: port 1 is listed twice"]),
    (["--portlist=0,,1"], ["skbfwd: --portlist=0,,1: expected ports and ranges like 0,2-3"]),
    (["--nb-ports=3"], ["skbfwd: --nb-ports=3 is out of range (1..2)"]),
    (["--nb-ports=2", "--portlist=1"], ["skbfwd: --nb-ports=2 but --portmask/--portlist name 1 port"]),
    (["--eth-peer=5,02:00:00:00:00:01"],
     ["skbfwd: --eth-peer=5,02:00:00:00:00:01: port 5 does not exist (ports: 0, 1)"]),
    (["--coremask=0x1"], ["skbfwd: --coremask=0x1: lcore 0 is the main lcore, which does not forward"]),
    (["--coremask=0x4"], ["skbfwd: --coremask=0x4: lcore 2 is not an EAL lcore (lcores: 0, 1)"]),
    (["--coremask=0"], ["skbfwd: --coremask=0: selects no lcore"]),
    (["--coremask=0x2", "--nb-cores=2"], ["skbfwd: --nb-cores=2 but --coremask selects 1 lcore"]),
    (["--latencystats=5"], ["skbfwd: --latencystats=5: lcore 5 is not an EAL lcore (lcores: 0, 1)"]),
    (["--bitrate-stats=-1"], ["skbfwd: --bitrate-stats=-1 is out of range (0..127)"]),
    (["--socket-num=1"], ["skbfwd: --socket-num=1: socket 1 does not exist (sockets: 0)"]),
    (["--port-numa-config=(0,1)"], ["skbfwd: --port-numa-config=(0,1): socket 1 does not exist (sockets: 0)"]),
    (["--ring-numa-config=(0,4,0)"], ["skbfwd: --ring-numa-config=4 is out of range (1..3)"]),
    (["--mbuf-size=2048,4096"], ["--mbuf-size=2048,4096 is not supported: "]),
    (["--mbuf-size=100"], ["skbfwd: --mbuf-size=100 is out of range (192..65535)"]),
    (["--mp-alloc=xmem"], ["--mp-alloc=xmem is not supported: "]),
    (["--mbcache=513"], ["skbfwd: --mbcache=513 is out of range (0..512)"]),
    (["--rxfreet=1024"], ["skbfwd: --rxfreet=1024 is out of range (0..1023): below --rxd=1024"]),
    (["--txd=512", "--txrst=600"], ["skbfwd: --txrst=600 is out of range (0..512): up to --txd=512"]),
    (["--rx-offloads=0xg"], ["skbfwd: --rx-offloads=0xg is not a hexadecimal mask"]),
    (["--rx-mq-mode=0x8"], ["skbfwd: --rx-mq-mode=0x8 is out of range (0x0..0x7)"]),
    (["--eth-link-speed=123"], ["--eth-link-speed=123: not a link speed in Mbps"]),
    (["--print-event=bogus"], ["--print-event=bogus: expected unknown, intr_lsc"]),
    (["--display-xstats=a,,b"], ["--display-xstats=a,,b: expected NAME[,NAME...]"]),
    (["--hot-plug"], ["skbfwd: --hot-plug is not supported: "]),
    (["--num-procs=2"], ["skbfwd: --num-procs is not supported: "]),
    (["--rxq-share=2"], ["skbfwd: --rxq-share is not supported: "]),
    (["--rx=1"], ["skbfwd: option --rx is ambiguous: ", "--rxq,", "--rxd,", "--rx-offloads"]),
    (["--mlockall=1"], ["skbfwd: option --mlockall=1 takes no value"]),
    (["--no-such-option"], ["--no-such-option", "unknown option"]),
    (["--burst"], ["--burst", "needs a value"]),
    # a missing value never takes the next option
    (["--burst", "--rxq=1"], ["skbfwd: option --burst needs a value"]),
    (["--stats-period", "--duration=1"], ["skbfwd: option --stats-period needs a value"]),
    (["--eth-peer", "-x"], ["skbfwd: option --eth-peer needs a value"]),
    (["--help=yes"], ["--help=yes", "takes no value"]),
    (["stray"], ["stray", "unexpected argument"]),
    (["-z"], ["-z", "unknown option"]),
    (["--stats-period"], ["--stats-period", "needs a value"]),
    ([], ["no usable port"], []),
    (["--port-topology=paired"], ["paired", "even number of ports"], NULL3),
    (["--rxq=17", "--rxd=64", "--txd=64", "--port-topology=loop"],
     ["--rxq=17", "port 0", "at most 16 RX"], ["net_ring0"]),
]


def engine_rows(help_text, d):
    """Rows for engine options, when the engine that owns them is built in (files in @d)."""
    rows = []

    def f(name, text):
        path = os.path.join(d, name)
        with open(path, "w") as fh:
            fh.write(text)
        return path

    opts = set(re.findall(r"(--[a-z][a-z0-9-]*)", help_text))
    ok = "10.0.0.0/8 0 02:00:00:00:00:01\n"
    if "--routes" in opts:
        eng = ["--forward-mode=l3fwd"]
        files = [
            ("syntax", ok + "this is not a route\n", 2),
            ("nolen", ok + ok.replace("/8", "") , 2),
            ("badlen", ok + "10.1.0.0/16 1 02:00:00:00:00:01\n10.0.0.0/33 1 02:00:00:00:00:01\n", 3),
            ("badip", ok + "300.1.2.3/8 1 02:00:00:00:00:01\n", 2),
            ("badmac", "# comment\n\n10.0.0.0/8 0 02:00:00:00:00\n", 3),
            ("badport", ok + "11.0.0.0/8 7 02:00:00:00:00:01\n", 2),
            ("twice", ok + "192.168.0.0/16 1 02:00:00:00:00:02\n10.0.0.0/8 1 02:00:00:00:00:02\n", 3),
            ("hostbits", ok + "10.0.0.1/8 1 02:00:00:00:00:02\n", 2),
            ("extra", ok + "11.0.0.0/8 1 02:00:00:00:00:02 extra\n", 2),
        ]
        rows.append((eng + ["--routes=/nonexistent/routes"], ["--routes=/nonexistent/routes"]))
        for name, text, line in files:
            path = f(name, text)
            rows.append((eng + [f"--routes={path}"], [f"{path}:{line}:"]))
    # (option, bad value, its engine); before and after --forward-mode: order does not matter
    bad = [
        ("--vxlan-local", "300.1.2.3", "encap"), ("--vxlan-remote", "1.2.3", "decap"),
        ("--vxlan-vni", "16777216", "encap"), ("--vxlan-port", "70000", "decap"),
        ("--tx-ip", "1.2.3.4", "txonly"), ("--tx-udp", "99999", "txonly"),
        ("--tx-pkt-size", "10", "txonly"), ("--txpkts", "0", "txonly"),
        ("--txpkts", "64,0", "flowgen"),
        ("--icmp-ip", "0,1.2.3.999", "icmpecho"), ("--tx-gso", "7", "txonly"),
    ]
    if "--icmp-ip" in opts:
        rows.append((["--forward-mode=icmpecho", "--icmp-ip=5,10.0.0.1"],
                     ["skbfwd: --icmp-ip=5,10.0.0.1: port 5 does not exist (ports: 0, 1)"]))
    for o, v, e in bad:
        if o in opts:
            rows.append(([f"{o}={v}", f"--forward-mode={e}"], [f"{o}={v}"]))
            rows.append(([f"--forward-mode={e}", f"{o}={v}"], [f"{o}={v}"]))
    # an engine's option given with another engine: one line naming both
    owned = [
        (["--forward-mode=io", "--tx-gso=1448"], "--tx-gso", "the txonly engine", "io"),
        (["--tx-gso=1448"], "--tx-gso", "the txonly engine", "io"),
        (["--tx-gso-udp", "--forward-mode=mac"], "--tx-gso-udp", "the txonly engine", "mac"),
        (["--vxlan-vni=5", "--forward-mode=txonly"], "--vxlan-vni",
         "the encap and decap engines", "txonly"),
        (["--forward-mode=encap", "--routes=/nonexistent"], "--routes", "the l3fwd engine",
         "encap"),
        (["--forward-mode=l3fwd", "--icmp-ip=0,10.0.0.1"], "--icmp-ip", "the icmpecho engine",
         "l3fwd"),
        (["--rx-classify", "--forward-mode=txonly"], "--rx-classify", "the rxonly engine",
         "txonly"),
        (["--txpkts=64", "--forward-mode=io"], "--txpkts", "the txonly and flowgen engines",
         "io"),
    ]
    for args, o, owner, eng in owned:
        if o in opts:
            rows.append((args, [f"skbfwd: {o} is an option of {owner}, not of {eng}"]))
    return rows


def file_rows(d):
    """Configuration files that are not what they should be, for each option that
    reads one: refused with one line, each in under a second (never waiting on a
    FIFO, never reading a device or a huge file)."""
    rows = []
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    big = os.path.join(d, "big")
    with open(big, "wb") as f:       # sparse: 16 MiB and one byte
        f.truncate(16 * 1024 * 1024 + 1)
    confs = [("--routes", ["--forward-mode=l3fwd"], "10.0.0.0/8 0 02:00:00:00:00:01\n"),
             ("--vxlan-conf", ["--forward-mode=encap"], "vni 5\n"),
             ("--eth-peers-configfile", [], "02:00:00:00:00:01\n")]
    for opt, eng, good in confs:
        name = opt.strip("-")
        for path, why in ((d, "is a directory"), (fifo, "is a FIFO, not a regular file"),
                          ("/dev/zero", "is a device, not a regular file"),
                          (big, "is larger than 16 MiB")):
            rows.append((eng + [f"{opt}={path}"], [f"skbfwd: {opt}={path}: {why}"], NULL2, LIMIT))
        # a line one byte longer than 64 KiB, after a good one
        long = os.path.join(d, f"{name}.long")
        with open(long, "w") as f:
            f.write(good + "#" * (64 * 1024 + 1) + "\n" + good)
        rows.append((eng + [f"{opt}={long}"], [f"skbfwd: {long}:2: line too long"], NULL2, LIMIT))
        binary = os.path.join(d, f"{name}.bin")
        with open(binary, "wb") as f:
            f.write(good.encode() + b"\x00\x01\x02\n")
        rows.append((eng + [f"{opt}={binary}"], [f"skbfwd: {binary}:2: not a text line (NUL byte)"],
                     NULL2, LIMIT))
    # --stats-json: found before forwarding, not after the run
    rows.append((["--stats-json=/nonexistent-skbfwd/s.json"],
                 ["skbfwd: --stats-json=/nonexistent-skbfwd/s.json: cannot write: No such file or directory"],
                 NULL2, LIMIT))
    rows.append(([f"--stats-json={d}"], [f"skbfwd: --stats-json={d}: cannot write: Is a directory"],
                 NULL2, LIMIT))
    return rows


def run_bad(args, vdevs, tap, words, max_seconds=None, lcores="0,1"):
    t0 = time.monotonic()
    r = t.run(args, vdevs=vdevs, tag="badopt", timeout=60, lcores=lcores)
    dt = time.monotonic() - t0
    label = " ".join(args) or "(no ports)"
    lines = [ln for ln in r.err.splitlines() + r.out.splitlines() if ln.startswith("skbfwd:")]
    tap.ok(r.rc not in (0, None) and 0 < r.rc < 128, f"{label}: non-zero exit, no crash (rc={r.rc})",
           r.log())
    # a word that is a whole "skbfwd: ..." line must be the line exactly, one that
    # ends in ": " its start (the reason follows); other words are in the line
    ok = len(lines) == 1 and all(
        (lines[0].startswith(w) if w.endswith(": ") else lines[0] == w)
        if w.startswith("skbfwd: ") else w in lines[0] for w in words)
    tap.ok(ok, f"{label}: one line naming the problem: {lines[0] if lines else '(none)'!r}",
           r.log())
    tap.ok(CRASH_RE.search(r.out + r.err) is None, f"{label}: no sanitizer report", r.log())
    if max_seconds is not None:
        tap.ok(dt < max_seconds and "Forward statistics" not in r.out,
               f"{label}: refused in {dt:.2f} s (< {max_seconds} s), before forwarding", r.log())


def handler_installed(pid):
    """True once process @pid catches SIGINT (its SigCgt mask in /proc)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("SigCgt:"):
                    return bool(int(line.split()[1], 16) >> (signal.SIGINT - 1) & 1)
    except OSError:
        pass
    return False


def sigint_row(tap, label, vdevs, args, wait_line):
    """SIGINT at one moment of start-up: as soon as the handler is in (EAL
    start-up), or once @wait_line is printed.  Exit 0 within a second of the
    signal, the final statistics and no mbuf in use."""
    prefix = t.file_prefix("sigint")
    cmd = [t.SKBFWD, "-l", "0,1", "--file-prefix", prefix] + t.EAL_BASE
    for v in vdevs:
        cmd += ["--vdev", v]
    p = subprocess.Popen(cmd + ["--"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    head, dt = "", 999.0
    try:
        deadline = time.monotonic() + 20
        while not handler_installed(p.pid) and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        while wait_line is not None:
            line = p.stdout.readline()
            head += line
            if not line or wait_line in line:
                break
        t0 = time.monotonic()
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=30)
        dt = time.monotonic() - t0
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
    finally:
        t.cleanup_prefix(prefix)
    r = t.Result(p.returncode, head + out, err)
    tap.eq(r.rc, 0, f"SIGINT {label}: exit status", r.log())
    tap.ok(dt < LIMIT, f"SIGINT {label}: stopped {dt:.3f} s after the signal (< {LIMIT} s)",
           r.log())
    tap.eq(r.in_use, 0, f"SIGINT {label}: mbufs in use at exit", r.log())
    return r


def main():
    tap = t.Tap()
    h = t.help_run()
    m = re.search(r"--forward-mode=\S+\s+engine:([^(\n]*)", h.stdout)
    engines = m.group(1).split() if m else []
    tap.ok(len(engines) >= 10, f"engines listed by --help: {' '.join(engines)}", h.stdout)
    rows = [(r[0], r[1], r[2] if len(r) > 2 else NULL2, None) for r in TABLE]
    rows.append((["--forward-mode=nosuch"],
                 [f"skbfwd: --forward-mode=nosuch: unknown engine nosuch (engines: {', '.join(engines)})"],
                 NULL2, None))
    with tempfile.TemporaryDirectory(prefix="skbfwd_badfile_") as d:
        rows += [(a, w, NULL2, None) for a, w in engine_rows(h.stdout, d)]
        rows += file_rows(d)
        tap.ok(len(rows) >= 30, f"{len(rows)} bad inputs in the table")
        for args, words, vdevs, secs in rows:
            run_bad(args, vdevs, tap, words, secs)
    # the first SIGINT at moments of start-up: EAL, the link wait (a memif server
    # with no client keeps its link down for the whole 3 s wait)
    sigint_row(tap, "in EAL start-up", NULL2, ["--duration=30"], None)
    with tempfile.TemporaryDirectory(prefix="skbfwd_sigint_") as d:
        memif = [f"net_memif0,role=server,socket={d}/m.sock", "net_null0"]
        r = sigint_row(tap, "in the link wait", memif, ["--duration=30", "--port-topology=paired"],
                       "Port 1 offloads:")
        tap.ok("Port 0: Link" not in r.out and " engine, " not in r.out,
               "SIGINT in the link wait: stopped there (no link line, no forwarding)", r.log())
    tap.done()


if __name__ == "__main__":
    main()
