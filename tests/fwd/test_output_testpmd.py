#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""skbfwd's output read as a script reads dpdk-testpmd 22.11's.

For each run set-up (net_null or net_pcap ports, same engine, same options)
dpdk-testpmd (Debian's 22.11.11) and skbfwd both run, and:

* one awk extraction, the same program over both outputs, gives the same
  fields: the stop sequence from `Telling cores to stop...` to `Done.` with
  numbers as N (field names, order and line shapes; values differ), the exit
  lines (`Stopping port N...` ... `Bye...`) exactly, and with --stats-period
  the "NIC statistics for port N" blocks;
* every line of those sections, in both outputs, is exactly what testpmd's
  printf formats make of the numbers it carries (re-rendered here from the
  format strings, with their padding): a renderer that did not match testpmd
  would fail on testpmd's own output;
* the counters mean what testpmd's do: rxonly TX-dropped 0, txonly RX 0 and
  TX-total what it sent, flowgen RX what it consumed and TX-dropped 0 (the
  same awk over flowgen and 5tswap too), exact packet counts and the exact burst lines of a
  6-frame capture, the cycles line's arithmetic and clock;
* --stats-format=line prints one line per port and period that starts with the
  seconds elapsed and gives rates in Mpps and Gbit/s.
"""

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

EAL = ["-l", "0,1", "--no-huge", "--no-pci", "-m", "512", "--log-level", "lib.eal:error"]
NULL2 = ["net_null0", "net_null1"]

# The awk programs a testpmd user would run over the output.
AWK_STOP = r"""
/^Telling cores to stop/ { on = 1 }
on { l = $0; gsub(/[0-9]+/, "N", l); gsub(/ +/, " ", l); print l }
/^Done\.$/ { on = 0 }
"""
AWK_EXIT = r"""
/^Done\.$/ { on = 1 }
on && /^(Stopping port [0-9]+\.\.\.|Stopping ports\.\.\.|Shutting down port [0-9]+\.\.\.|Closing ports\.\.\.|Port [0-9]+ is closed|Done|Bye\.\.\.)$/ { print }
"""
AWK_NIC = r"""
/NIC statistics for port/ { on = 1 }
on { l = $0; gsub(/[0-9]+/, "N", l); gsub(/ +/, " ", l); print l }
/^  #+$/ { on = 0 }
"""
# port, RX-packets, RX-dropped, TX-packets, TX-dropped of each per-port block and of the total
AWK_COUNTERS = r"""
/Forward statistics for port/ { p = $6 }
/Accumulated forward statistics/ { p = "all" }
p != "" && /^  RX-packets:/ { rx = $2; rxd = $4 }
p != "" && /^  TX-packets:/ { print p, rx, rxd, $2, $4; p = "" }
"""


def awk(program, text):
    r = subprocess.run(["awk", program], input=text, capture_output=True, text=True,
                       timeout=30)
    return r.stdout.splitlines()


# ------------------------------------------------- testpmd's printf formats

DASH22, PLUS15, HASH24 = "-" * 22, "+" * 15, "#" * 24
LITERAL = {
    "", "Telling cores to stop...", "Waiting for lcores to finish...", "Done.",
    f"  {DASH22}--------------------------------{DASH22}",
    f"  {PLUS15}++++++++++++++++++++++++++++++++++++++++++++++{PLUS15}",
    f"  {PLUS15} Accumulated forward statistics for all ports{PLUS15}",
    "  Throughput (since last show)", f"  {HASH24}############################{HASH24}",
    "\x1b[2J\x1b[1;1H", "Port statistics ====================================",
}
N = r"(\d+)"


def _ints(m):
    return [int(x) for x in m.groups()]


def burst_line(m):
    """A burst line as testpmd renders the parts it shows."""
    parts = re.findall(r"(\d+)% of (\d+) pkts|(\d+)% of other", m.group(3))
    text = " + ".join(f"{a}% of {b} pkts" if a else f"{c}% of other" for a, b, c in parts)
    return f"  {m.group(1)}-bursts : {m.group(2)} [{text}]"


RENDER = [
    (rf"^  -+ Forward statistics for port {N} +-+$",
     lambda v: f"  {DASH22} Forward statistics for port {v[0]:<2} {DASH22}"),
    (rf"^  RX-packets: {N} +RX-dropped: {N} *RX-total: {N}$",
     lambda v: f"  RX-packets: {v[0]:<14} RX-dropped: {v[1]:<14}RX-total: {v[0] + v[1]}"),
    (rf"^  TX-packets: {N} +TX-dropped: {N} *TX-total: {N}$",
     lambda v: f"  TX-packets: {v[0]:<14} TX-dropped: {v[1]:<14}TX-total: {v[0] + v[1]}"),
    (rf"^  Bad-ipcsum: {N} +Bad-l4csum: {N} *Bad-outer-l4csum: {N} *$",
     lambda v: f"  Bad-ipcsum: {v[0]:<14} Bad-l4csum: {v[1]:<14}Bad-outer-l4csum: {v[2]:<14}"),
    (rf"^  Bad-outer-ipcsum: {N} *$", lambda v: f"  Bad-outer-ipcsum: {v[0]:<14}"),
    (rf"^  RX-error: {N}$", lambda v: f"  RX-error: {v[0]}"),
    (rf"^  RX-nombufs: {N} *$", lambda v: f"  RX-nombufs: {v[0]:<14}"),
    (rf"^  -+ Forward Stats for RX Port= *{N}/Queue= *{N} -> TX Port= *{N}/Queue= *{N} -+$",
     lambda v: f"  ------- Forward Stats for RX Port={v[0]:>2}/Queue={v[1]:>2} -> "
               f"TX Port={v[2]:>2}/Queue={v[3]:>2} -------"),
    (rf"^  RX-packets: {N} +TX-packets: {N} +TX-dropped: {N} *$",
     lambda v: f"  RX-packets: {v[0]:<14} TX-packets: {v[1]:<14} TX-dropped: {v[2]:<14}"),
    (rf"^  RX-packets: {N} +TX-packets: {N} +TX-dropped: {N} +RX- bad IP checksum: {N} +"
     rf"Rx- bad L4 checksum: {N} +Rx- bad outer L4 checksum: {N} *$",
     lambda v: f"  RX-packets: {v[0]:<14} TX-packets: {v[1]:<14} TX-dropped: {v[2]:<14}"
               f"  RX- bad IP checksum: {v[3]:<14}  Rx- bad L4 checksum: {v[4]:<14}"
               f" Rx- bad outer L4 checksum: {v[5]:<14}"),
    (rf"^ RX- bad outer IP checksum: {N} *$", lambda v: f" RX- bad outer IP checksum: {v[0]:<14}"),
    (r"^  CPU cycles/packet=(\d+\.\d+) \(total cycles=(\d+) / total (\w+) packets=(\d+)\) "
     r"at (\d+) MHz Clock$", None),
    (r"^  (RX|TX)-bursts : (\d+) \[(.*)\]$", None),
    # the NIC block
    (rf"^  #+ NIC statistics for port {N} +#+$",
     lambda v: f"  {HASH24} NIC statistics for port {v[0]:<2} {HASH24}"),
    (rf"^  RX-packets: {N} +RX-missed: {N} +RX-bytes: +{N}$",
     lambda v: f"  RX-packets: {v[0]:<10} RX-missed: {v[1]:<10} RX-bytes:  {v[2]}"),
    (rf"^  RX-errors: {N}$", lambda v: f"  RX-errors: {v[0]}"),
    (rf"^  RX-nombuf: +{N} *$", lambda v: f"  RX-nombuf:  {v[0]:<10}"),
    (rf"^  TX-packets: {N} +TX-errors: {N} +TX-bytes: +{N}$",
     lambda v: f"  TX-packets: {v[0]:<10} TX-errors: {v[1]:<10} TX-bytes:  {v[2]}"),
    (rf"^  Rx-pps: +{N} +Rx-bps: +{N}$", lambda v: f"  Rx-pps: {v[0]:>12}          Rx-bps: {v[1]:>12}"),
    (rf"^  Tx-pps: +{N} +Tx-bps: +{N}$", lambda v: f"  Tx-pps: {v[0]:>12}          Tx-bps: {v[1]:>12}"),
]


def rendered(line):
    """What testpmd's format makes of the numbers in @line, or None (not a known line)."""
    if line in LITERAL:
        return line
    for rx, fn in RENDER:
        m = re.match(rx, line)
        if not m:
            continue
        if rx.startswith(r"^  CPU cycles"):
            c, p = int(m.group(2)), int(m.group(4))
            return (f"  CPU cycles/packet={c / p if p else 0:.2f} (total cycles={c} / total "
                    f"{m.group(3)} packets={p}) at {m.group(5)} MHz Clock")
        if rx.startswith(r"^  (RX|TX)-bursts"):
            return burst_line(m)
        return fn(_ints(m))
    return None


def sections(out):
    """The lines of the stop sequence and of every NIC screen (the clear-screen
    escape is a line of its own: testpmd prints it then a newline)."""
    lines, on = [], False
    for ln in out.split("\n"):
        if ln.startswith("Telling cores to stop") or ln.startswith("\x1b[2J"):
            on = True
        if on:
            lines.append(ln)
        if ln == "Done.":
            on = False
    return lines


def check_layout(tap, who, out, name):
    """Every line of @out's sections is exactly testpmd's rendering of itself."""
    bad = [(ln, rendered(ln)) for ln in sections(out) if rendered(ln) != ln]
    tap.ok(not bad and sections(out), f"{name}: {who}: every line in testpmd's exact layout",
           "\n".join(f"got  {a!r}\nwant {b!r}" for a, b in bad[:8]) or out)


# -------------------------------------------------------------- the runs

class Testpmd:
    """dpdk-testpmd, non-interactive, line-buffered so that its lines are read as they come."""

    def __init__(self, vdevs, args, stats_period=False):
        self.prefix = t.file_prefix("tpmd_out")
        cmd = ["stdbuf", "-oL", "-eL", "dpdk-testpmd", "--file-prefix", self.prefix] + EAL
        for v in vdevs:
            cmd += ["--vdev", v]
        cmd += ["--", "--total-num-mbufs=16384"] + args
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.out, self.err = [], []
        self.threads = [threading.Thread(target=self._read, args=(s, b), daemon=True)
                        for s, b in ((self.proc.stdout, self.out), (self.proc.stderr, self.err))]
        for th in self.threads:
            th.start()
        self.stats_period = stats_period

    @staticmethod
    def _read(stream, buf):
        for line in stream:
            buf.append(line)

    def _wait_text(self, what, count, timeout):
        return peers.wait_until(lambda: "".join(self.out).count(what) >= count, timeout)

    def run(self, seconds):
        """Forward @seconds once forwarding started, then stop as a user does
        (enter, or SIGINT with --stats-period); (rc, stdout, stderr)."""
        try:
            if self.stats_period:
                # the first screen at once, then one a second: wait for a third
                self._wait_text("Port statistics ====", 3, 40)
                self.proc.send_signal(signal.SIGINT)
            else:
                self._wait_text("Press enter to exit", 1, 40)
                time.sleep(seconds)
                self.proc.stdin.write("\n")
                self.proc.stdin.flush()
            self.proc.stdin.close()
            self.proc.wait(timeout=40)
        except (subprocess.TimeoutExpired, OSError, BrokenPipeError):
            self.proc.kill()
            self.proc.wait()
        finally:
            for th in self.threads:
                th.join(timeout=5)
            t.cleanup_prefix(self.prefix)
        return self.proc.returncode, "".join(self.out), "".join(self.err)


def testpmd(vdevs, args, seconds=1.0, stats_period=False):
    return Testpmd(vdevs, args, stats_period).run(seconds)


def first_block(lines):
    """@lines up to the first NIC block's closing border."""
    end = "  " + "#" * 76
    return lines[:lines.index(end) + 1] if end in lines else lines


def compare(tap, name, tp_out, sk_out, nic=False):
    """The same awk extractions over both outputs give the same fields."""
    for label, prog in (("stop sequence", AWK_STOP), ("exit lines", AWK_EXIT)) + \
            ((("NIC blocks", AWK_NIC),) if nic else ()):
        a, b = awk(prog, tp_out), awk(prog, sk_out)
        if label == "NIC blocks":
            # the screens differ in number (testpmd ran longer): the first port's block
            a, b = first_block(a), first_block(b)
        tap.ok(a == b and a, f"{name}: {label}: same fields from the same awk over both outputs",
               "testpmd:\n" + "\n".join(a) + "\nskbfwd:\n" + "\n".join(b))
    check_layout(tap, "testpmd", tp_out, name)
    check_layout(tap, "skbfwd", sk_out, name)


def counters(out):
    """{port or 'all': (rx, rx_dropped, tx, tx_dropped)} by AWK_COUNTERS."""
    return {f[0]: tuple(int(x) for x in f[1:]) for f in
            (ln.split() for ln in awk(AWK_COUNTERS, out)) if len(f) == 5}


def cycles(out):
    m = re.search(r"^  CPU cycles/packet=(\d+\.\d+) \(total cycles=(\d+) / total (\w+) "
                  r"packets=(\d+)\) at (\d+) MHz Clock$", out, re.M)
    return m.groups() if m else None


def skbfwd(args, vdevs=NULL2, duration=1, tag="out"):
    return t.run(list(args) + [f"--duration={duration}"], vdevs=vdevs, tag=tag)


def main():
    tap = t.Tap()
    missing = peers.missing_tools("dpdk-testpmd", "stdbuf", "awk")
    if missing:
        # the comparison is the test: without testpmd it cannot be made
        tap.ok(False, f"needs {', '.join(missing)} (Debian dpdk, coreutils, gawk/mawk)")
        tap.done()

    # io with both recorders: per-port burst lines, the cycles line
    rec = ["--forward-mode=io", "--record-core-cycles", "--record-burst-stats"]
    rc, tp, tperr = testpmd(NULL2, rec)
    tap.eq(rc, 0, "testpmd io: exit status", tp + tperr)
    r = skbfwd(rec, tag="out_io")
    tap.eq(r.rc, 0, "skbfwd io: exit status", r.log())
    compare(tap, "io --record-core-cycles --record-burst-stats", tp, r.out)
    tc, sc = cycles(tp), cycles(r.out)
    if tap.ok(tc is not None and sc is not None, "io: both print the cycles line", r.out):
        tap.eq(sc[4], tc[4], "io: the same TSC clock in MHz")
        tap.eq((sc[2], int(sc[3])), ("io", counters(r.out)["all"][0]),
               "io: cycles divided by the packets received")
    tap.ok(r.out.index("Done.") < r.out.index("skbfwd statistics") <
           r.out.index("mbufs in use at exit: 0") < r.out.index("Bye..."),
           "io: skbfwd's own lines after Done., the leak audit before Bye...", r.out)
    tap.eq(r.out.rstrip("\n").split("\n")[-1], "Bye...", "io: Bye... is the last line")

    # rxonly: consumes (TX-dropped 0); cycles per packet received
    args = ["--forward-mode=rxonly", "--record-core-cycles"]
    rc, tp, tperr = testpmd(NULL2, args)
    tap.eq(rc, 0, "testpmd rxonly: exit status", tp + tperr)
    r = skbfwd(args, tag="out_rxonly")
    compare(tap, "rxonly", tp, r.out)
    for who, out in (("testpmd", tp), ("skbfwd", r.out)):
        c = counters(out)
        tap.ok(c.get("all", (0,))[0] > 0 and all(v[2:] == (0, 0) for v in c.values()),
               f"rxonly: {who}: RX counted, TX-packets 0 and TX-dropped 0 on every port", out)

    # txonly: no RX line in the bursts, cycles per packet sent
    args = ["--forward-mode=txonly", "--record-core-cycles", "--record-burst-stats"]
    rc, tp, tperr = testpmd(NULL2, args)
    tap.eq(rc, 0, "testpmd txonly: exit status", tp + tperr)
    r = skbfwd(args, tag="out_txonly")
    compare(tap, "txonly", tp, r.out)
    sc = cycles(r.out)
    tap.ok(sc is not None and (sc[2], int(sc[3])) == ("txonly", counters(r.out)["all"][2]),
           "txonly: cycles divided by the packets sent", r.out)
    tap.ok("RX-bursts" not in r.out and "TX-bursts" in r.out,
           "txonly: a TX-bursts line, no RX-bursts line (it does not poll RX)", r.out)

    # flowgen: frames received are RX (consumed), never TX drops; cycles per packet sent
    args = ["--forward-mode=flowgen", "--record-core-cycles"]
    rc, tp, tperr = testpmd(NULL2, args)
    tap.eq(rc, 0, "testpmd flowgen: exit status", tp + tperr)
    r = skbfwd(args, tag="out_flowgen")
    compare(tap, "flowgen", tp, r.out)
    for who, out in (("testpmd", tp), ("skbfwd", r.out)):
        c, cy = counters(out), cycles(out)
        tap.ok(c.get("all", (0, 0, 0))[0] > 0 and c["all"][2] > 0 and
               all(v[1] == 0 and v[3] == 0 for v in c.values()),
               f"flowgen: {who}: RX and TX counted, RX-dropped and TX-dropped 0", out)
        tap.ok(cy is not None and (cy[2], int(cy[3])) == ("flowgen", c.get("all", (0,) * 4)[2]),
               f"flowgen: {who}: cycles divided by the packets sent", out)
    tap.eq([ln for ln in r.out.splitlines() if ln.startswith("  number of flows")],
           [ln for ln in tp.splitlines() if ln.startswith("  number of flows")],
           "flowgen: testpmd's number of flows lines")

    # 5tswap: a forwarding engine, its blocks as io's
    rc, tp, tperr = testpmd(NULL2, ["--forward-mode=5tswap"])
    tap.eq(rc, 0, "testpmd 5tswap: exit status", tp + tperr)
    r = skbfwd(["--forward-mode=5tswap"], tag="out_5tswap")
    compare(tap, "5tswap", tp, r.out)

    # csum with 2 queues: per-stream blocks with the checksum fields
    args = ["--forward-mode=csum", "--rxq=2", "--txq=2", "--record-burst-stats"]
    rc, tp, tperr = testpmd(NULL2, args)
    tap.eq(rc, 0, "testpmd csum --rxq=2: exit status", tp + tperr)
    r = skbfwd(args, tag="out_csum")
    compare(tap, "csum --rxq=2 --txq=2 --record-burst-stats", tp, r.out)
    tap.eq(r.out.count("Forward Stats for RX Port="), 4, "csum --rxq=2: four stream blocks")

    # --stats-period: testpmd's NIC blocks (ended by SIGINT, as testpmd must be)
    rc, tp, tperr = testpmd(NULL2, ["--forward-mode=macswap", "--stats-period=1"],
                            stats_period=True)
    tap.eq(rc, 0, "testpmd --stats-period: exit status after SIGINT", tp + tperr)
    r = skbfwd(["--forward-mode=macswap", "--stats-period=1"], duration=2.5, tag="out_period")
    compare(tap, "macswap --stats-period=1", tp, r.out, nic=True)
    tap.eq(r.out.count("Port statistics ===="), 3,
           "--stats-period=1 for 2.5 s: the screen at once and after 1 s and 2 s")

    # exact counts and burst lines over a 6-frame capture (testpmd: --no-flush-rx,
    # else its start drains the capture)
    with tempfile.TemporaryDirectory(prefix="skbfwd_out_") as d:
        frames = [bytes([2, 0, 0, 0, 0, 0xbb, 2, 0, 0, 0, 0, 0xaa, 0x08, 0x00]) + bytes(46)] * 6
        cap, empty = os.path.join(d, "in.pcap"), os.path.join(d, "empty.pcap")
        t.write_pcap(cap, frames)
        t.write_pcap(empty, [])
        vdevs = [f"net_pcap0,rx_pcap={cap},tx_pcap={d}/tp0.pcap",
                 f"net_pcap1,rx_pcap={empty},tx_pcap={d}/tp1.pcap"]
        rc, tp, tperr = testpmd(vdevs, ["--forward-mode=io", "--no-flush-rx",
                                        "--record-burst-stats"])
        tap.eq(rc, 0, "testpmd pcap: exit status", tp + tperr)
        vdevs = [f"net_pcap0,rx_pcap={cap},tx_pcap={d}/sk0.pcap",
                 f"net_pcap1,rx_pcap={empty},tx_pcap={d}/sk1.pcap"]
        r = skbfwd(["--forward-mode=io", "--no-flush-rx", "--record-burst-stats"], vdevs=vdevs,
                   tag="out_pcap")
        compare(tap, "io over a 6-frame capture", tp, r.out)
        for who, out in (("testpmd", tp), ("skbfwd", r.out)):
            c = counters(out)
            tap.eq((c.get("0"), c.get("1"), c.get("all")),
                   ((6, 0, 0, 0), (0, 0, 6, 0), (6, 0, 6, 0)), f"pcap io: {who}: exact counters")
            m = re.search(r"^  RX-bursts : (\d+) \[", out, re.M)
            polls = int(m.group(1)) if m else 0
            # an independent rendering of 1 burst of 6 among polls - 1 empty ones
            want = f"  RX-bursts : {polls} [{int((polls - 1) / polls * 100)}% of 0 pkts + " \
                   f"{100 - int((polls - 1) / polls * 100)}% of 6 pkts]"
            tap.ok(polls > 1 and re.search("^" + re.escape(want) + "$", out, re.M),
                   f"pcap io: {who}: port 0 RX-bursts counts every poll: {want.strip()}", out)
            tap.ok(re.search(r"^  TX-bursts : 1 \[0% of 0 pkts \+ 100% of 6 pkts\]$", out, re.M),
                   f"pcap io: {who}: port 1 TX-bursts : 1 [0% of 0 pkts + 100% of 6 pkts]", out)

        # txonly with frames arriving: never polled (as testpmd's txonly), never TX drops
        vdevs = [f"net_pcap{i},rx_pcap={cap},tx_pcap={d}/tx{i}.pcap" for i in (0, 1)]
        r = skbfwd(["--forward-mode=txonly", "--tx-count=100", "--no-flush-rx"], vdevs=vdevs,
                   tag="out_txrx")
        c = counters(r.out)
        tap.eq((c.get("0"), c.get("1"), c.get("all")),
               ((0, 0, 100, 0), (0, 0, 100, 0), (0, 0, 200, 0)),
               "txonly --tx-count=100 with 6 frames waiting a port: RX 0, TX 100, TX-dropped 0",
               r.log())

    # --stats-format=line: seconds first, Mpps and Gbit/s (net_null frames are 64 bytes;
    # mac counts them in software, io takes the device's byte counters, none on net_null)
    r = skbfwd(["--forward-mode=mac", "--stats-period=1", "--stats-format=line"], duration=2.5,
               tag="out_line")
    rx = re.compile(r"^(\d+\.\d{3}) s Port (\d+): RX-packets: (\d+) TX-packets: (\d+) "
                    r"TX-dropped: (\d+) Drops: (\d+) RX: (\d+\.\d{3}) Mpps (\d+\.\d{3}) Gbit/s "
                    r"TX: (\d+\.\d{3}) Mpps (\d+\.\d{3}) Gbit/s$")
    lines = [rx.match(ln) for ln in r.out.splitlines() if " s Port " in ln]
    tap.ok(len(lines) == 4 and all(lines), "--stats-format=line: 2 periods x 2 ports, each line "
           "seconds first, rates in Mpps and Gbit/s", r.out)
    if len(lines) == 4 and all(lines):
        secs = [float(m.group(1)) for m in lines]
        tap.ok(secs[0] == secs[1] and secs[2] == secs[3] and 1.0 <= secs[0] < secs[2],
               f"--stats-format=line: one elapsed time per period, growing ({secs})")
        tap.eq([m.group(2) for m in lines], ["0", "1", "0", "1"], "--stats-format=line: ports")
        tap.ok(all(abs(float(m.group(8)) - float(m.group(7)) * 0.512) <= 0.0015 for m in lines),
               "--stats-format=line: Gbit/s == Mpps x 512 bits (64-byte frames)", r.out)
        tap.ok("NIC statistics" not in r.out, "--stats-format=line: no NIC blocks")
    tap.done()


if __name__ == "__main__":
    main()
