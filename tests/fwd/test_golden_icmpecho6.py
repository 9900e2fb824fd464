#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""icmpecho IPv6 golden test: ICMPv6 echo requests and neighbour solicitations
for the port's --icmp-ip IPv6 address through net_pcap; every answer compared
byte for byte with the frame built here (echo reply: RFC 4443 4.2, addresses
swapped, extension headers left out; neighbour advertisement: RFC 4861 7.2.4,
solicited and override flags, target link-layer address option with the port's
MAC; ICMPv6 checksums by an independent sum; hop limits 0 and 1 answered),
every hostile or foreign frame (multicast sources, a wrong version, extension
headers past the packet, ...) dropped under its reason, exact.  Without --icmp-ip a port answers any address
(a group's echo from its EUI-64 link-local address) but never duplicate address
detection."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

H, PM = "02:00:00:00:77:01", "02:70:63:61:70:00"
ME, PEER, OTHER = "2001:db8::1", "2001:db8::50", "2001:db8::9"
SN_ME = "ff02::1:ff00:1"           # ME's solicited-node group
ALL = "ff02::1"


def icmp6(src, dst, typ, body, code=0, csum=None):
    m = struct.pack("!BBH", typ, code, 0) + body
    c = g.l4_csum6(src, dst, 58, m) if csum is None else csum
    return m[:2] + struct.pack("!H", c) + m[4:]


def v6(src, dst, msg, hlim=64, exts=(), dst_mac=PM, src_mac=H, **kw):
    return g.eth(dst_mac, src_mac, g.ETH_IPV6, g.ipv6(src, dst, 58, msg, hlim=hlim, exts=exts, **kw))


def echo(dst=ME, src=PEER, typ=128, ident=0x1234, seq=1, payload=bytes(range(56)), **kw):
    csum = kw.pop("csum", None)
    return v6(src, dst, icmp6(src, dst, typ, struct.pack("!HH", ident, seq) + payload, csum=csum),
              **kw)


def ns(target=ME, src=PEER, dst=SN_ME, slla=H, hlim=255, opts=None, **kw):
    body = bytes(4) + g.ip6(target)
    body += opts if opts is not None else (b"\x01\x01" + t.mac(slla) if slla else b"")
    return v6(src, dst, icmp6(src, dst, 135, body), hlim=hlim, **kw)


def want_echo(req, port_mac, src, dst, strip=0):
    """The reply to echo frame req: built here from its fields."""
    ip = req[14:54]
    msg = bytearray(req[54 + strip:14 + 40 + struct.unpack("!H", ip[4:6])[0]])
    pad = req[14 + 40 + struct.unpack("!H", ip[4:6])[0]:]
    msg[0] = 129
    msg[2:4] = b"\0\0"
    msg[2:4] = struct.pack("!H", g.l4_csum6(src, dst, 58, bytes(msg)))
    hdr = ip[:4] + struct.pack("!HBB", len(msg), 58, ip[7]) + g.ip6(src) + g.ip6(dst)
    return req[6:12] + t.mac(port_mac) + b"\x86\xdd" + hdr + bytes(msg) + pad


def want_na(port_mac, eth_dst, target, dst, flags):
    body = struct.pack("!B3x", flags) + g.ip6(target) + b"\x02\x01" + t.mac(port_mac)
    msg = icmp6(target, dst, 136, body)
    return t.mac(eth_dst) + t.mac(port_mac) + b"\x86\xdd" + \
        struct.pack("!IHBB", 0x60000000, len(msg), 58, 255) + g.ip6(target) + g.ip6(dst) + msg


good = [  # (frame, kind of answer, 0: not a drop reason)
    (echo(), "echo", 0),
    (echo(seq=2, payload=bytes(i & 0xff for i in range(3000)), hlim=9), "echo", 0),  # chained
    (echo(seq=3, exts=((g.NH_HOP, 8), (g.NH_DEST, 16))), "echo-ext", 0),
    (echo(dst=ALL, seq=4, dst_mac="33:33:00:00:00:01"), "echo-group", 0),
    (echo(seq=5, payload=b"") + bytes(6), "echo", 0),                   # padding kept
    (ns(), "na", 0),
    (ns(slla=None, dst=ME), "na-noslla", 0),                            # unicast, no option
    (ns(src="::", slla=None), "na-dad", 0),
    (ns(opts=b"\x0e\x01" + bytes(6) + b"\x01\x01" + t.mac("02:00:00:00:88:88")), "na-opt", 0),
    # hop limits 0 and 1 end here, at the destination: answered, the hop limit kept
    (echo(seq=10, hlim=0), "echo", 0),
    (echo(seq=11, hlim=1), "echo", 0),
]
bad = [  # (frame, reason)
    (echo(dst=OTHER), "not_for_us"),
    (ns(target=OTHER), "not_for_us"),
    (echo(typ=129), "not_for_us"),                                       # a reply
    (g.udp6_frame(PM, H, PEER, ME), "not_for_us"),
    (echo(exts=((g.NH_FRAGMENT, 8, 0x0001),)), "not_for_us"),           # a fragment
    (v6(PEER, ME, icmp6(PEER, ME, 136, bytes(20))), "not_for_us"),      # an advertisement
    (echo(csum=0x1111), "bad_checksum"),
    (ns(hlim=64), "bad_header"),                                         # routed: not on link
    (ns(target="ff02::1"), "bad_header"),
    (ns(opts=b"\x01\x00" + bytes(6)), "bad_header"),                     # option length 0
    (ns(opts=b"\x01\x02" + bytes(6)), "bad_header"),                     # option past the end
    (ns(src="::"), "bad_header"),                                        # DAD with an address option
    (ns(src="::", slla=None, dst=ALL), "bad_header"),                    # DAD not to the group
    (v6(PEER, ME, icmp6(PEER, ME, 135, bytes(16))), "bad_header"),       # 20 bytes
    (echo(src="ff02::2"), "bad_address"),
    (echo(src="ff0e::1234"), "bad_address"),
    (echo(version=4), "bad_header"),                                     # 4 behind 0x86dd
    # a 40-byte destination options header in a 16-byte payload
    (g.eth(PM, H, g.ETH_IPV6, g.ipv6(PEER, ME, g.NH_DEST, bytes([58, 4, 1, 4]) + bytes(4)
                                     + icmp6(PEER, ME, 128, bytes(4)))), "truncated"),
    (echo(payload_length=400), "truncated"),
    (echo()[:50], "truncated"),
    (v6(PEER, ME, b"\x80\x00"), "truncated"),                            # 2 bytes of ICMPv6
]
frames, drops = g.mix(good, bad)

tap = t.Tap()
run = g.PcapRun("icmpecho", [frames], ["--port-topology=loop", f"--icmp-ip=0,{ME}",
                                        "--icmp-ip=0,10.0.0.1"])
g.check_run(tap, run, "icmpecho6", len(frames), drops)
m0 = run.macs.get(0, "00:00:00:00:00:00")
out = run.outputs[0]
tap.eq(len(out), len(good), "icmpecho6: answers out")
for k, ((w, kind, _), o) in enumerate(zip(good, out)):
    if kind.startswith("echo"):
        src = ME if kind == "echo-group" else g.ipaddress.IPv6Address(w[38:54]).compressed
        # echo-ext: the 24 bytes of extension headers left out of the reply
        want = want_echo(w, m0, src, PEER, strip=24 if kind == "echo-ext" else 0)
    elif kind == "na-dad":
        want = want_na(m0, "33:33:00:00:00:01", ME, ALL, 0x20)
    elif kind == "na-opt":
        want = want_na(m0, "02:00:00:00:88:88", ME, PEER, 0x60)
    else:
        want = want_na(m0, H, ME, PEER, 0x60)
    tap.eq(o.hex(), want.hex(), f"icmpecho6: answer {k} ({kind}), every byte")
    tap.eq(g.l4_csum6(g.ipaddress.IPv6Address(o[22:38]).compressed,
                      g.ipaddress.IPv6Address(o[38:54]).compressed, 58,
                      o[54:54 + struct.unpack("!H", o[18:20])[0]]), 0,
           f"icmpecho6: answer {k} ({kind}): ICMPv6 checksum right")
run.cleanup()

# without an IPv6 --icmp-ip: any address, a group's echo from the link-local
# address, never duplicate address detection
ANY = "2001:db8:7::77"
any_in = [echo(dst=ANY, seq=7), echo(dst=ALL, seq=8, dst_mac="33:33:00:00:00:01"),
          ns(target=ANY, dst="ff02::1:ff00:77"), ns(target=ANY, src="::", slla=None,
                                                    dst="ff02::1:ff00:77")]
run = g.PcapRun("icmpecho", [any_in], ["--port-topology=loop", "--icmp-ip=0,10.0.0.1"],
                tag="icmp6_any")
g.check_run(tap, run, "icmpecho6 any address", len(any_in), {"not_for_us": 1})
m0 = run.macs.get(0, "00:00:00:00:00:00")
mb = t.mac(m0)
ll = "fe80::" + ":".join("%02x%02x" % p for p in ((mb[0] ^ 2, mb[1]), (mb[2], 0xff),
                                                   (0xfe, mb[3]), (mb[4], mb[5])))
out = run.outputs[0]
tap.eq(len(out), 3, "icmpecho6 any address: two echoes and a solicitation answered")
if len(out) == 3:
    tap.eq(out[0].hex(), want_echo(any_in[0], m0, ANY, PEER).hex(),
           "icmpecho6 any address: echo reply from the address asked")
    tap.eq(out[1].hex(), want_echo(any_in[1], m0, ll, PEER).hex(),
           f"icmpecho6 any address: a group's echo answered from {ll}")
    tap.eq(out[2].hex(), want_na(m0, H, ANY, PEER, 0x60).hex(),
           "icmpecho6 any address: advertisement for the target asked")
run.cleanup()

for bad_addr in ("0,ff02::1", "0,::", "0,2001:db8::g"):
    r = t.run(["--forward-mode=icmpecho", f"--icmp-ip={bad_addr}", "--duration=0.2"],
              tag="icmp6_bad")
    tap.ok(r.rc != 0 and f"--icmp-ip={bad_addr}: expected PORT,IPV6ADDR (unicast)" in r.err,
           f"icmpecho6: --icmp-ip={bad_addr} refused", r.log())
tap.done()
