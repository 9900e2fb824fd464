#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""txonly golden test: the generator's frames captured with net_pcap tx_pcap and
checked field by field (MACs, IPv4 fields and checksum by an independent sum,
UDP ports/length/checksum 0, zero payload, total length = sum of --txpkts,
multi-flow source addresses); exact counts via --tx-count; RX never polled (as
testpmd's txonly): frames that arrive stay with the port; a run on net_null."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402


def check_frames(tap, name, out, count, length, peer, port_mac, src, dst, sport, dport,
                 multi_flow=False):
    tap.eq(len(out), count, f"{name}: frames captured")
    bad = []
    for k, o in enumerate(out):
        ip = g.parse_ipv4(o[14:])
        want_src = src
        if multi_flow:
            a = [int(x) for x in src.split(".")]
            v = ((a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3]) + (k & 0xff)
            want_src = ".".join(str((v >> s) & 0xff) for s in (24, 16, 8, 0))
        got = (len(o), o[0:6], o[6:12], o[12:14], ip["version"], ip["ihl"], ip["total_length"],
               ip["ttl"], ip["proto"], ip["flags_frag"], ip["csum_ok"], ip["src"], ip["dst"],
               struct.unpack("!HHHH", o[34:42]), o[42:])
        want = (length, t.mac(peer), t.mac(port_mac), b"\x08\x00", 4, 20, length - 14,
                64, 17, 0, True, want_src, dst, (sport, dport, length - 34, 0),
                bytes(length - 42))
        if got != want:
            bad.append((k, [(i, a, b) for i, (a, b) in enumerate(zip(got, want)) if a != b][:3]))
    tap.eq(bad[:3], [], f"{name}: every frame's MACs, IPv4, UDP fields and payload")


tap = t.Tap()
empty = []
# one segment, defaults
run = g.PcapRun("txonly", [empty], ["--port-topology=loop", "--tx-count=100"])
g.check_run(tap, run, "txonly defaults", 0, {}, tx=100)
tap.eq(run.r.total and run.r.total["generated"], 100, "txonly defaults: generated")
check_frames(tap, "txonly defaults", run.outputs[0], 100, 64, "02:00:00:00:00:00",
             run.macs.get(0, ""), "198.18.0.1", "198.18.0.2", 9, 9)
run.cleanup()

# chained segments, addresses, ports, multi-flow, another burst size
args = ["--port-topology=loop", "--tx-count=300", "--txpkts=60,1000,2500",
        "--tx-ip=10.9.8.7,10.7.8.9", "--tx-udp=1234,4321", "--txonly-multi-flow",
        "--burst=64", "--eth-peer=0,02:00:00:00:ee:ee"]
run = g.PcapRun("txonly", [empty], args, tag="txonly_segs")
g.check_run(tap, run, "txonly --txpkts", 0, {}, tx=300)
check_frames(tap, "txonly --txpkts=60,1000,2500", run.outputs[0], 300, 3560,
             "02:00:00:00:ee:ee", run.macs.get(0, ""), "10.9.8.7", "10.7.8.9", 1234, 4321,
             multi_flow=True)
run.cleanup()

# --tx-pkt-size, --tx-udp with one port
run = g.PcapRun("txonly", [empty], ["--port-topology=loop", "--tx-count=40",
                                    "--tx-pkt-size=1500", "--tx-udp=7"], tag="txonly_size")
g.check_run(tap, run, "txonly --tx-pkt-size", 0, {}, tx=40)
check_frames(tap, "txonly --tx-pkt-size=1500", run.outputs[0], 40, 1500, "02:00:00:00:00:00",
             run.macs.get(0, ""), "198.18.0.1", "198.18.0.2", 7, 7)
run.cleanup()

for bad in ("--txpkts=20,100", "--txpkts=64,0", "--tx-ip=1.2.3.4", "--tx-udp=70000",
            "--tx-pkt-size=10", "--tx-count=0"):
    r = t.run(["--forward-mode=txonly", bad, "--duration=0.2"], tag="txonly_badopt")
    tap.ok(r.rc != 0 and bad.split("=")[0] in r.err, f"txonly: {bad} refused", r.log())

r = g.null_run(tap, "txonly", expect_tx=True)
if r is not None and r.total:
    tot = r.total
    tap.eq(tot["rx"], 0, "txonly on net_null: RX never polled")
    tap.eq(tot["generated"], tot["tx"] + sum(tot["drops"].values()),
           "txonly on net_null: generated == TX + drops")

# frames arriving while generating are not received: they stay with the port
A, B = "02:00:00:00:bb:01", "02:00:00:00:bb:02"
rx_frames = [g.udp_frame(B, A, "10.0.0.1", "10.0.0.2", bytes(n)) for n in (18, 500, 3000)]
run = g.PcapRun("txonly", [rx_frames], ["--port-topology=loop", "--tx-count=10"], tag="txonly_rx")
g.check_run(tap, run, "txonly with input", 0, {}, tx=10)
tap.eq(len(run.outputs[0]), 10, "txonly with input: only generated frames sent")
run.cleanup()
tap.done()
