#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""VXLAN over IPv6 golden test: encap with IPv6 --vxlan-local/--vxlan-remote puts
Ethernet + IPv6 + UDP + VXLAN in front of IPv4 and IPv6 inner frames (also
golden.ipv6_hostile()'s set, carried as it is); every
output compared byte for byte with the frame built here (flow label = the source
port's hash, UDP checksum over the whole datagram computed independently, as
IPv6 requires).  decap takes those back to the inner frames exactly, accepts an
IPv6 outer with extension headers, a zero UDP checksum (RFC 6935) or hop limit
0 or 1 (it ends there), and drops hostile and foreign IPv6 outers under their
reasons (a multicast source: bad_address).  Mixed endpoint families
are refused."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

A, B = "02:00:00:00:bb:01", "02:00:00:00:bb:02"
L6, R6 = "2001:db8:7::1", "2001:db8:7::2"
PEER0 = "02:00:00:00:00:00"       # --eth-peer default of port 0
inner = [
    g.udp_frame(B, A, "172.16.0.1", "172.16.0.2", b"p" * 18),
    g.udp6_frame(B, A, "2001:db8:a::1", "2001:db8:b::1", b"six" * 10),
    g.udp6_frame(B, A, "2001:db8:a::1", "2001:db8:b::2", bytes(i & 0xff for i in range(2900))),
    g.eth(B, A, 0x88B5, b""),                                             # 14 bytes
]
# inner IPv6 frames well-formed and hostile: carried and given back as they are
inner += [f for _, f in g.ipv6_hostile(B, A, 4)]


def outer6(w, port_mac, sport, flow, src=L6, dst=R6, vni=1, csum=None, exts=(), dport=4789,
           hlim=64):
    """The frame encap must send for inner frame w (or a hand-made tunnel packet)."""
    vx = struct.pack("!II", 0x08000000, vni << 8) + w
    seg = struct.pack("!HHHH", sport, dport, 8 + len(vx), 0) + vx
    c = g.l4_csum6(src, dst, 17, seg) or 0xFFFF if csum is None else csum
    seg = seg[:6] + struct.pack("!H", c) + seg[8:]
    return g.eth(PEER0, port_mac, g.ETH_IPV6, g.ipv6(src, dst, 17, seg, flow=flow, exts=exts,
                                                     hlim=hlim))


tap = t.Tap()
run = g.PcapRun("encap", [inner], ["--port-topology=loop", f"--vxlan-local={L6}",
                                    f"--vxlan-remote={R6}"], tag="encap6")
g.check_run(tap, run, "encap6", len(inner), {})
pm = run.macs.get(0, "00:00:00:00:00:00")
out = run.outputs[0]
tap.eq(len(out), len(inner), "encap6: frames out")
for k, (w, o) in enumerate(zip(inner, out)):
    sport = struct.unpack("!H", o[54:56])[0] if len(o) >= 56 else 0
    tap.ok(49152 <= sport <= 65535, f"encap6 frame {k}: UDP source port {sport} in 49152..65535")
    tap.eq(o.hex(), outer6(w, pm, sport, sport - 49152).hex(),
           f"encap6 frame {k}: every byte (flow label {sport - 49152})")
run.cleanup()
encapped = out

# decap: those frames give back the inner ones; IPv6 outers of every kind
pm = "02:70:63:61:70:00"
good = [(fr, w) for fr, w in zip(encapped, inner)]
good += [(outer6(inner[0], pm, 50000, 0, csum=0), inner[0]),                   # no checksum
         (outer6(inner[1], pm, 50001, 0, exts=((g.NH_HOP, 8), (g.NH_DEST, 16))), inner[1]),
         # hop limits 0 and 1 end at the tunnel endpoint: taken
         (outer6(inner[0], pm, 50002, 0, hlim=0), inner[0]),
         (outer6(inner[1], pm, 50003, 0, hlim=1), inner[1])]
bad = [
    (outer6(inner[0], pm, 50000, 0, csum=0x1234), "bad_checksum"),
    (outer6(inner[0], pm, 50000, 0, src="2001:db8:7::99"), "not_tunnel"),      # other remote
    (outer6(inner[0], pm, 50000, 0, dport=4790), "not_tunnel"),
    (outer6(inner[0], pm, 50000, 0, exts=((g.NH_FRAGMENT, 8, 1),)), "not_tunnel"),
    (g.eth(PEER0, pm, g.ETH_IPV4, g.ipv4("192.0.2.2", "192.0.2.1", 17,
                                         g.udp("192.0.2.2", "192.0.2.1", 5, 4789,
                                               struct.pack("!II", 0x08000000, 256) + inner[0]))),
     "not_tunnel"),                                                             # an IPv4 outer
    (outer6(inner[0], pm, 50000, 0)[:60], "truncated"),
    (outer6(inner[0], pm, 50000, 0, src="ff02::1"), "bad_address"),       # multicast sources
    (outer6(inner[0], pm, 50000, 0, src="ff0e::1234", dst="ff0e::4789"), "bad_address"),
    (outer6(inner[0], pm, 50000, 0)[:14 + 40] + b"\0" * 2, "truncated"),
]
frames, drops = g.mix(good, bad)
run = g.PcapRun("decap", [frames], ["--port-topology=loop", f"--vxlan-local={R6}",
                                    f"--vxlan-remote={L6}"], tag="decap6")
g.check_run(tap, run, "decap6", len(frames), drops)
out = run.outputs[0]
tap.eq(len(out), len(good), "decap6: frames out")
for k, ((_, w), o) in enumerate(zip(good, out)):
    tap.eq(o.hex(), w.hex(), f"decap6 frame {k}: the inner frame exactly")
run.cleanup()

r = t.run(["--forward-mode=encap", f"--vxlan-remote={R6}", "--duration=0.2"], tag="encap6_mixed")
tap.ok(r.rc != 0 and "--vxlan-local and --vxlan-remote must both be IPv4 or both IPv6" in r.err,
       "encap6: an IPv6 remote with the IPv4 default local refused", r.log())
tap.done()
