#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""rxonly golden test: a mixed pcap through net_pcap; nothing is sent, every
frame is counted as consumed (packets and bytes exact); by default rxonly is a
sink and prints no class counts; with --rx-classify the per-class counts it
prints are exact."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

A, B = "02:00:00:00:bb:01", "02:00:00:00:bb:02"
udp = [g.udp_frame(B, A, "10.0.0.1", "10.0.0.2", bytes(n)) for n in (18, 100, 1400, 3000)]
udp.append(g.vlan_eth(B, A, 3, g.ETH_IPV4, g.udp_frame(B, A, "10.0.0.1", "10.0.0.2")[14:]))
ipv4_other = [g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 6, bytes(20))),
              g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 17, bytes(30),
                                             flags_frag=0x0010))]          # UDP fragment
other = [g.eth(B, A, g.ETH_ARP, bytes(28)), g.eth(B, A, 0x86DD, bytes(60))]
malformed = [b"\x01" * 9,
             g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 17, bytes(10), csum=1)),
             g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 17, bytes(10), ihl=3)),
             g.udp_frame(B, A, "10.0.0.1", "10.0.0.2", bytes(10))[:-12],    # cut in UDP: IP length past the frame
             g.eth(B, A, g.ETH_IPV4, g.ipv4("10.0.0.1", "10.0.0.2", 17,
                                            g.udp("10.0.0.1", "10.0.0.2", 1, 2, bytes(8), length=90)))]
# ipv4 = valid IPv4 headers (UDP ones included); the bad UDP length is malformed but its IPv4 is valid
frames = udp + ipv4_other + other + malformed
want = {"ipv4": len(udp) + len(ipv4_other) + 1, "udp": len(udp), "other": len(other),
        "malformed": len(malformed)}

CLASSES = r"^rxonly: port 0 queue 0: ipv4=(\d+) udp=(\d+) other=(\d+) malformed=(\d+)$"

tap = t.Tap()
# the sink: counted and freed, nothing parsed
run = g.PcapRun("rxonly", [frames], ["--port-topology=loop"], tag="rxonly_sink")
g.check_run(tap, run, "rxonly", len(frames), {"consumed": len(frames)}, tx=0)
tap.eq(run.outputs[0], [], "rxonly: nothing sent")
tap.eq(run.r.total["rx_bytes"] if run.r.total else None, sum(len(f) for f in frames),
       "rxonly: RX bytes", run.r.out)
tap.eq(re.findall(r"^rxonly: .*$", run.r.out, re.M), [], "rxonly: no class counts without --rx-classify")
run.cleanup()

run = g.PcapRun("rxonly", [frames], ["--port-topology=loop", "--rx-classify"], tag="rxonly_classify")
g.check_run(tap, run, "rxonly --rx-classify", len(frames), {"consumed": len(frames)}, tx=0)
tap.eq(run.outputs[0], [], "rxonly --rx-classify: nothing sent")
m = re.search(CLASSES, run.r.out, re.M)
got = dict(zip(("ipv4", "udp", "other", "malformed"), map(int, m.groups()))) if m else None
tap.eq(got, want, "rxonly --rx-classify: per-class counts", run.r.out)
run.cleanup()

g.null_run(tap, "rxonly")
tap.done()
