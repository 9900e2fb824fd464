#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""--stats-json: the file parses, follows the schema of docs/usage.md, its
totals equal the per-port counters (and the text output), queues and lcores add
up to the totals, burst histograms add up to the packets, and bytes are exact
on a pcap input."""

import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import golden as g  # noqa: E402
import skbfwd_test as t  # noqa: E402

KEYS = ["rx_packets", "rx_bytes", "tx_packets", "tx_bytes", "generated", "tx_full",
        "drops_total"]

tap = t.Tap()
tmp = tempfile.mkdtemp(prefix="skbfwd_json_")
path = os.path.join(tmp, "stats.json")


def load(r, name):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        tap.ok(False, f"{name}: JSON parses", f"{e}\n{r.log()}")
        return None


def sum_of(items, key):
    return sum(i[key] for i in items)


def check_sums(tap, name, js, r):
    tap.eq(js["schema"], "skbfwd-stats/1", f"{name}: schema")
    tot = js["totals"]
    for k in KEYS:
        tap.eq(tot[k], sum_of(js["ports"], k), f"{name}: totals.{k} == sum over ports")
        tap.eq(tot[k], sum_of(js["queues"], k), f"{name}: totals.{k} == sum over queues")
        tap.eq(tot[k], sum_of(js["lcores"], k), f"{name}: totals.{k} == sum over lcores")
    for k in ("rx_pps", "tx_pps", "rx_bps", "tx_bps"):
        for group in ("ports", "queues", "lcores"):
            tap.ok(abs(tot[k] - sum_of(js[group], k)) < 0.01 * len(js[group]),
                   f"{name}: totals.{k} == sum over {group} ({tot[k]})")
    reasons = js["drop_reasons"]
    tap.eq(sorted(tot["drops"]), sorted(reasons), f"{name}: drop reason keys")
    tap.eq(sum(tot["drops"].values()), tot["drops_total"], f"{name}: drops_total")
    text = r.total
    tap.eq((tot["rx_packets"], tot["tx_packets"], tot["drops_total"]),
           (text["rx"], text["tx"], sum(text["drops"].values())),
           f"{name}: totals == the accumulated text statistics")
    for p in js["ports"]:
        tp = r.ports.get(p["port"], {})
        tap.eq((p["rx_packets"], p["tx_packets"], p["rx_bytes"], p["tx_bytes"],
                {k: v for k, v in p["drops"].items() if v}),
               (tp.get("rx"), tp.get("tx"), tp.get("rx_bytes"), tp.get("tx_bytes"), tp.get("drops")),
               f"{name}: port {p['port']} == its text block")


# io on net_null, 2 queues per port, burst histograms
r = t.run(["--forward-mode=io", "--duration=1", "--rxq=2", "--txq=2", "--stats-json=" + path,
           "--record-burst-stats", "--record-core-cycles", "--stats-period=1"], tag="json_io")
tap.eq(r.rc, 0, "io: exit status", r.log())
js = load(r, "io")
if js:
    check_sums(tap, "io", js, r)
    tap.eq(len(js["queues"]), 4, "io: 4 queues (2 ports x 2 RX queues)")
    tap.eq(sorted((q["rx_port"], q["rx_queue"]) for q in js["queues"]),
           [(0, 0), (0, 1), (1, 0), (1, 1)], "io: queue identities")
    tap.ok(js["totals"]["rx_packets"] > 0, "io: packets forwarded")
    for q in js["queues"]:
        rx = sum(int(k) * v for k, v in q["rx_bursts"].items())
        tx = sum(int(k) * v for k, v in q["tx_bursts"].items())
        tap.eq((rx, tx), (q["rx_packets"], q["tx_packets"]),
               f"io: queue {q['rx_port']}/{q['rx_queue']} burst histograms add up")
    # io's bytes are the devices' own counters, and net_null keeps none
    tap.eq((js["totals"]["rx_bytes"], js["totals"]["tx_bytes"]), (0, 0),
           "io: bytes from net_null's own counters (it keeps none)")
    tap.ok("cycles_per_packet" in js["totals"], "io: cycles per packet recorded")
    tap.ok(all(p["rx_pps"] >= 0 and p["tx_bps"] >= 0 for p in js["ports"]), "io: rates present")

# l3fwd on two pcap ports: exact bytes, TX counted on the port actually used
os.unlink(path) if os.path.exists(path) else None
A, M = "02:00:00:00:aa:01", "02:70:63:61:70:00"
frames = [g.udp_frame(M, A, "1.1.1.1", "10.1.0.1", bytes(20)),
          g.udp_frame(M, A, "1.1.1.1", "10.2.0.1", bytes(100)),
          g.udp_frame(M, A, "1.1.1.1", "10.2.0.2", bytes(300)),
          g.udp_frame(M, A, "1.1.1.1", "10.3.0.1", bytes(40))]
run = g.PcapRun("l3fwd", [frames, []], ["--routes=@DIR@/r.conf", "--stats-json=" + path],
                extra_files={"r.conf": "10.1.0.0/16 0 02:00:00:00:00:09\n"
                                       "10.2.0.0/16 1 02:00:00:00:00:08\n"}, tag="json_l3fwd")
tap.eq(run.r.rc, 0, "l3fwd: exit status", run.r.log())
js = load(run.r, "l3fwd")
if js:
    check_sums(tap, "l3fwd", js, run.r)
    ports = {p["port"]: p for p in js["ports"]}
    tap.eq((ports[0]["rx_packets"], ports[0]["rx_bytes"]), (4, sum(map(len, frames))),
           "l3fwd: port 0 RX packets and bytes exact")
    tap.eq((ports[0]["tx_packets"], ports[0]["tx_bytes"]), (1, len(frames[0])),
           "l3fwd: port 0 TX = the one frame routed back")
    tap.eq((ports[1]["tx_packets"], ports[1]["tx_bytes"]), (2, len(frames[1]) + len(frames[2])),
           "l3fwd: port 1 TX = the two frames routed there")
    tap.eq(js["totals"]["drops"]["no_route"], 1, "l3fwd: no_route drop in JSON")
    # no --stats-period: rates over the whole run, bytes and packets over the same time
    p0 = ports[0]
    tap.ok(p0["rx_pps"] > 0 and abs(p0["rx_bps"] / p0["rx_pps"] - 8 * sum(map(len, frames)) / 4)
           < 0.5, f"l3fwd: port 0 rx_bps / rx_pps == 8 x mean frame bytes ({p0['rx_bps']})")
run.cleanup()

# two forwarding lcores (three EAL lcores on the machine's two CPUs): l3fwd gets a
# TX queue per lcore on every port, each lcore its own stream
prefix = t.file_prefix("json_mc")
cmd = [t.SKBFWD, "--lcores", "0@0,1@1,2@1", "--file-prefix", prefix] + t.EAL_BASE + \
    ["--vdev", "net_null0", "--vdev", "net_null1", "--", "--forward-mode=l3fwd",
     "--nb-cores=2", "--duration=1", "--stats-json=" + path]
p = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
t.cleanup_prefix(prefix)
r = t.Result(p.returncode, p.stdout, p.stderr)
tap.eq(r.rc, 0, "2 lcores: exit status", r.log())
tap.ok("--txq raised from 1 to 2" in r.out, "2 lcores: l3fwd raised --txq to 2", r.out)
js = load(r, "2 lcores")
if js:
    check_sums(tap, "2 lcores", js, r)
    tap.eq(sorted(lc["lcore"] for lc in js["lcores"]), [1, 2], "2 lcores: both in the JSON")
    tap.eq(sorted((q["rx_port"], q["tx_queue"], q["lcore"]) for q in js["queues"]),
           [(0, 0, 1), (1, 1, 2)], "2 lcores: each stream on its lcore's TX queue")
    tap.ok(all(lc["rx_packets"] > 0 for lc in js["lcores"]), "2 lcores: both received")

r = t.run(["--duration=0.2", "--stats-json=/nonexistent-dir/x.json"], tag="json_bad")
tap.ok("--stats-json=/nonexistent-dir/x.json: cannot write" in r.err,
       "unwritable --stats-json named", r.log())
if os.path.exists(path):
    os.unlink(path)
os.rmdir(tmp)
tap.done()
