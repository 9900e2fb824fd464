#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Bad options and configuration, as a table: each row is one bad input, and
skbfwd must answer it with exactly one "skbfwd: ..." line naming the problem
(the words listed in the row, the line number for files), a non-zero exit
status that is not a crash, and no sanitizer report.

Rows for engine options (route files, addresses) are added when the engine
that owns the option is in the table (`--help` lists the option): a bad value
given before or after --forward-mode, and the option given with an engine
that does not own it (one line naming both engines)."""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402

NULL2 = ["net_null0", "net_null1"]
NULL3 = ["net_null0", "net_null1", "net_null2"]
CRASH_RE = re.compile(r"AddressSanitizer|runtime error:|Segmentation fault|PANIC in|Aborted")

# (skbfwd args, words the one error line must contain, vdevs, lcores)
TABLE = [
    (["--forward-mode=nosuch"], ["--forward-mode=nosuch", "unknown engine"]),
    (["--forward-mode="], ["--forward-mode", "unknown engine"]),
    # the raw-mbuf twins are skbfwd-bench's engines (tests/perf), not skbfwd's
    (["--forward-mode=io-raw"], ["skbfwd: --forward-mode=io-raw: unknown engine"]),
    (["--burst=0"], ["--burst=0", "out of range"]),
    (["--burst=100000"], ["--burst=100000", "out of range"]),
    (["--burst=513"], ["--burst=513", "out of range"]),
    (["--burst=abc"], ["--burst=abc", "not a number"]),
    (["--burst=-1"], ["--burst=-1", "not a number"]),
    (["--burst=32x"], ["--burst=32x", "not a number"]),
    (["--burst="], ["--burst", "not a number"]),
    (["--burst=99999999999999999999999"], ["--burst=", "not a number"]),
    (["--stats-period=0"], ["--stats-period=0", "out of range"]),
    (["--stats-period=soon"], ["--stats-period=soon", "not a number"]),
    (["--duration=0"], ["--duration=0", "seconds > 0"]),
    (["--duration=-3"], ["--duration=-3", "seconds > 0"]),
    (["--duration=nan"], ["--duration=nan", "seconds > 0"]),
    (["--duration=1e99"], ["--duration=1e99", "seconds > 0"]),
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
    (["--no-such-option"], ["--no-such-option", "unknown option"]),
    (["--burst"], ["--burst", "needs a value"]),
    (["--help=yes"], ["--help=yes", "takes no value"]),
    (["stray"], ["stray", "unexpected argument"]),
    (["-z"], ["-z", "unknown option"]),
    (["--stats-period"], ["--stats-period", "needs a value"]),
    ([], ["no usable port"], []),
    (["--port-topology=paired"], ["paired", "even number of ports"], NULL3),
    (["--rxq=17", "--rxd=64", "--txd=64", "--port-topology=loop"],
     ["--rxq=17", "port 0", "at most 16 RX"], ["net_ring0"]),
]


def engine_rows(help_text):
    """Rows for engine options, when the engine that owns them is built in."""
    rows = []
    d = tempfile.mkdtemp(prefix="skbfwd_badopt_")

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
        ("--icmp-ip", "0,1.2.3.999", "icmpecho"), ("--tx-gso", "7", "txonly"),
    ]
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
    ]
    for args, o, owner, eng in owned:
        if o in opts:
            rows.append((args, [f"skbfwd: {o} is an option of {owner}, not of {eng}"]))
    return rows


def run_bad(args, vdevs, tap, words, lcores="0,1"):
    r = t.run(args, vdevs=vdevs, tag="badopt", timeout=60, lcores=lcores)
    label = " ".join(args) or "(no ports)"
    lines = [ln for ln in r.err.splitlines() + r.out.splitlines() if ln.startswith("skbfwd:")]
    tap.ok(r.rc not in (0, None) and 0 < r.rc < 128, f"{label}: non-zero exit, no crash (rc={r.rc})",
           r.log())
    # a word that is a whole "skbfwd: ..." line must be the line exactly
    ok = len(lines) == 1 and all(lines[0] == w if w.startswith("skbfwd: ") else w in lines[0]
                                 for w in words)
    tap.ok(ok, f"{label}: one line naming the problem: {lines[0] if lines else '(none)'!r}",
           r.log())
    tap.ok(CRASH_RE.search(r.out + r.err) is None, f"{label}: no sanitizer report", r.log())


def main():
    tap = t.Tap()
    h = t.help_run()
    rows = [(r[0], r[1], r[2] if len(r) > 2 else NULL2) for r in TABLE]
    rows += [(a, w, NULL2) for a, w in engine_rows(h.stdout)]
    tap.ok(len(rows) >= 30, f"{len(rows)} bad inputs in the table")
    for args, words, vdevs in rows:
        run_bad(args, vdevs, tap, words)
    tap.done()


if __name__ == "__main__":
    main()
