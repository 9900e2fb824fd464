#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""noisy golden test: frames of every awkward size (empty, cut short, minimum,
full-size, chained jumbo; IPv6 frames well-formed and hostile, from
golden.ipv6_hostile()) through two net_pcap ports in both directions, with
and without the FIFO, the timed flush and the memory lookups.  noisy changes
no byte: every output frame is compared with the input frame at the same
place, and the order is the input's.  The counts are exact: RX, TX, the
packets the FIFO sent after the flush time and at stop, and the lookups made
(packets x each --noisy-lkup-num-* option).  Lookups without memory and a
FIFO larger than 65535 are refused with one line."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

SIZES = (0, 1, 13, 14, 42, 60, 64, 65, 1514, 2048, 2049, 9000)


def frames_of(port, n):
    out = []
    for k in range(n):
        size = SIZES[k % len(SIZES)]
        body = bytes((port * 97 + k * 31 + i * 5) & 0xFF for i in range(size))
        out.append(body)
    return out


def fifo_lines(out):
    """{(port, queue): (size, flushed, at_stop)} from noisy's exit lines."""
    return {(int(p), int(q)): (int(s), int(f), int(a)) for p, q, s, f, a in re.findall(
        r"^noisy: port (\d+) queue (\d+): FIFO of (\d+): (\d+) packets flushed after \d+ ms "
        r"without TX, (\d+) sent at stop$", out, re.M)}


def lookup_lines(out):
    return {(int(p), int(q)): tuple(int(x) for x in rest) for p, q, *rest in re.findall(
        r"^noisy: port (\d+) queue (\d+): (\d+) packets looked up: (\d+) writes, (\d+) reads, "
        r"(\d+) read-writes in (\d+) MB$", out, re.M)}


def ipv6_frames(port, n0):
    """IPv6 frames well-formed and hostile (golden.ipv6_hostile()), and n0 - that many more."""
    six = [f for _, f in g.ipv6_hostile("02:00:00:00:00:01", "02:00:00:00:00:aa", port)]
    return six + frames_of(port, n0 - len(six))


def run_case(tap, name, args, n0, n1, ins=None):
    ins = ins or [frames_of(0, n0), frames_of(1, n1)]
    run = g.PcapRun("noisy", ins, args=args, tag="noisy")
    r = run.r
    try:
        tap.eq(r.rc, 0, f"{name}: exit status", r.log())
        tap.eq(r.in_use, 0, f"{name}: mbufs in use at exit")
        # paired ports: what port 0 received leaves by port 1 and the other way
        tap.eq(run.outputs[1] == ins[0], True, f"{name}: port 1 sent port 0's {n0} frames "
               "byte for byte, in order", f"{len(run.outputs[1])} frames")
        tap.eq(run.outputs[0] == ins[1], True, f"{name}: port 0 sent port 1's {n1} frames "
               "byte for byte, in order", f"{len(run.outputs[0])} frames")
        tot = r.total or {}
        tap.eq((tot.get("rx"), tot.get("tx"), tot.get("tx_dropped"), tot.get("drops")),
               (n0 + n1, n0 + n1, 0, {}), f"{name}: RX, TX, TX-dropped, drops")
        return r.out
    finally:
        run.cleanup()


def main():
    tap = t.Tap()
    run_case(tap, "noisy (io-like)", [], 30, 7)
    out = run_case(tap, "noisy FIFO of 4", ["--noisy-tx-sw-buffer-size=4"], 30, 3)
    # port 0's 30 frames: 26 pushed out by newer ones, 4 held to the end;
    # port 1's 3 never fill it: all 3 at stop
    tap.eq(fifo_lines(out), {(0, 0): (4, 0, 4), (1, 0): (4, 0, 3)},
           "FIFO of 4, no flush time: what the FIFO held went out at stop", out)
    out = run_case(tap, "noisy FIFO of 4, flush after 1 ms",
                   ["--noisy-tx-sw-buffer-size=4", "--noisy-tx-sw-buffer-flushtime=1"], 30, 3)
    tap.eq(fifo_lines(out), {(0, 0): (4, 4, 0), (1, 0): (4, 3, 0)},
           "FIFO of 4, flush after 1 ms: the FIFO emptied by the timer, nothing at stop", out)
    out = run_case(tap, "noisy FIFO of 64 (more than a burst)",
                   ["--noisy-tx-sw-buffer-size=64"], 100, 0)
    tap.eq(fifo_lines(out), {(0, 0): (64, 0, 64), (1, 0): (64, 0, 0)},
           "FIFO of 64: 100 frames, the last 64 held to the end", out)
    # IPv6 frames, hostile ones too, go through a FIFO and the lookups untouched
    v6 = [ipv6_frames(0, 30), ipv6_frames(1, 20)]
    out = run_case(tap, "noisy IPv6 frames, FIFO of 4, lookups",
                   ["--noisy-tx-sw-buffer-size=4", "--noisy-lkup-memory=1",
                    "--noisy-lkup-num-reads-writes=2"], 30, 20, ins=v6)
    tap.eq((fifo_lines(out), lookup_lines(out)),
           ({(0, 0): (4, 0, 4), (1, 0): (4, 0, 4)},
            {(0, 0): (30, 0, 0, 60, 1), (1, 0): (20, 0, 0, 40, 1)}),
           "noisy IPv6 frames: 4 held in each FIFO to the end, 2 read-writes per packet", out)
    out = run_case(tap, "noisy lookups",
                   ["--noisy-lkup-memory=1", "--noisy-lkup-num-writes=3",
                    "--noisy-lkup-num-reads=2", "--noisy-lkup-num-reads-writes=1"], 25, 4)
    tap.eq(lookup_lines(out), {(0, 0): (25, 75, 50, 25, 1), (1, 0): (4, 12, 8, 4, 1)},
           "lookups: per packet 3 writes, 2 reads, 1 read-write in 1 MB", out)
    tap.eq(fifo_lines(out), {}, "lookups without a FIFO: no FIFO line")

    # refusals, one line each, before any port forwards
    for args, want in (
            (["--noisy-lkup-num-reads=2"],
             "skbfwd: --noisy-lkup-num-reads needs --noisy-lkup-memory=MB (the memory looked up)"),
            (["--noisy-tx-sw-buffer-size=65536"],
             "skbfwd: --noisy-tx-sw-buffer-size=65536 is out of range (0..65535)")):
        r = t.run(["--forward-mode=noisy", "--duration=1"] + args, tag="noisy_bad")
        tap.eq((r.rc, want in r.err.splitlines(), "Telling cores" in r.out), (1, True, False),
               f"noisy {' '.join(args)}: refused with one line", r.log())
    tap.done()


if __name__ == "__main__":
    main()
