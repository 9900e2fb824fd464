#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""csum golden test: frames with right, wrong and absent IPv4/UDP checksums
through net_pcap (no checksum offload there: the software path); every output
frame must carry right checksums (checked by an independent sum) and otherwise
be the input byte for byte; the good/bad counts per protocol are exact; IPv4
headers or UDP lengths that cannot be checksummed are dropped under their reason.
Then the offload path over net_tap, with a host in a namespace sending and
reading back through a packet socket."""

import json
import os
import re
import struct
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

A, B, S, D = "02:00:00:00:bb:01", "02:00:00:00:bb:02", "10.0.0.1", "10.0.0.2"


def uf(payload, ip_csum=None, udp_csum=None, l3=14, **kw):
    fr = g.eth(B, A, g.ETH_IPV4, g.ipv4(S, D, 17, g.udp(S, D, 7, 9, payload, csum=udp_csum),
                                        csum=ip_csum, **kw))
    return fr


# (frame, forwarded?, ip class, udp class)
cases = [
    (uf(bytes(18)), "good", "good"),
    (uf(bytes(range(200)), ip_csum=0xBEEF), "bad", "good"),
    (uf(bytes(range(200)), udp_csum=0xBEEF), "good", "bad"),
    (uf(b"\xff" * 100, ip_csum=1, udp_csum=2), "bad", "bad"),
    (uf(bytes(40), udp_csum=0), "good", "none"),
    (uf(bytes(i & 0xff for i in range(3000)), udp_csum=0x1111), "good", "bad"),   # chained
    (uf(bytes(i & 0xff for i in range(3000))), "good", "good"),
    (uf(bytes(30), options=b"\x01\x01\x01\x00", udp_csum=0x2222), "good", "bad"),  # IHL 6
    (g.eth(B, A, g.ETH_IPV4, g.ipv4(S, D, 6, bytes(20), csum=0x7777)), "bad", None),   # TCP
    (g.eth(B, A, g.ETH_IPV4, g.ipv4(S, D, 17, bytes(30), flags_frag=0x2000)), "good", None),  # fragment
    (g.eth(B, A, g.ETH_ARP, bytes(28)), None, None),
    (uf(bytes(18), udp_csum=0x3333) + bytes(6), "good", "bad"),   # Ethernet padding after IP
]
dropped = [
    (uf(bytes(10))[:30], "truncated"),
    (uf(bytes(10), ihl=4), "bad_header"),
    (g.eth(B, A, g.ETH_IPV4, g.ipv4(S, D, 17, g.udp(S, D, 1, 2, bytes(8), length=100))),
     "bad_header"),
    (b"\x00" * 6, "truncated"),
]
frames = [c[0] for c in cases] + [d[0] for d in dropped]
drops = {}
for _, r in dropped:
    drops[r] = drops.get(r, 0) + 1
count = {"ip-good": 0, "ip-bad": 0, "udp-good": 0, "udp-bad": 0, "udp-none": 0, "other": 0}
for _, ipc, udpc in cases:
    if ipc is None:
        count["other"] += 1
        continue
    count["ip-" + ipc] += 1
    if udpc is not None:
        count["udp-" + udpc] += 1
count["ip-good"] += 1   # the dropped bad UDP length: its IPv4 header was checked, and good

tap = t.Tap()
run = g.PcapRun("csum", [frames], ["--port-topology=loop"])
g.check_run(tap, run, "csum", len(frames), drops)
out = run.outputs[0]
tap.eq(len(out), len(cases), "csum: frames out")
for k, ((w, ipc, udpc), o) in enumerate(zip(cases, out)):
    name = f"csum frame {k}"
    tap.eq(len(o), len(w), f"{name}: length")
    if ipc is None:
        tap.eq(o, w, f"{name}: not IPv4, unchanged")
        continue
    ip = g.parse_ipv4(o[14:])
    hl, tl = ip["ihl"], ip["total_length"]
    tap.ok(ip["csum_ok"], f"{name}: IPv4 header checksum right (0x{ip['csum']:04x})")
    if udpc is None:
        tap.eq(o[:24] + o[26:], w[:24] + w[26:], f"{name}: only the IPv4 checksum may change")
        continue
    l4 = 14 + hl
    uc = struct.unpack("!H", o[l4 + 6:l4 + 8])[0]
    if udpc == "none":
        tap.eq(uc, 0, f"{name}: UDP checksum 0 left alone")
    else:
        tap.ok(g.udp_csum_ok(o[14:14 + hl], o[l4:14 + tl]),
               f"{name}: UDP checksum right (0x{uc:04x})")
    tap.eq(o[:24] + o[26:l4 + 6] + o[l4 + 8:], w[:24] + w[26:l4 + 6] + w[l4 + 8:],
           f"{name}: only the checksum fields may change")
m = re.search(r"^csum: port 0 queue 0: ip-good=(\d+) ip-bad=(\d+) udp-good=(\d+) "
              r"udp-bad=(\d+) udp-none=(\d+) other=(\d+)$", run.r.out, re.M)
got = dict(zip(count.keys(), map(int, m.groups()))) if m else None
tap.eq(got, count, "csum: good/bad counts per protocol", run.r.out)
tap.ok("verify ip=sw udp=sw, fix on port 0 ip=sw udp=sw" in run.r.out,
       "csum: software path on net_pcap (no offload reported)")
run.cleanup()

# The offload path: net_tap reports IPv4/UDP checksum offload both ways, so csum
# verifies from the RX flags and asks the TX path to fill the sums.  A host in a
# namespace sends frames through the tap with a packet socket and reads back
# what skbfwd sends out of the same port.
HOST_SCRIPT = r"""
import json, select, socket, sys, time
frames = [bytes.fromhex(x) for x in json.load(sys.stdin)]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((sys.argv[1], 0))
for fr in frames:
    s.send(fr)
    time.sleep(0.01)
got, end = [], time.time() + 8
while len(got) < len(frames) and time.time() < end:
    if not select.select([s], [], [], 0.2)[0]:
        continue
    data, addr = s.recvfrom(65535)
    if addr[2] != socket.PACKET_OUTGOING and data[12:14] == b"\x08\x00" and data[23] == 17 \
            and data[34:36] == b"\x27\x0f":
        got.append(data.hex())
print(json.dumps(got))
"""


def tap_offload_run(tap):
    why = peers.netns_unavailable()
    if why:
        tap.skip("csum over net_tap (offload path)", why)
        return
    fwd_mac, host_mac = "02:00:00:0c:00:01", "02:00:00:0c:00:02"
    tcases = [uf(bytes(18)), uf(bytes(range(200)), ip_csum=0xBEEF),
              uf(bytes(range(200)), udp_csum=0xBEEF), uf(b"\xff" * 100, ip_csum=1, udp_csum=2),
              uf(bytes(40), udp_csum=0), uf(bytes(i & 0xff for i in range(1400)), udp_csum=0x1111)]
    # UDP source port 9999 marks them among what the host's packet socket sees
    tcases = [t.mac(fwd_mac) + t.mac(host_mac) + fr[12:34] + struct.pack("!H", 9999) + fr[36:]
              for fr in tcases]
    # the UDP destination port changed: recompute the right sums where they were right
    fixed = []
    for fr, (ipc, udpc) in zip(tcases, [("good", "good"), ("bad", "good"), ("good", "bad"),
                                        ("bad", "bad"), ("good", "none"), ("good", "bad")]):
        if udpc == "good":
            seg = fr[34:40] + b"\0\0" + fr[42:]
            c = t.inet_csum(fr[26:34] + struct.pack("!BBH", 0, 17, len(seg)) + seg) or 0xFFFF
            fr = fr[:40] + struct.pack("!H", c) + fr[42:]
        fixed.append((fr, ipc, udpc))
    ns_r, ns_h = peers.Netns("csr"), peers.Netns("csh")
    iface = peers.iface_name("cs")
    fwd = None
    try:
        fwd = peers.Skbfwd(["--forward-mode=csum", "--port-topology=loop", "--duration=40"],
                           [f"net_tap0,iface={iface},mac={fwd_mac}"], "csumtap", netns=ns_r)
        if not tap.ok(fwd.wait_started(), "csum over net_tap: skbfwd up", fwd.log()):
            return
        tap.ok("verify ip=hw udp=hw, fix on port 0 ip=hw udp=hw" in fwd.out(),
               "csum over net_tap: offload path chosen", fwd.out())
        ns_h.take_iface(iface, mac=host_mac, src=ns_r)
        p = subprocess.run(ns_h.cmd(["python3", "-c", HOST_SCRIPT, iface]),
                             input=json.dumps([fr.hex() for fr, _, _ in fixed]),
                             capture_output=True, text=True, timeout=60)
        got = [bytes.fromhex(x) for x in json.loads(p.stdout or "[]")]
        r = fwd.stop()
        tap.eq(len(got), len(fixed), "csum over net_tap: frames back", p.stderr + r.log())
        for k, ((w, ipc, udpc), o) in enumerate(zip(fixed, got)):
            ip = g.parse_ipv4(o[14:])
            ok_udp = udpc == "none" or g.udp_csum_ok(o[14:34], o[34:14 + ip["total_length"]])
            tap.ok(ip["csum_ok"] and ok_udp and len(o) == len(w) and
                   o[:24] + o[26:40] + o[42:] == w[:24] + w[26:40] + w[42:],
                   f"csum over net_tap frame {k}: checksums right, nothing else changed")
        m = re.search(r"^csum: port 0 queue 0: ip-good=(\d+) ip-bad=(\d+) udp-good=(\d+) "
                      r"udp-bad=(\d+) udp-none=(\d+) other=\d+$", r.out, re.M)
        tap.eq(m and tuple(map(int, m.groups())), (4, 2, 2, 3, 1),
               "csum over net_tap: counts from the RX offload flags", r.out)
        tap.eq(r.in_use, 0, "csum over net_tap: mbufs in use at exit")
    finally:
        if fwd is not None:
            fwd.stop()
        ns_h.delete()
        ns_r.delete()


tap_offload_run(tap)
g.null_run(tap, "csum")
tap.done()
