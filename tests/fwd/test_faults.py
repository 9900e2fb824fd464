#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Faults the forwarder must ride out, on the real binary:

* SIGINT / SIGTERM under full load (net_null) and at several moments of start-up
  (as soon as skbfwd's handler is installed, then every 0.15 s): exit 0 within one
  second, final statistics printed, zero mbufs in use;
* a second signal forces the exit at once (status 128 + signal);
* TX buffers flushed at a signal: the TX capture holds exactly TX-packets frames;
* txonly --tx-count into a net_ring port looped on itself: generated == TX +
  tx_full, nothing received (txonly never polls RX, as testpmd's), TX-total ==
  generated with TX-dropped == tx_full, and the frames left in the ring are
  drained before the leak audit (0 in use).

TX backpressure with exact counts (a TX ring nobody reads), pool exhaustion and
recovery, and link down/up are proven in process by tests/faults/fault_ring.c.
"""

import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "data", "hostile.pcap")
# The clean stop must take under a second; a sanitizer build runs slower.
STOP_LIMIT = float(os.environ.get("SKBFWD_STOP_LIMIT", "1.0"))


def handler_installed(pid, sig):
    """True once process @pid catches @sig (its SigCgt mask in /proc)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("SigCgt:"):
                    return bool(int(line.split()[1], 16) >> (sig - 1) & 1)
    except OSError:
        pass
    return False


def start(args, vdevs, tag):
    prefix = t.file_prefix(tag)
    cmd = [t.SKBFWD, "-l", "0,1", "--file-prefix", prefix] + t.EAL_BASE
    for v in vdevs:
        cmd += ["--vdev", v]
    p = subprocess.Popen(cmd + ["--"] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True)
    return p, prefix


def wait_handler(p, sig):
    deadline = time.monotonic() + 20
    while not handler_installed(p.pid, sig) and time.monotonic() < deadline:
        if p.poll() is not None:
            return False
        time.sleep(0.002)
    return handler_installed(p.pid, sig)


def signal_run(tap, label, args, vdevs, sig, after_handler, second=False, forwarding=False):
    """Start skbfwd, wait until it catches @sig (and, with @forwarding, until it
    announces forwarding), then @after_handler seconds, and send it."""
    p, prefix = start(args, vdevs, "sig")
    head = ""
    try:
        if not tap.ok(wait_handler(p, sig), f"{label}: handler installed"):
            p.kill()
            p.communicate()
            return None
        while forwarding:
            line = p.stdout.readline()
            head += line
            if not line or " engine, " in line:
                break
        time.sleep(after_handler)
        t0 = time.monotonic()
        p.send_signal(sig)
        if second:
            time.sleep(0.02)
            if p.poll() is None:
                p.send_signal(sig)
        out, err = p.communicate(timeout=60)
        out = head + out
        dt = time.monotonic() - t0
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        dt = 999.0
    finally:
        t.cleanup_prefix(prefix)
    return t.Result(p.returncode, out, err), dt


def check_clean(tap, label, r, dt):
    tap.eq(r.rc, 0, f"{label}: exit status", r.log())
    tap.ok(dt < STOP_LIMIT, f"{label}: stopped {dt:.3f} s after the signal (< {STOP_LIMIT} s)")
    tap.ok(r.total is not None, f"{label}: final statistics printed", r.log())
    tap.eq(r.in_use, 0, f"{label}: mbufs in use at exit")
    if r.total is not None:
        drops = sum(r.total["drops"].values())
        tap.eq(r.total["tx"] + drops, r.total["rx"] + r.total["generated"],
               f"{label}: TX + drops == RX + generated")


def main():
    tap = t.Tap()
    null2 = ["net_null0", "net_null1"]

    # under full load
    for sig in (signal.SIGINT, signal.SIGTERM):
        res = signal_run(tap, f"{sig.name} under load", ["--forward-mode=io"], null2, sig, 1.0,
                         forwarding=True)
        if res:
            r, dt = res
            check_clean(tap, f"{sig.name} under load", r, dt)
            tap.ok(r.total is not None and r.total["rx"] > 0,
                   f"{sig.name} under load: forwarded before the signal")
            tap.ok(f"skbfwd: signal {int(sig)} received, stopping" in r.err,
                   f"{sig.name} under load: the stop is logged on stderr", r.log())

    # during start-up: at once, then later in EAL / port bring-up
    for i, delay in enumerate((0.0, 0.15, 0.3, 0.45)):
        sig = (signal.SIGINT, signal.SIGTERM)[i % 2]
        label = f"{sig.name} {delay:.2f} s into start-up"
        res = signal_run(tap, label, ["--forward-mode=macswap"], null2, sig, delay)
        if res:
            check_clean(tap, label, *res)

    # a second signal forces the exit
    res = signal_run(tap, "second SIGINT", ["--forward-mode=io"], null2, signal.SIGINT, 0.0,
                     second=True)
    if res:
        r, dt = res
        tap.eq(r.rc, 128 + signal.SIGINT, "second SIGINT: forced exit status 130", r.log())
        tap.ok(dt < STOP_LIMIT, f"second SIGINT: gone {dt:.3f} s after the first signal")

    # TX flushed at a signal: the capture holds exactly what was counted as sent
    with tempfile.TemporaryDirectory(prefix="skbfwd_faults_") as d:
        outs = [os.path.join(d, f"out{i}.pcap") for i in (0, 1)]
        vdevs = [f"net_pcap{i},rx_pcap={CORPUS},tx_pcap={outs[i]}" for i in (0, 1)]
        res = signal_run(tap, "SIGTERM with pcap TX", ["--forward-mode=io", "--no-flush-rx"], vdevs,
                         signal.SIGTERM, 0.5, forwarding=True)
        if res:
            r, dt = res
            check_clean(tap, "SIGTERM with pcap TX", r, dt)
            nframes = len(t.read_pcap(CORPUS))
            for port in (0, 1):
                if port in r.ports:
                    tap.eq(r.ports[port]["rx"], nframes, f"pcap: port {port} RX all frames")
                    tap.eq(len(t.read_pcap(outs[port])), r.ports[port]["tx"],
                           f"pcap: port {port} capture holds exactly TX-packets frames")
                else:
                    tap.ok(False, f"pcap: port {port} statistics", r.log())

    # TX backpressure into a ring nobody reads
    p = t.help_run()
    if "--tx-count" not in p.stdout:
        tap.skip("txonly ring", "no txonly engine with --tx-count in this build")
    else:
        n = 5000
        r = t.run(["--forward-mode=txonly", "--port-topology=loop", f"--tx-count={n}",
                   "--duration=1.5"], vdevs=["net_ring0"], tag="txring")
        tap.eq(r.rc, 0, "txonly ring: exit status", r.log())
        tot = r.total
        if tap.ok(tot is not None, "txonly ring: final statistics", r.log()):
            tap.eq(tot["generated"], n, "txonly ring: generated")
            tap.eq(tot["tx"] + tot["drops"].get("tx_full", 0), n,
                   "txonly ring: TX + tx_full == generated")
            tap.eq((tot["rx"], tot["drops"].get("consumed", 0)), (0, 0),
                   "txonly ring: what came back around the ring stays in it (no RX poll)")
            # testpmd's meaning: TX-total is what was sent and what the ring
            # refused; frames received are RX, never TX drops
            tap.eq((tot["tx"] + tot["tx_dropped"], tot["tx_dropped"]),
                   (n, tot["drops"].get("tx_full", 0)),
                   "txonly ring: TX-total == generated, TX-dropped == tx_full")
        tap.eq(r.in_use, 0, "txonly ring: mbufs in use at exit")
    tap.done()


if __name__ == "__main__":
    main()
