#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""encap golden test: frames through net_pcap get VXLAN (RFC 7348) outer headers;
each output checked field by field (outer MACs, IPv4 fields and checksum by an
independent sum, UDP ports/length/zero checksum, VXLAN flags and VNI, the inner
frame byte for byte); frames too short for Ethernet are dropped as truncated;
encap then decap gives back the input frames exactly."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

A, B = "02:00:00:00:bb:01", "02:00:00:00:bb:02"
inner = [
    g.udp_frame(B, A, "172.16.0.1", "172.16.0.2", b"p" * 18),                  # 60 bytes
    g.udp_frame(B, A, "172.16.0.1", "172.16.0.3", bytes(range(200))),
    g.udp_frame(B, A, "172.16.0.4", "172.16.0.2", bytes(i & 0xff for i in range(1472))),
    g.udp_frame(B, A, "172.16.0.5", "172.16.0.2", bytes(i & 0xff for i in range(2900))),  # chained
    g.eth(B, A, 0x86DD, b"\x60" + b"\0" * 45),                                  # not IPv4: still tunnelled
    g.eth(B, A, 0x88B5, b""),                                                   # 14 bytes
]
inner.append(inner[0])                                  # same flow: same source port
short = [b"\x02\x00\x00", b"\x02" * 13, b""]            # cannot be Ethernet frames
frames = inner[:3] + [short[0]] + inner[3:5] + [short[1]] + inner[5:] + [short[2]]


def check_outer(tap, name, o, w, port_mac, peer, src, dst, vni, dport, sport=None):
    tap.eq(len(o), len(w) + 50, f"{name}: length = inner + 50")
    tap.eq(o[0:6], t.mac(peer), f"{name}: outer destination MAC = --eth-peer")
    tap.eq(o[6:12], t.mac(port_mac), f"{name}: outer source MAC = TX port's")
    tap.eq(o[12:14], b"\x08\x00", f"{name}: outer EtherType IPv4")
    ip = g.parse_ipv4(o[14:])
    tap.eq((ip["version"], ip["ihl"], ip["tos"]), (4, 20, 0), f"{name}: IPv4 version/IHL/TOS")
    tap.eq(ip["total_length"], len(w) + 36, f"{name}: IPv4 total length")
    tap.eq((ip["id"], ip["flags_frag"], ip["ttl"], ip["proto"]), (0, 0x4000, 64, 17),
           f"{name}: IPv4 ID 0, DF, TTL 64, UDP")
    tap.eq((ip["src"], ip["dst"]), (src, dst), f"{name}: tunnel endpoints")
    tap.ok(ip["csum_ok"], f"{name}: IPv4 header checksum right (0x{ip['csum']:04x})")
    us, ud, ul, uc = struct.unpack("!HHHH", o[34:42])
    if sport is None:
        tap.ok(49152 <= us <= 65535, f"{name}: UDP source port {us} in 49152..65535")
    else:
        tap.eq(us, sport, f"{name}: UDP source port")
    tap.eq((ud, ul, uc), (dport, len(w) + 16, 0), f"{name}: UDP dport, length, checksum 0")
    tap.eq(o[42:50], struct.pack("!II", 0x08000000, vni << 8), f"{name}: VXLAN flags and VNI")
    tap.eq(o[50:], w, f"{name}: inner frame unchanged")
    return us


tap = t.Tap()
drops = {"truncated": len(short)}
run = g.PcapRun("encap", [frames], ["--port-topology=loop"])
g.check_run(tap, run, "encap defaults", len(frames), drops)
out = run.outputs[0]
tap.eq(len(out), len(inner), "encap defaults: frames out")
sports = []
for k, (w, o) in enumerate(zip(inner, out)):
    sports.append(check_outer(tap, f"encap defaults frame {k}", o, w, run.macs.get(0, ""),
                              "02:00:00:00:00:00", "192.0.2.1", "192.0.2.2", 1, 4789))
tap.eq(sports[-1], sports[0], "encap defaults: same inner flow, same source port")
encapped = out
run.cleanup()

CONF = "# tunnel\nlocal 10.0.0.1\nremote 10.0.0.2\n\nvni 4242   # VNI\nport 8472\nsport 5555\n"
for how, args in (("options", ["--vxlan-local=10.0.0.1", "--vxlan-remote=10.0.0.2",
                               "--vxlan-vni=4242", "--vxlan-port=8472", "--vxlan-sport=5555"]),
                  ("--vxlan-conf", ["--vxlan-conf=@DIR@/vxlan.conf"])):
    run = g.PcapRun("encap", [inner], ["--port-topology=loop", "--eth-peer=0,02:00:00:00:cc:cc"]
                    + args, tag="encap_opts", extra_files={"vxlan.conf": CONF})
    g.check_run(tap, run, f"encap {how}", len(inner), {})
    tap.eq(len(run.outputs[0]), len(inner), f"encap {how}: frames out")
    for k, (w, o) in enumerate(zip(inner, run.outputs[0])):
        check_outer(tap, f"encap {how} frame {k}", o, w, run.macs.get(0, ""),
                    "02:00:00:00:cc:cc", "10.0.0.1", "10.0.0.2", 4242, 8472, 5555)
    run.cleanup()

run = g.PcapRun("encap", [[]], ["--vxlan-conf=@DIR@/v.conf"], duration=0.2, tag="encap_badconf",
                extra_files={"v.conf": "local 10.0.0.1\n\nvni 99999999\n"})
tap.ok(run.r.rc != 0 and "v.conf:3:" in run.r.err, "encap: bad --vxlan-conf line named",
       run.r.log())
run.cleanup()

# Three encapsulations in one run: pcap port 0 -> net_ring port 1 -> net_ring port 2
# -> port 0 (--port-topology=chained; a net_ring port receives what it sends).  The
# first two fit the 128 bytes of headroom a PMD leaves (128 -> 78 -> 28); the third
# needs skb_cow_head() to give the skb a new head.
run = g.PcapRun("encap", [inner], ["--port-topology=chained"], tag="encap_x3",
                extra_vdevs=["net_ring0", "net_ring1"])
g.check_run(tap, run, "encap x3 (skb_cow_head)", 3 * len(inner), {})
out = run.outputs[0]
tap.eq(len(out), len(inner), "encap x3: frames out")
for k, (w, o) in enumerate(zip(inner, out)):
    # outermost made for port 0, then port 2, then port 1 (the first hop)
    for depth, port in enumerate((0, 2, 1)):
        layer = o[50 * depth:]
        want_inner = w if depth == 2 else layer[50:]
        check_outer(tap, f"encap x3 frame {k} layer {depth}", layer, want_inner,
                    run.macs.get(port, ""), f"02:00:00:00:00:{port:02x}",
                    "192.0.2.1", "192.0.2.2", 1, 4789)
run.cleanup()

# encap then decap: the original frames, byte for byte
run = g.PcapRun("decap", [encapped], ["--port-topology=loop"], tag="encap_decap")
g.check_run(tap, run, "encap then decap", len(encapped), {})
tap.eq(run.outputs[0], inner, "encap then decap: input frames back byte for byte")
run.cleanup()

for bad in ("--vxlan-vni=16777216", "--vxlan-local=10.0.0", "--vxlan-port=0"):
    r = t.run(["--forward-mode=encap", bad, "--duration=0.2"], tag="encap_badopt")
    tap.ok(r.rc != 0 and bad.split("=")[0] in r.err, f"encap: {bad} refused", r.log())

g.null_run(tap, "encap", expect_tx=True)
tap.done()
