#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Every engine (the list comes from `skbfwd -- --help`, so engines are covered
as they land) forwards the hostile corpus (tests/data/hostile.pcap) on two
net_pcap ports and must: exit 0, print no sanitizer report, receive exactly the
frames of the corpus on each port (txonly, which never polls RX: none),
account for every one of them
(TX + each named drop == RX + generated; TX-dropped is only what a port
refused), write exactly TX frames to each TX capture, and leave zero mbufs in
use.  An engine that needs what net_pcap has not (ieee1588: timesync) must
refuse the ports with its one line instead, and crash no more than the others.
Environment: HOSTILE_DURATION (seconds a run, default 1), HOSTILE_ENGINES (a
comma list: only those engines)."""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "data", "hostile.pcap")
SANITIZER_RE = re.compile(r"ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer|"
                          r"Segmentation fault|PANIC in")

# Engines that never poll RX (as testpmd's txonly): the corpus stays with the port.
NO_RX = {"txonly"}

# Options an engine cannot start without, where its defaults are not enough.
ENGINE_ARGS = {
    # a generator: a bounded number of frames, not a second of them into the capture
    "flowgen": ["--flowgen-count=1000", "--flowgen-clones=1"],
    # the FIFO and the lookups too (what the FIFO holds is sent at stop)
    "noisy": ["--noisy-tx-sw-buffer-size=16", "--noisy-tx-sw-buffer-flushtime=5",
              "--noisy-lkup-memory=1", "--noisy-lkup-num-writes=1",
              "--noisy-lkup-num-reads=1", "--noisy-lkup-num-reads-writes=1"],
    # both tag calls on every frame
    "vlan": ["--vlan-pop", "--vlan-push=0x2005"],
}

# Engines that refuse net_pcap ports: the one line they must say instead (exit 1).
REFUSED = {
    "ieee1588": "skbfwd: ieee1588: port 0 has no IEEE 1588 timesync (rte_eth_timesync_enable: "
                "Operation not supported): use a NIC that timestamps PTP frames",
}

# Drops per port the foundation engines must count on the corpus, derived from the
# frames themselves (not from skbfwd): io drops nothing, mac and macswap drop
# exactly the frames shorter than an Ethernet header.
EXPECTED_DROPS = {
    "io": lambda fr: {},
    "mac": lambda fr: {"truncated": sum(len(f) < 14 for f in fr)},
    "macswap": lambda fr: {"truncated": sum(len(f) < 14 for f in fr)},
    # 5tswap forwards whatever it does not understand, as testpmd's
    "5tswap": lambda fr: {"truncated": sum(len(f) < 14 for f in fr)},
    # vlan takes in every Ethernet header (eth_type_trans) and can always tag it
    "vlan": lambda fr: {"truncated": sum(len(f) < 14 for f in fr)},
}


def engine_list():
    """Engine names as skbfwd's --help prints them ('engine: a b c (default io)')."""
    p = t.help_run()
    m = re.search(r"--forward-mode=\S+\s+engine:([^(\n]*)", p.stdout)
    return p, (m.group(1).split() if m else [])


def sanitizer_report(r):
    m = SANITIZER_RE.search(r.out + r.err)
    return m.group(0) if m else None


def main():
    tap = t.Tap()
    frames = t.read_pcap(CORPUS)
    nframes = len(frames)
    tap.ok(nframes >= 60, f"corpus has {nframes} frames")
    p, engines = engine_list()
    tap.eq(p.returncode, 0, "skbfwd --help exits 0", p.stdout + p.stderr)
    tap.ok({"io", "mac", "macswap"} <= set(engines), f"engines listed: {' '.join(engines)}",
           p.stdout)
    duration = os.environ.get("HOSTILE_DURATION", "1")
    only = os.environ.get("HOSTILE_ENGINES")          # a comma list, for one engine's work
    for eng in engines if not only else [e for e in engines if e in only.split(",")]:
        with tempfile.TemporaryDirectory(prefix="skbfwd_hostile_") as d:
            outs = [os.path.join(d, f"out{i}.pcap") for i in (0, 1)]
            vdevs = [f"net_pcap{i},rx_pcap={CORPUS},tx_pcap={outs[i]}" for i in (0, 1)]
            r = t.run(["--forward-mode=" + eng, "--duration=" + duration, "--no-flush-rx"]
                      + ENGINE_ARGS.get(eng, []), vdevs=vdevs, tag="hostile_" + eng,
                      timeout=120)
            if eng not in REFUSED:
                tap.eq(r.rc, 0, f"{eng}: exit status", r.log())
            tap.eq(sanitizer_report(r), None, f"{eng}: no sanitizer or crash report", r.log())
            if eng in REFUSED:
                tap.eq((r.rc, REFUSED[eng] in r.err.splitlines(), "Forward statistics" in r.out),
                       (1, True, False), f"{eng}: refuses the ports with one line", r.log())
                continue
            tot = r.total
            if not tap.ok(tot is not None and sorted(r.ports) == [0, 1],
                          f"{eng}: final statistics for both ports", r.log()):
                continue
            for port in (0, 1):
                if eng in NO_RX:
                    tap.eq(r.ports[port]["rx"], 0, f"{eng}: port {port} RX 0 (never polled)",
                           r.log())
                else:
                    tap.eq(r.ports[port]["rx"], nframes,
                           f"{eng}: port {port} RX == corpus frames", r.log())
            drops = sum(tot["drops"].values())
            tap.eq(tot["tx"] + drops, tot["rx"] + tot["generated"],
                   f"{eng}: TX + named drops == RX + generated", r.log())
            # TX-dropped counts what a port refused (tx_full), never a frame an
            # engine dropped or consumed (testpmd's meaning)
            tap.eq(tot["tx_dropped"], tot["drops"].get("tx_full", 0),
                   f"{eng}: TX-dropped is what the ports refused (tx_full)")
            for port in (0, 1):
                written = len(t.read_pcap(outs[port]))
                tap.eq(written, r.ports[port]["tx"], f"{eng}: port {port} capture holds TX frames")
            if eng in EXPECTED_DROPS:
                want = EXPECTED_DROPS[eng](frames)
                tap.eq(tot["drops"], {k: 2 * v for k, v in want.items() if v},
                       f"{eng}: drops by reason")
            tap.eq(r.in_use, 0, f"{eng}: mbufs in use at exit")
    tap.done()


if __name__ == "__main__":
    main()
