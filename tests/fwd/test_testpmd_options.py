#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Every long option of dpdk-testpmd 22.11 (the 101 of its lgopts[] table, app/test-pmd/
parameters.c) given to skbfwd as a testpmd command line would give it, with a value
testpmd accepts, on two net_null ports.  Each is either

* honoured: the run starts, forwards for 50 ms and ends with exit 0 and no mbuf in
  use (an option that belongs to an engine is given with that engine, as the one
  line "--X is an option of the E engine, not of io" asks), or
* refused: exactly one line "skbfwd: --OPTION is not supported: REASON" with a
  reason, and a non-zero exit status that is not a crash;

never "unknown option"; testpmd's short options -h, -i and -a as the long ones
they stand for.  The count of each is printed; what the honoured options do
is tested in test_options.py (and test_peer_metrics.py for the metrics ones)."""

import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402

# testpmd 22.11's long options, each with a value testpmd takes (None: no value).
# @PEERS@ and @CMDS@ are files made below.
TESTPMD_OPTIONS = [
    ("help", None), ("interactive", None), ("cmdline-file", "@CMDS@"), ("auto-start", None),
    ("tx-first", None), ("stats-period", "1"), ("display-xstats", "rx_good_packets"),
    ("num-procs", "1"), ("proc-id", "0"), ("nb-cores", "1"), ("nb-ports", "2"),
    ("coremask", "0x2"), ("portmask", "0x3"), ("portlist", "1,0"), ("numa", None),
    ("no-numa", None), ("mp-anon", None), ("port-numa-config", "(0,0),(1,0)"),
    ("ring-numa-config", "(0,3,0)"), ("socket-num", "0"), ("mbuf-size", "2176"),
    ("total-num-mbufs", "8192"), ("max-pkt-len", "1518"), ("max-lro-pkt-size", "9000"),
    ("latencystats", "1"), ("bitrate-stats", "1"), ("eth-peers-configfile", "@PEERS@"),
    ("eth-peer", "1,02:00:00:00:00:09"), ("disable-crc-strip", None),
    ("enable-scatter", None), ("enable-lro", None), ("enable-rx-cksum", None),
    ("enable-rx-timestamp", None), ("enable-hw-vlan", None),
    ("enable-hw-vlan-filter", None), ("enable-hw-vlan-strip", None),
    ("enable-hw-vlan-extend", None), ("enable-hw-qinq-strip", None),
    ("enable-drop-en", None), ("disable-rss", None), ("port-topology", "loop"),
    ("forward-mode", "mac"), ("rss-ip", None), ("rss-udp", None), ("rss-level-inner", None),
    ("rss-level-outer", None), ("rxq", "1"), ("rxd", "512"), ("txq", "1"), ("txd", "512"),
    ("hairpinq", "1"), ("hairpin-mode", "0x10"), ("burst", "64"), ("flowgen-clones", "0"),
    ("flowgen-flows", "64"), ("mbcache", "64"), ("txpt", "36"), ("txht", "0"),
    ("txwt", "0"), ("txfreet", "32"), ("txrst", "32"), ("rxpt", "8"), ("rxht", "8"),
    ("rxwt", "4"), ("rxfreet", "32"), ("no-flush-rx", None), ("flow-isolate-all", None),
    ("rxoffs", "0,64"), ("rxpkts", "64,1024"), ("rxhdrs", "eth"), ("txpkts", "64"),
    ("multi-rx-mempool", None), ("txonly-multi-flow", None), ("rxq-share", "2"),
    ("eth-link-speed", "10000"), ("disable-link-check", None),
    ("disable-device-start", None), ("no-lsc-interrupt", None), ("no-rmv-interrupt", None),
    ("print-event", "all"), ("mask-event", "intr_lsc"), ("tx-offloads", "0x8000"),
    ("rx-offloads", "0xe"), ("hot-plug", None), ("vxlan-gpe-port", "4790"),
    ("geneve-parsed-port", "6081"), ("mlockall", None), ("no-mlockall", None),
    ("mp-alloc", "native"), ("tx-ip", "198.18.0.1,198.18.0.2"), ("tx-udp", "9,9"),
    ("noisy-tx-sw-buffer-size", "64"), ("noisy-tx-sw-buffer-flushtime", "10"),
    ("noisy-lkup-memory", "1"), ("noisy-lkup-num-writes", "1"),
    ("noisy-lkup-num-reads", "1"), ("noisy-lkup-num-reads-writes", "1"),
    ("no-iova-contig", None), ("rx-mq-mode", "0x7"), ("record-core-cycles", None),
    ("record-burst-stats", None),
]

# options testpmd too only takes with another one
WITH = {name: ["--noisy-lkup-memory=1"] for name in
        ("noisy-lkup-num-writes", "noisy-lkup-num-reads", "noisy-lkup-num-reads-writes")}

REFUSAL_RE = re.compile(r"^skbfwd: --([a-z0-9-]+) is not supported: (\S.*)$")
# "of the txonly engine, not of io" or "of the txonly and flowgen engines, not of io": the first
OWNER_RE = re.compile(r"^skbfwd: --\S+ is an option of the ([a-z0-9_]+)\b.* engines?, not of")
CRASH_RE = re.compile(r"AddressSanitizer|runtime error:|Segmentation fault|PANIC in|Aborted")


def skbfwd_lines(r):
    return [ln for ln in r.err.splitlines() + r.out.splitlines() if ln.startswith("skbfwd:")]


# testpmd's short options and the long ones they stand for
SHORT = [("h", "help"), ("i", "interactive"), ("a", "auto-start")]


def try_option(name, value, files, short=None):
    """Run skbfwd with --name[=value] (or -@short for it); (verdict, detail,
    Result): verdict is 'honoured', 'refused' or 'bad'."""
    arg = f"--{name}" if value is None else f"--{name}={value}"
    if short is not None:
        arg = f"-{short}"
    for k, v in files.items():
        arg = arg.replace(k, v)
    args = [arg, "--duration=0.05"] + WITH.get(name, [])
    r = t.run(args, tag="tpopt", timeout=60)
    owner = [m.group(1) for m in map(OWNER_RE.match, skbfwd_lines(r)) if m]
    if r.rc != 0 and owner:
        # an engine's option: given again with its engine
        r = t.run(args + [f"--forward-mode={owner[0]}"], tag="tpopt", timeout=60)
    text = r.out + r.err
    if "unknown option" in text or CRASH_RE.search(text):
        return "bad", "unknown option or a crash", r
    if name == "help":
        ok = r.rc == 0 and "Usage:" in r.out
        return ("honoured" if ok else "bad"), "usage printed, exit 0", r
    if r.rc == 0:
        ok = r.in_use == 0 and not any(REFUSAL_RE.match(ln) for ln in skbfwd_lines(r))
        return ("honoured" if ok else "bad"), "ran, exit 0, no mbuf in use", r
    refusals = [m for m in map(REFUSAL_RE.match, skbfwd_lines(r)) if m]
    if len(skbfwd_lines(r)) == 1 and len(refusals) == 1 and refusals[0].group(1) == name \
            and 0 < r.rc < 128:
        return "refused", refusals[0].group(2), r
    return "bad", f"exit {r.rc}, neither a run nor one refusal line", r


def main():
    tap = t.Tap()
    names = [n for n, _ in TESTPMD_OPTIONS]
    tap.eq(len(names), 101, "testpmd 22.11's long options, each once")
    tap.eq(len(set(names)), len(names), "no option twice")
    counts = {"honoured": [], "refused": []}
    with tempfile.TemporaryDirectory(prefix="skbfwd_tpopt_") as d:
        files = {"@PEERS@": os.path.join(d, "peers"), "@CMDS@": os.path.join(d, "cmds")}
        with open(files["@PEERS@"], "w") as f:
            f.write("02:00:00:00:00:0a\n02:00:00:00:00:0b\n")
        with open(files["@CMDS@"], "w") as f:
            f.write("show port stats all\n")
        for name, value in TESTPMD_OPTIONS:
            verdict, detail, r = try_option(name, value, files)
            tap.ok(verdict != "bad", f"--{name}: {verdict}: {detail}", r.log())
            if verdict in counts:
                counts[verdict].append(name)
        for short, name in SHORT:
            verdict, detail, r = try_option(name, None, files, short)
            tap.ok(verdict != "bad" and verdict == ("refused" if name in counts["refused"]
                                                    else "honoured"),
                   f"-{short}: as --{name}: {verdict}: {detail}", r.log())
    print(f"# honoured {len(counts['honoured'])}: {' '.join(counts['honoured'])}")
    print(f"# refused {len(counts['refused'])}: {' '.join(counts['refused'])}")
    tap.eq(len(counts["honoured"]) + len(counts["refused"]), 101,
           f"every option honoured ({len(counts['honoured'])}) or refused "
           f"({len(counts['refused'])})")
    tap.done()


if __name__ == "__main__":
    main()
