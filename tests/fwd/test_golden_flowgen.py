#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""flowgen golden test: testpmd's flow generator through two net_pcap ports.
Every byte of every frame sent is compared with the frame this file builds
from testpmd's definition (60 bytes: 00:01:02:03:04:00 -> 00:01:02:03:04:01,
IPv4 10.254.0.0 -> 10.253.0.0 + flow, TTL 64, ID 0, header checksum by an
independent sum, UDP 1000 -> 1001 length 26 checksum 0, zero payload), and
the flow of each frame with the lcore's counter: one lcore runs the stream
sending on port 1, then the one sending on port 0, each a burst at a time,
the counter advancing per frame and wrapping at --flowgen-flows.  Frames
received (UDP/IPv4, and IPv6 frames well-formed and hostile from
golden.ipv6_hostile()) are counted as RX and consumed; TX-dropped stays 0; the exact
counts and testpmd's start line per port are checked.  --flowgen-clones=N
sends each frame built N more times within a burst."""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402


def frame(flow, length=60):
    """testpmd's flowgen frame of flow @flow, built here from the definition."""
    dst = (10 << 24 | 253 << 16) + flow
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, length - 14, 0, 0, 64, 17, 0,
                     g.ip4("10.254.0.0"), struct.pack("!I", dst & 0xFFFFFFFF))
    ip = ip[:10] + struct.pack("!H", t.inet_csum(ip)) + ip[12:]
    udp = struct.pack("!HHHH", 1000, 1001, length - 34, 0) + bytes(length - 42)
    return t.mac("00:01:02:03:04:01") + t.mac("00:01:02:03:04:00") + b"\x08\x00" + ip + udp


def expected(count, flows, burst, clones=0, length=60):
    """(frames on port 0, frames on port 1): the streams take turns a burst at a
    time, port 1's first (the stream receiving on port 0 comes first); a burst
    starts with a frame built, then each built frame is sent @clones more times,
    the flow counter advancing per frame sent."""
    out = {0: [], 1: []}
    flow = 0
    made = {0: 0, 1: 0}
    while made[0] < count or made[1] < count:
        for port in (1, 0):
            n = min(burst, count - made[port])
            left = 0
            for k in range(n):
                if k == 0 or left == 0:
                    built, left = frame(flow, length), clones
                else:
                    left -= 1
                out[port].append(built)
                flow = (flow + 1) % flows
            made[port] += n
    return out[0], out[1]


def first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"frame {i}: got {x.hex()} want {y.hex()}"
    return f"{len(a)} frames, {len(b)} wanted"


def case(tap, name, count, flows, burst, rx, clones=0, txpkts=None, v6=False):
    args = [f"--flowgen-count={count}", f"--burst={burst}"]
    if txpkts:
        args.append(f"--txpkts={txpkts}")
    if clones:
        args.append(f"--flowgen-clones={clones}")
    if flows is not None:
        args.append(f"--flowgen-flows={flows}")
    ins = [[g.udp_frame("02:00:00:00:00:01", "02:00:00:00:00:aa", "10.0.0.1", "10.0.0.2",
                        bytes(k)) for k in range(rx[p])] for p in (0, 1)]
    if v6:          # IPv6 frames, hostile ones too, after them: received and consumed
        for p in (0, 1):
            ins[p] += [f for _, f in g.ipv6_hostile("02:00:00:00:00:01", "02:00:00:00:00:aa", p)]
        rx = (len(ins[0]), len(ins[1]))
    run = g.PcapRun("flowgen", ins, args=args, tag="flowgen")
    try:
        r = run.r
        tap.eq(r.rc, 0, f"{name}: exit status", r.log())
        tap.eq(r.in_use, 0, f"{name}: mbufs in use at exit")
        # testpmd's length: --txpkts's sum less the 4 FCS bytes, in one segment
        length = sum(int(x) for x in txpkts.split(",")) - 4 if txpkts else 60
        want0, want1 = expected(count, flows or 1024, burst, clones, length)
        for port, want in ((0, want0), (1, want1)):
            got = run.outputs[port]
            tap.ok(got == want, f"{name}: port {port}: {len(want)} frames, every byte and flow",
                   first_difference(got, want))
        tot = r.total or {}
        tap.eq((tot.get("rx"), tot.get("tx"), tot.get("tx_dropped"), tot.get("generated"),
                tot.get("drops")),
               (sum(rx), 2 * count, 0, 2 * count, {"consumed": sum(rx)} if sum(rx) else {}),
               f"{name}: RX, TX, TX-dropped, generated, drops")
        lines = [ln for ln in r.out.splitlines() if ln.startswith("  number of flows")]
        tap.eq(lines, [f"  number of flows for port {p}: {flows or 1024}" for p in (0, 1)],
               f"{name}: testpmd's start line per port")
    finally:
        run.cleanup()


def main():
    tap = t.Tap()
    case(tap, "flowgen 3 flows, burst 4", 40, 3, 4, (5, 2))
    case(tap, "flowgen default 1024 flows", 96, None, 32, (0, 0))
    # 300 flows: the destination runs past 10.253.0.255 into 10.253.1.0
    case(tap, "flowgen 300 flows", 200, 300, 32, (3, 0))
    case(tap, "flowgen with IPv6 frames arriving", 64, 7, 16, (2, 1), v6=True)
    # each frame sent 3 times in all; the counter skips the flows the clones stood for
    case(tap, "flowgen --flowgen-clones=2", 30, 5, 4, (0, 1), clones=2)
    case(tap, "flowgen --txpkts=128", 20, 4, 8, (1, 1), txpkts="128")
    case(tap, "flowgen --txpkts=64,64,300", 12, 2, 8, (0, 0), txpkts="64,64,300")
    r = t.run(["--forward-mode=flowgen", "--txpkts=45", "--duration=1"], tag="flowgen_bad")
    tap.eq((r.rc, "skbfwd: flowgen: --txpkts of 45 bytes leaves 41-byte frames without the 4 FCS "
                  "bytes, fewer than the 42 header bytes" in r.err), (1, True),
           "flowgen --txpkts=45 refused", r.log())
    r = t.run(["--forward-mode=flowgen", "--flowgen-flows=0", "--duration=1"], tag="flowgen_bad")
    tap.eq((r.rc, "skbfwd: --flowgen-flows=0 is out of range (1..2147483647)" in r.err),
           (1, True), "flowgen --flowgen-flows=0 refused", r.log())
    g.null_run(tap, "flowgen", [], expect_tx=True)
    tap.done()


if __name__ == "__main__":
    main()
