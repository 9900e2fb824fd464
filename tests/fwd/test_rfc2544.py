#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The RFC 2544 throughput search against a device under test of known capacity.

The device is dut-tick (tests/fwd/dut_tick.c), a second DPDK process on the
other end of a memif link: a NIC with an RX ring of RING frames served by a
CPU that sends FRAMES of them back every PERIOD_US microseconds.  It forwards
without loss every rate r whose backlog over a trial of T seconds fits its ring:
(r - FRAMES / PERIOD) x T <= RING, so the highest no-loss rate is

    R* = FRAMES / PERIOD + RING / T      (11024 frames/s here)

at every frame size, however late the process runs on a machine shared with
other work (it keeps its ticks in virtual time; memif rings of 16384 frames
hold what arrives while it is descheduled).  skbfwd's rfc2544 engine, sending
out of its memif port and receiving back on it, must find a rate within
--rfc2544-resolution below R* (the search stops when its bounds are that close,
the lower one passing; 1 % more either way for the pacing's granularity), and
the latency trial at that rate must lose nothing.  The loss comes from the
probes' sequence numbers; dut-tick's own count of ring drops shows the search
did overflow the device."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

FRAMES = 16
PERIOD_US = 1600
RING = 2048
TRIAL = 2.0
RESOLUTION = 5.0
SIZES = [64, 1518]
R_STAR = FRAMES * 1e6 / PERIOD_US + RING / TRIAL


def main():
    tap = t.Tap()
    dut_bin = os.environ.get("DUT_TICK", "")
    if not dut_bin or not os.path.exists(dut_bin):
        tap.ok(False, "DUT_TICK names the dut-tick program (tests/meson.build)", dut_bin)
        tap.done()
    tmp = tempfile.mkdtemp(prefix="skbt_rfc2544_")
    sock = os.path.join(tmp, "memif.sock")
    rjson = os.path.join(tmp, "rfc2544.json")
    sjson = os.path.join(tmp, "stats.json")
    # skbfwd forwards on lcore 1; dut-tick sleeps between ticks on lcore 0
    fwd = peers.Skbfwd(["--forward-mode=rfc2544", "--port-topology=loop",
                        "--rfc2544-ports=0,0", f"--rfc2544-sizes={','.join(map(str, SIZES))}",
                        f"--rfc2544-trial={TRIAL}", "--rfc2544-rate=16kpps",
                        f"--rfc2544-resolution={RESOLUTION}", f"--rfc2544-json={rjson}",
                        f"--stats-json={sjson}", "--duration=100"],
                       [f"net_memif0,role=server,socket={sock},rsize=14"], "rfc2544")
    dut_prefix = t.file_prefix("dut")
    # the memif client after its server is there
    if not tap.ok(fwd.wait_started(), "skbfwd started as memif server", fwd.log()):
        fwd.stop()
        tap.done()
    dut = subprocess.Popen([dut_bin, "-l", "0", "--file-prefix", dut_prefix] + t.EAL_BASE +
                           ["--vdev", f"net_memif0,role=client,socket={sock},rsize=14", "--",
                            f"--frames={FRAMES}", f"--period-us={PERIOD_US}", f"--ring={RING}",
                            "--duration=100"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    dut_out = ""
    try:
        # the engine ends the run itself after the last size
        try:
            fwd.proc.wait(timeout=90)
        except subprocess.TimeoutExpired:
            pass
        r = fwd.stop()
        dut.terminate()
        dut_out = dut.communicate(timeout=30)[0]
        tap.eq(r.rc, 0, "skbfwd exit status", r.log())
        tap.ok(re.search(r"^rfc2544: done$", r.out, re.M) is not None,
               "the search ended by itself", r.log())
        tap.eq(r.in_use, 0, "skbfwd mbufs in use at exit")
        tap.eq(dut.returncode, 0, "dut-tick exit status", dut_out)
        m = re.search(r"^dut-tick: received (\d+) sent (\d+) ring-drops (\d+) tx-drops (\d+)$",
                      dut_out, re.M)
        if tap.ok(m is not None, "dut-tick's counts", dut_out):
            rx, tx, drops, txd = (int(x) for x in m.groups())
            tap.ok(drops > 0, f"the search overflowed the device's ring ({drops} ring drops)")
            tap.eq(txd, 0, "dut-tick: nothing refused by its memif TX")
            tap.eq(rx, tx + drops, "dut-tick: every frame received was sent back or dropped")
        res = None
        try:
            with open(rjson) as f:
                res = json.load(f)
        except (OSError, ValueError) as e:
            tap.ok(False, "--rfc2544-json written and valid", f"{e}\n{r.log()}")
        if res is not None:
            tap.eq(res["complete"], True, "the JSON says every size was measured")
            tap.eq([s["size"] for s in res["sizes"]], SIZES, "one result per frame size")
            for s in res["sizes"]:
                pps = s["mpps"] * 1e6
                lo = R_STAR * (1 - RESOLUTION / 100 - 0.01)
                tap.ok(lo <= pps <= R_STAR * 1.01,
                       f"{s['size']} bytes: no-loss rate {pps:.0f} frames/s within "
                       f"{RESOLUTION}% below R* = {R_STAR:.0f} ({lo:.0f}..{R_STAR * 1.01:.0f})",
                       "\n".join(re.findall(r"^rfc2544: .*$", r.out, re.M)) + "\n" + dut_out)
                tap.eq(s["lost"], 0, f"{s['size']} bytes: the trial at that rate lost nothing")
                wire = (s["size"] + 20) * 8
                tap.ok(abs(s["gbps"] - s["mpps"] * wire / 1e3) < 1e-5,
                       f"{s['size']} bytes: Gbit/s = Mpps x {wire} bits on the wire")
                lat = s.get("latency")
                if tap.ok(lat is not None, f"{s['size']} bytes: a latency trial at that rate"):
                    tap.eq(lat["lost"], 0, f"{s['size']} bytes: latency trial lost nothing")
                    tap.eq(lat["probes"], lat["sent"],
                           f"{s['size']} bytes: every probe of the latency trial measured")
                    q = [lat[k] for k in ("min_ns", "p50_ns", "p90_ns", "p99_ns", "p99_9_ns",
                                          "max_ns")]
                    tap.ok(0 < q[0] and q == sorted(q),
                           f"{s['size']} bytes: 0 < min <= p50 <= p90 <= p99 <= p99.9 <= max {q}")
                    # one tick of the device at least, a trial at most
                    tap.ok(q[1] >= 1000 and q[-1] < TRIAL * 1e9 + 2e9,
                           f"{s['size']} bytes: latencies of a device ticking every "
                           f"{PERIOD_US} us ({q[1]} ns median)")
        try:
            with open(sjson) as f:
                st = json.load(f)
            tap.eq(st.get("rfc2544"), res, "--stats-json's rfc2544 member is --rfc2544-json's")
        except (OSError, ValueError) as e:
            tap.ok(False, "--stats-json written and valid", str(e))
        png = rjson[:-5] + ".png"
        if peers.missing_tools("gnuplot"):
            tap.skip("the throughput chart", "needs gnuplot (Debian gnuplot-nox)")
        else:
            head = b""
            if os.path.exists(png):
                with open(png, "rb") as f:
                    head = f.read(8)
            tap.eq(head, b"\x89PNG\r\n\x1a\n", "the throughput chart is a PNG")
        tap.ok(re.search(r"^RFC 2544 throughput, port 0 -> device under test -> port 0", r.out,
                         re.M) is not None, "the table printed at exit", r.out)
    finally:
        if dut.poll() is None:
            dut.kill()
            dut.communicate()
        fwd.stop()
        t.cleanup_prefix(dut_prefix)
        shutil.rmtree(tmp, ignore_errors=True)
    return tap


if __name__ == "__main__":
    main().done()
