#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""What the testpmd options skbfwd honours do, with exact values:

* --max-pkt-len / --mbuf-size: a 9000-byte frame through io on net_pcap leaves
  byte for byte as it came (a chain of mbufs), as does a 1500-byte frame with
  512-byte mbufs (it cannot fit one); the MTU follows --max-pkt-len;
* --portlist: the forwarding order (chained topology over 3 ports, 2 -> 0 -> 1 -> 2);
  --nb-ports: only the first N ports forward; --portmask: the same with a mask;
* --coremask: the forwarding lcores are the mask's (--stats-json's lcores);
* --eth-peers-configfile: the mac engine writes each port's peer from the file,
  --eth-peer after it overrides one port; a 64 KiB comment line is read whole;
* --display-xstats: the named xstats with the periodic and the final statistics,
  exact counts of the frames of each port;
* RX flushing at start: without --no-flush-rx the pcap frames are flushed (and
  counted as such), with it they are forwarded;
* --rss-ip / --rss-udp / --rss-level-inner / --disable-rss / --rx-mq-mode and the
  offload masks: the lines saying what is on and what the port refused;
* --disable-device-start: ports set up, not started, nothing forwarded;
* --mbcache, --total-num-mbufs, --no-numa --socket-num: the pool as DPDK's
  telemetry shows it (/mempool/info)."""

import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import golden as g  # noqa: E402
import peers  # noqa: E402

MAC_A, MAC_B = "02:00:00:00:00:aa", "02:00:00:00:00:bb"


def frame(size, tag):
    """A UDP frame of @size bytes whose payload says @tag, its bytes all distinct-ish."""
    payload = bytes((tag * 37 + i * 7) & 0xFF for i in range(size - 42))
    return g.udp_frame(MAC_B, MAC_A, "10.0.0.1", "10.0.0.2", payload, sport=1000 + tag)


def stats_json(run):
    try:
        with open(run.path("stats.json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def jumbo(tap):
    big, mid, small = frame(9000, 1), frame(1500, 2), frame(60, 3)
    run = g.PcapRun("io", [[big, mid, small], []], ["--max-pkt-len=9018"], tag="jumbo")
    try:
        tap.eq(run.r.rc, 0, "jumbo io: exit status", run.r.log())
        tap.ok(run.outputs[1] == [big, mid, small],
               "jumbo io: 9000, 1500 and 60-byte frames leave port 1 byte for byte",
               f"port 1 sent {[len(f) for f in run.outputs[1]]} bytes")
        tap.ok("Port 0: --max-pkt-len=9018: MTU 9000" in run.r.out,
               "jumbo io: --max-pkt-len=9018 sets MTU 9000", run.r.out)
        tap.eq(run.r.in_use, 0, "jumbo io: mbufs in use at exit")
    finally:
        run.cleanup()
    # 512-byte mbufs hold 384 bytes of data: every frame but the small one is a chain
    run = g.PcapRun("io", [[mid, big, small, mid], []], ["--mbuf-size=512"], tag="chain")
    try:
        tap.eq(run.r.rc, 0, "512-byte mbufs: exit status", run.r.log())
        tap.ok(run.outputs[1] == [mid, big, small, mid],
               "512-byte mbufs: chained frames leave byte for byte",
               f"port 1 sent {[len(f) for f in run.outputs[1]]} bytes")
        tap.eq(run.r.in_use, 0, "512-byte mbufs: mbufs in use at exit")
    finally:
        run.cleanup()


def port_order(tap):
    ins = [[frame(100, p * 10 + k) for k in range(3)] for p in range(3)]
    run = g.PcapRun("io", ins, ["--portlist=2,0,1", "--port-topology=chained"], tag="plist")
    try:
        tap.eq(run.r.rc, 0, "--portlist=2,0,1 chained: exit status", run.r.log())
        # chained in list order: 2 -> 0, 0 -> 1, 1 -> 2
        tap.ok(run.outputs == [ins[2], ins[0], ins[1]],
               "--portlist=2,0,1 chained: port 0 sends 2's frames, 1 sends 0's, 2 sends 1's",
               f"frames sent per port: {[len(o) for o in run.outputs]}")
    finally:
        run.cleanup()
    for opt in ("--nb-ports=2", "--portmask=0x3"):
        run = g.PcapRun("io", ins, [opt], tag="nports")
        try:
            tap.eq(run.r.rc, 0, f"{opt} of 3 ports: exit status", run.r.log())
            tap.ok(run.outputs == [ins[1], ins[0], []],
                   f"{opt} of 3 ports: ports 0 and 1 forward, port 2 is left alone",
                   f"frames sent per port: {[len(o) for o in run.outputs]}")
            tap.ok(re.search(r"^skbfwd: io engine, 2 ports,", run.r.out, re.M) is not None,
                   f"{opt}: 2 ports in the start line", run.r.out)
        finally:
            run.cleanup()


def coremask(tap):
    with tempfile.TemporaryDirectory(prefix="skbfwd_cmask_") as d:
        for mask, want in (("0x4", [(2, 2)]), ("0x6", [(1, 1), (2, 1)])):
            js = os.path.join(d, f"s{mask}.json")
            r = t.run([f"--coremask={mask}", "--duration=0.3", f"--stats-json={js}"],
                      lcores=None, eal=["--lcores", "0@0,1@1,2@1"], tag="cmask")
            tap.eq(r.rc, 0, f"--coremask={mask}: exit status", r.log())
            try:
                with open(js) as f:
                    got = [(lc["lcore"], lc["streams"]) for lc in json.load(f)["lcores"]]
            except (OSError, ValueError, KeyError):
                got = None
            tap.eq(got, want, f"--coremask={mask}: forwarding lcores and their streams")


def peers_file(tap):
    ins = [[frame(80, 1), frame(90, 2)], [frame(100, 3)]]
    text = ("# peers of ports 0 and 1, a comment of 64 KiB on the way\n"
            + "#" + "x" * (64 * 1024 - 1) + "\n\n"
            + "02:00:00:00:00:0a\r\n" + "  02:00:00:00:00:0b  # port 1\n")
    for extra, peer1 in (([], "02:00:00:00:00:0b"),
                         (["--eth-peer=1,02:00:00:00:00:0c"], "02:00:00:00:00:0c")):
        run = g.PcapRun("mac", ins, ["--eth-peers-configfile=@DIR@/peers"] + extra,
                        extra_files={"peers": text}, tag="peers")
        try:
            tap.eq(run.r.rc, 0, f"peers file {extra}: exit status", run.r.log())
            # frames of port 0 leave port 1 to port 1's peer, and the other way
            want = [[t.mac("02:00:00:00:00:0a")] * 1, [t.mac(peer1)] * 2]
            got = [[f[:6] for f in out] for out in run.outputs]
            tap.eq(got, want, f"peers file {extra}: destination MACs of what each port sent")
            tap.ok([[f[12:] for f in out] for out in run.outputs] ==
                   [[f[12:] for f in ins[1]], [f[12:] for f in ins[0]]],
                   f"peers file {extra}: the rest of each frame as it came")
        finally:
            run.cleanup()


def xstats(tap):
    ins = [[frame(100, k) for k in range(5)], [frame(200, k) for k in range(3)]]
    run = g.PcapRun("io", ins, ["--display-xstats=rx_good_packets,tx_good_packets",
                                "--stats-period=1"], duration=2.5, tag="xstats")
    try:
        out = run.r.out
        tap.eq(run.r.rc, 0, "--display-xstats: exit status", run.r.log())
        head = "%-31s%-17s%s" % (" ", "Value", "Rate (since last show)")
        tap.ok(out.count("\n" + head + "\n") >= 2 * 2 + 2,
               "--display-xstats: testpmd's header with every periodic and final port block", out)
        final = {}
        for m in re.finditer(r"Extended statistics of port (\d+) \(--display-xstats\):\n"
                             r" +Value +Rate \(since last show\)\n"
                             r"  rx_good_packets +(\d+) +(\d+)\n  tx_good_packets +(\d+) +(\d+)\n",
                             out):
            final[int(m.group(1))] = (int(m.group(2)), int(m.group(4)))
        tap.eq(final, {0: (5, 3), 1: (3, 5)},
               "--display-xstats: final rx_good_packets, tx_good_packets of each port")
        line = re.search(r"^  rx_good_packets {10}[ \d]{11}\d [ \d]{14}\d$", out, re.M)
        tap.ok(line is not None, "--display-xstats: value and rate columns as testpmd's "
               "'  %-25s%12lu %15lu'", out)
    finally:
        run.cleanup()


def flush(tap):
    ins = [[frame(100, k) for k in range(4)], [frame(100, k) for k in range(2)]]
    d = tempfile.mkdtemp(prefix="skbfwd_flush_")
    try:
        vdevs = []
        for i, frames in enumerate(ins):
            t.write_pcap(os.path.join(d, f"in{i}.pcap"), frames)
            vdevs.append(f"net_pcap{i},rx_pcap={d}/in{i}.pcap,tx_pcap={d}/out{i}.pcap")
        r = t.run(["--duration=0.5", f"--stats-json={d}/s.json"], vdevs=vdevs, tag="flush")
        tap.eq(r.rc, 0, "without --no-flush-rx: exit status", r.log())
        tap.ok("skbfwd: 6 packets flushed from the RX queues before forwarding "
               "(--no-flush-rx keeps them)" in r.out, "without --no-flush-rx: 6 frames flushed",
               r.out)
        with open(f"{d}/s.json") as f:
            tot = json.load(f)["totals"]
        tap.eq((tot["rx_packets"], tot["tx_packets"]), (0, 0),
               "without --no-flush-rx: nothing left to forward")
        tap.eq([t.read_pcap(f"{d}/out{i}.pcap") for i in (0, 1)], [[], []],
               "without --no-flush-rx: nothing sent")
    finally:
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))
        os.rmdir(d)
    run = g.PcapRun("io", ins, [], tag="noflush")    # PcapRun gives --no-flush-rx
    try:
        tap.ok(run.outputs == [ins[1], ins[0]], "with --no-flush-rx: every frame forwarded",
               f"frames sent per port: {[len(o) for o in run.outputs]}")
        tap.ok("flushed" not in run.r.out, "with --no-flush-rx: nothing flushed", run.r.out)
    finally:
        run.cleanup()


def port_lines(tap):
    ip = "ipv4,ipv4-frag,ipv4-other,ipv6,ipv6-frag,ipv6-other,ipv6-ex"
    udp = "ipv4-udp,ipv6-udp,ipv6-udp-ex"
    q2 = ["--rxq=2", "--txq=2"]
    cases = [
        (q2 + ["--rss-ip"], None, [f"Port 0: RSS hash functions on: {ip}"], ["rss=on"]),
        (q2 + ["--rss-udp"], None, [f"Port 1: RSS hash functions on: {udp}"], ["rss=on"]),
        (q2 + ["--rss-udp", "--rss-level-inner"], None,
         [f"Port 0: RSS hash functions on: {udp}; refused by the port: level-inner"], []),
        (q2 + ["--disable-rss"], None, [], ["rss=off"]),
        (q2 + ["--rx-mq-mode=0x0"], None, [], ["rss=off"]),
        (q2 + ["--rss-ip"], ["net_ring0", "net_ring1"],
         [f"Port 0: RSS hash functions on: none; refused by the port: {ip}"], ["rss=off"]),
        (["--rx-offloads=0xe"], None,
         ["Port 0: RX offloads asked 0xe, refused by the port: IPV4_CKSUM,UDP_CKSUM,TCP_CKSUM"],
         []),
        (["--enable-rx-cksum", "--enable-hw-vlan-strip"], None,
         ["Port 1: RX offloads asked 0xf, refused by the port: "
          "VLAN_STRIP,IPV4_CKSUM,UDP_CKSUM,TCP_CKSUM"], []),
        (["--tx-offloads=0x8000"], None,
         ["Port 0: TX offloads asked 0x8000, refused by the port: MULTI_SEGS"], []),
        (["--max-pkt-len=3000"], None,
         ["Port 0: RX offloads asked 0x2000, refused by the port: SCATTER",
          "Port 0: --max-pkt-len=3000: MTU 2982"], []),
        (["--disable-device-start"], None,
         ["Port 0: configured, not started",
          "skbfwd: the ports are not started (--disable-device-start): nothing is forwarded"],
         []),
    ]
    for args, vdevs, lines, words in cases:
        r = t.run(args + ["--duration=0.2"], vdevs=vdevs, tag="plines")
        label = " ".join(args) + (f" on {vdevs[0]}" if vdevs else "")
        tap.eq(r.rc, 0, f"{label}: exit status", r.log())
        have = r.out.splitlines()
        tap.eq([ln for ln in lines if ln not in have], [], f"{label}: the lines", r.out)
        rss_lines = [ln for ln in have if "RSS hash functions" in ln]
        if not any("RSS" in ln for ln in lines):
            tap.eq(rss_lines, [], f"{label}: no RSS line")
        offl = re.search(r"^Port 0 offloads: .*$", r.out, re.M)
        tap.ok(offl is not None and all(w in offl.group(0) for w in words),
               f"{label}: {' '.join(words) or 'offload line'}", r.out)
        if "--disable-device-start" in args:
            tap.eq((r.total or {}).get("rx"), 0, f"{label}: nothing received")


def pool(tap):
    fwd = peers.Skbfwd(["--mbcache=64", "--total-num-mbufs=12345", "--no-numa",
                        "--socket-num=0", "--duration=30"], ["net_null0", "net_null1"], "pool")
    try:
        if not tap.ok(fwd.wait_started(), "pool options: skbfwd started", fwd.log()):
            return
        replies, raw = peers.dpdk_telemetry_py(fwd.prefix, ["/mempool/list",
                                                            "/mempool/info,skbfwd_pool_s0"])
        got = dict(replies)
        tap.eq(got.get("/mempool/list"), ["skbfwd_pool_s0"], "--no-numa: one pool", raw)
        info = got.get("/mempool/info") or {}
        tap.eq((info.get("size"), info.get("cache_size")), (12345, 64),
               "--total-num-mbufs=12345 --mbcache=64: the pool's size and cache", raw)
    finally:
        r = fwd.stop()
        tap.eq(r.rc, 0, "pool options: exit status", r.log())


def main():
    tap = t.Tap()
    jumbo(tap)
    port_order(tap)
    coremask(tap)
    peers_file(tap)
    xstats(tap)
    flush(tap)
    port_lines(tap)
    pool(tap)
    tap.done()


if __name__ == "__main__":
    main()
