#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The console's options: --cmdline-file with and without -i, -a/--auto-start,
--tx-first (also without a prompt), the end of input, --duration and a
signal at the prompt; each run exits 0 with 0 mbufs in use unless it must fail."""

import os
import shutil
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
from console import EXIT_TAIL, Console  # noqa: E402


def write(d, name, text):
    path = os.path.join(d, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def session(args, stdin=b"", wait=0.0, vdevs=None, tag="opt", sig=None):
    """skbfwd with @args, @stdin written after @wait seconds (or @sig sent);
    (exit status, output lines)."""
    c = Console(args, vdevs, tag=tag)
    try:
        time.sleep(wait)
        if sig is not None:
            c.p.send_signal(sig)
        out = c.finish(stdin)
        return c.rc, out
    finally:
        c.close()


def replan(tap):
    """Run-time changes keep the ports: another engine, core count or queue
    count is planned at the next start on the same ports (same MACs), which
    are set up again only where their queues or offloads change; two worker
    lcores on this 2-CPU machine (lcore 2 shares CPU 1)."""
    c = Console(["-i"], tag="replan", lcores=None, eal=["--lcores", "0@0,1@1,2@1"])
    try:
        banner = c.ready()
        if not tap.ok(banner is not None, "replan: prompt", c.log()):
            return
        macs = dict(t.re.findall(r"^Port (\d) \(net_null\d\): .* MAC (\S+)$", banner, t.re.M))
        tap.eq(c.cmd("set nbcore 2"), ["Number of forwarding cores set to 2"], "set nbcore 2")
        tap.eq(c.cmd("set fwd icmpecho"), ["Set icmpecho packet forwarding mode"],
               "set fwd icmpecho")
        s = c.cmd("start")
        for p in (0, 1):
            tap.ok(f"Port {p}: set up again (queues: icmpecho engine, 1 RX x 1024, 2 TX x 1024)"
                   in s, f"icmpecho on 2 lcores: port {p} set up again with a TX queue each", s)
            tap.ok(any(ln.startswith(f"Port {p} (net_null{p}): ") and
                       ln.endswith(f"2 txq x 1024 desc, MAC {macs.get(str(p))}") for ln in s),
                   f"port {p}: the same port (its MAC), 2 TX queues now", s)
        tap.eq(s[-1:], ["skbfwd: icmpecho engine, 2 ports, 2 streams on 2 forwarding lcores, "
                        "burst 32"], "icmpecho runs on the ports kept")
        tap.ok("  RX P=1/Q=0 (socket 0) -> TX P=0/Q=1 (socket 0) peer=02:00:00:00:00:00" in s,
               "the second lcore sends on its own TX queue", s)
        c.cmd("stop")
        tap.eq(c.cmd("set fwd io"), ["Set io packet forwarding mode"], "set fwd io")
        tap.eq(c.cmd("set rxq 2"), [], "set rxq 2")
        s = c.cmd("start")
        for p in (0, 1):
            tap.ok(f"Port {p}: set up again (queues: io engine, 2 RX x 1024, 2 TX x 1024)"
                   in s, f"--rxq=2 on 2 lcores: port {p} set up again, a TX queue per lcore", s)
        plan = [ln for ln in s if ln.startswith("  RX P=")]
        tap.eq(plan, ["  RX P=0/Q=0 (socket 0) -> TX P=1/Q=0 (socket 0) peer=02:00:00:00:00:01",
                      "  RX P=1/Q=0 (socket 0) -> TX P=0/Q=0 (socket 0) peer=02:00:00:00:00:00",
                      "  RX P=0/Q=1 (socket 0) -> TX P=1/Q=1 (socket 0) peer=02:00:00:00:00:01",
                      "  RX P=1/Q=1 (socket 0) -> TX P=0/Q=1 (socket 0) peer=02:00:00:00:00:00"],
               "4 streams; no two lcores send on one TX queue")
        stop = c.cmd("stop")
        acc = t.parse_accumulated("\n".join(stop)) or {}
        tap.ok(acc.get("rx", 0) > 0 and acc.get("tx", 0) > 0, "the run forwarded", stop)
        tap.eq(c.cmd("set fwd csum"), ["Set csum packet forwarding mode"], "set fwd csum")
        s = c.cmd("start")
        tap.ok("Port 0: set up again (offloads: csum engine, 2 RX x 1024, 2 TX x 1024)" in s,
               "csum asks checksum offloads: the ports are set up again", s)
        tap.eq(s[-1:], ["skbfwd: csum engine, 2 ports, 4 streams on 2 forwarding lcores, "
                        "burst 32"], "csum runs")
        s = c.cmd("stop")
        tap.ok(not any("set up again" in ln for ln in c.cmd("start")),
               "the same set-up again: the ports stay as they are")
        rest = c.finish(b"quit\n")
        tap.eq(rest[-3:], EXIT_TAIL, "replan: quit, no mbuf in use", rest)
        tap.eq(c.rc, 0, "replan: exit status")
    finally:
        c.close()


def main():
    tap = t.Tap()
    d = tempfile.mkdtemp(prefix="skbt_conopt_")
    try:
        run(tap, d)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return tap


def run(tap, d):
    # --cmdline-file alone: its commands, then the end (no forwarding)
    f = write(d, "set", "set fwd macswap\nset burst 16\nshow config fwd\n")
    t0 = time.time()
    r = t.run([f"--cmdline-file={f}"], tag="file")
    tap.eq(r.rc, 0, "--cmdline-file: exit status", r.log())
    tap.ok(time.time() - t0 < 20, "--cmdline-file: stops at the end of the file")
    for line in ["Set macswap packet forwarding mode", "Number of packets per burst set to 16",
                 "macswap packet forwarding - ports=2 - cores=1 - streams=2 - burst=16",
                 f"Read CLI commands from {f}", "mbufs in use at exit: 0"]:
        tap.ok(line in r.out.splitlines(), f"--cmdline-file: {line!r}", r.log())
    tap.eq((r.total or {}).get("rx"), 0, "--cmdline-file alone does not forward")

    # the file, then -a: forwarding with what the file set, for --duration
    f = write(d, "mac", "set fwd mac\n")
    r = t.run([f"--cmdline-file={f}", "-a", "--duration=1"], tag="file_a")
    tap.eq(r.rc, 0, "--cmdline-file -a: exit status", r.log())
    tap.ok("skbfwd: mac engine, 2 ports, 2 streams on 1 forwarding lcores, burst 32"
           in r.out, "--cmdline-file -a: starts the engine the file set", r.log())
    tap.ok((r.total or {}).get("rx", 0) > 0, "--cmdline-file -a: forwarded", r.log())

    # a file that starts forwarding runs to the end of --duration
    f = write(d, "start", "start\n")
    t0 = time.time()
    r = t.run([f"--cmdline-file={f}", "--duration=1"], tag="file_start")
    tap.eq(r.rc, 0, "--cmdline-file with start: exit status", r.log())
    tap.ok((r.total or {}).get("rx", 0) > 0 and time.time() - t0 >= 1,
           "--cmdline-file with start: forwards until --duration", r.log())

    # --tx-first without a prompt: one burst of 32 goes round a net_ring loop
    r = t.run(["--port-topology=loop", "--tx-first", "--duration=1"], tag="txfirst",
              vdevs=["net_ring0"])
    tot = r.total or {}
    tap.eq(r.rc, 0, "--tx-first: exit status", r.log())
    tap.ok(tot.get("rx", 0) > 0, "--tx-first: the burst circulates", r.log())
    tap.eq(tot.get("tx", 0) - tot.get("rx", 0), 32, "--tx-first: TX - RX == one burst of 32")
    tap.ok("skbfwd: 32 mbufs drained from net_ring queues before the audit" in r.out,
           "--tx-first: the 32 in flight are drained at exit", r.log())
    tap.eq(r.in_use, 0, "--tx-first: mbufs in use at exit")
    r = t.run(["--port-topology=loop", "--duration=0.5"], tag="notxfirst",
              vdevs=["net_ring0"])
    tap.eq((r.total or {}).get("rx"), 0, "without --tx-first nothing circulates", r.log())

    # -i -a (and the long forms): forwarding before the prompt
    for args in (["-i", "-a"], ["--interactive", "--auto-start"]):
        rc, out = session(args, b"quit\n", wait=1.0, tag="ia")
        acc = t.parse_accumulated("\n".join(out)) or {}
        tap.eq(rc, 0, f"{' '.join(args)}: exit status")
        tap.ok(acc.get("rx", 0) > 0, f"{' '.join(args)}: forwarding started before the prompt",
               out)
        tap.eq(out[-3:], EXIT_TAIL, f"{' '.join(args)}: no mbuf in use")

    # -i: the end of input is quit
    rc, out = session(["-i"], tag="eof")
    tap.eq((rc, out[-3:]), (0, EXIT_TAIL), "-i: end of input quits")
    tap.ok(any("Accumulated forward statistics for all ports" in ln for ln in out),
           "-i: end of input prints the final statistics", out)

    # -i with a file that quits: the prompt never comes
    f = write(d, "quit", "show drops\nquit\nshow config fwd\n")
    rc, out = session(["-i", f"--cmdline-file={f}"], tag="filequit")
    tap.eq(rc, 0, "-i --cmdline-file with quit: exit status")
    tap.ok(not any(ln.startswith("skbfwd> ") for ln in out) and
           not any(ln.startswith("io packet forwarding") for ln in out),
           "quit in the file ends skbfwd before the prompt and the next lines", out)

    # -i and a signal at the prompt: a clean stop
    rc, out = session(["-i", "-a"], wait=1.0, tag="sig", sig=signal.SIGTERM)
    tap.eq(rc, 0, "-i, SIGTERM at the prompt: exit status")
    tap.ok("skbfwd: signal 15 received, stopping" in out, "-i, SIGTERM: the signal line", out)
    tap.eq(out[-3:], EXIT_TAIL, "-i, SIGTERM: no mbuf in use")

    # -i --duration: the prompt ends by itself
    c = Console(["-i", "--duration=1"], tag="dur")
    try:
        t0 = time.time()
        c.ready()
        while c.p.poll() is None and time.time() - t0 < 20:
            time.sleep(0.1)
        tap.ok(c.p.poll() == 0 and time.time() - t0 < 10,
               "-i --duration=1: skbfwd leaves the prompt by itself, exit 0", c.log())
    finally:
        c.close()

    replan(tap)

    # a command file that cannot be read: one line, exit status 1
    for path, why in (("/nonexistent/cmds", "No such file or directory"), (d, "Is a directory")):
        r = t.run([f"--cmdline-file={path}"], tag="nofile")
        tap.eq(r.rc, 1, f"--cmdline-file={path}: exit status 1")
        tap.ok(f"skbfwd: --cmdline-file={path}: {why}" in r.err.splitlines(),
               f"--cmdline-file={path}: {why}", r.log())


if __name__ == "__main__":
    main().done()
