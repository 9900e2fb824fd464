#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""decap golden test: VXLAN packets built here (independent headers and checksums)
through net_pcap; every accepted one must come out as its inner frame byte for
byte (outer padding removed), every malformed or foreign one dropped under its
reason with exact counts."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

A, B, R, L = "02:00:00:00:bb:01", "02:00:00:00:bb:02", "02:00:00:00:dd:01", "02:70:63:61:70:00"
LOCAL, REMOTE, VNI = "10.0.0.2", "10.0.0.1", 4242


def vxlan(inner, vni=VNI, flags=0x08000000, src=REMOTE, dst=LOCAL, dport=4789, sport=50000,
          udp_csum=0, udp_len=None, ip_kw=None, proto=17, cut=None, pad=b""):
    payload = struct.pack("!II", flags, vni << 8) + inner
    u = g.udp(src, dst, sport, dport, payload, csum=udp_csum, length=udp_len)
    fr = g.eth(L, R, g.ETH_IPV4, g.ipv4(src, dst, proto, u, **(ip_kw or {}))) + pad
    return fr if cut is None else fr[:cut]


inner = [
    g.udp_frame(B, A, "172.16.0.1", "172.16.0.2", b"q" * 18),
    g.udp_frame(B, A, "172.16.0.1", "172.16.0.2", bytes(i & 0xff for i in range(1400))),
    g.udp_frame(B, A, "172.16.0.1", "172.16.0.2", bytes(i & 0xff for i in range(2900))),
    g.eth(B, A, 0x88B5, b""),                       # a 14-byte inner frame
]
good = [
    (vxlan(inner[0]), inner[0]),
    (vxlan(inner[1], udp_csum=None), inner[1]),     # non-zero UDP checksum, right
    (vxlan(inner[2]), inner[2]),                    # chained on RX
    (vxlan(inner[3], pad=b"\0" * 4), inner[3]),     # outer Ethernet padding dropped
    (g.vlan_eth(L, R, 5, g.ETH_IPV4, vxlan(inner[0])[14:]), inner[0]),
]
bad = [
    (vxlan(inner[0], udp_csum=0x1234), "bad_checksum"),
    (vxlan(inner[0], ip_kw={"csum": 0x4321}), "bad_checksum"),
    (vxlan(inner[0], flags=0), "bad_header"),
    (vxlan(inner[0], ip_kw={"ihl": 4}), "bad_header"),
    (vxlan(inner[0], udp_len=500), "bad_header"),            # UDP past the IP payload
    (vxlan(inner[0], ip_kw={"total_length": 1500}), "truncated"),
    (vxlan(inner[0], cut=40), "truncated"),                  # UDP header cut
    (vxlan(b"\x02" * 10), "truncated"),                      # inner shorter than Ethernet
    (vxlan(inner[0])[:8], "truncated"),
    (vxlan(inner[0], vni=7), "not_tunnel"),
    (vxlan(inner[0], dst="10.0.0.9"), "not_tunnel"),
    (vxlan(inner[0], src="10.0.0.9"), "not_tunnel"),
    (vxlan(inner[0], dport=4790), "not_tunnel"),
    (vxlan(inner[0], proto=6), "not_tunnel"),
    (vxlan(inner[0], ip_kw={"flags_frag": 0x2000}), "not_tunnel"),   # a fragment
    (g.eth(L, R, g.ETH_ARP, b"\0" * 28), "not_tunnel"),
]
frames, drops = g.mix(bad, good)

tap = t.Tap()
run = g.PcapRun("decap", [frames], ["--port-topology=loop", f"--vxlan-local={LOCAL}",
                                    f"--vxlan-remote={REMOTE}", f"--vxlan-vni={VNI}"])
g.check_run(tap, run, "decap", len(frames), drops)
out = run.outputs[0]
tap.eq(len(out), len(good), "decap: frames out")
for k, ((_, want), o) in enumerate(zip(good, out)):
    tap.eq(len(o), len(want), f"decap frame {k}: length")
    tap.eq(o, want, f"decap frame {k}: inner frame byte for byte")
run.cleanup()

# without --vxlan-local/--vxlan-remote/--vxlan-vni any endpoint and VNI is accepted
loose = [vxlan(inner[0], vni=7), vxlan(inner[0], dst="10.0.0.9"), vxlan(inner[0], dport=4790)]
run = g.PcapRun("decap", [loose], ["--port-topology=loop"], tag="decap_loose")
g.check_run(tap, run, "decap defaults", 3, {"not_tunnel": 1})
tap.eq(run.outputs[0], [inner[0], inner[0]], "decap defaults: inner frames")
run.cleanup()

g.null_run(tap, "decap")
tap.done()
