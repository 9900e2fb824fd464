#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""skbfwd survives memif peers that come and go while it forwards.

skbfwd io is the memif server (its forwarding lcore on core 0, which a busy
loop shares so that the lcore is often descheduled inside a burst).  PEERS
clients, each a short skbfwd txonly --latency run at 1 Mpps, connect, send,
take back every probe and leave, one after the other.  Each leave makes DPDK
22.11's memif PMD unmap the connection's rings on the server's interrupt
thread: without drivers-glue's grace period (drivers-glue/quiesce.h) the
server's lcore faulted on them within 3 to 15 leaves in each of five runs here.  The server
must still run after every leave and exit 0 on SIGTERM with nothing in use;
every frame is accounted for on both sides."""

import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

PEERS = 24
RUN = 0.5


def busy_loop_on_core0():
    """A process that spins on core 0 until killed (by its PID)."""
    return subprocess.Popen([sys.executable, "-c",
                             "import os\nos.sched_setaffinity(0, {0})\nwhile True:\n    pass\n"])


def main():
    tap = t.Tap()
    tmp = tempfile.mkdtemp(prefix="skbt_memifleave_")
    sock = os.path.join(tmp, "memif.sock")
    vdev = f"net_memif0,role=server,socket={sock},rsize=14"
    hog = busy_loop_on_core0()
    server = peers.Skbfwd(["--forward-mode=io", "--port-topology=loop"], [vdev], "mleaveB",
                          eal=["--main-lcore", "1"])
    try:
        if not tap.ok(server.wait_started(), "skbfwd io started as memif server", server.log()):
            return tap
        sent = back = 0
        alive = True
        for i in range(PEERS):
            r = t.run(["--forward-mode=txonly", "--port-topology=loop", "--tx-rate=1Mpps",
                       "--latency", f"--duration={RUN}"],
                      tag=f"mleaveA{i}", lcores="0,1", eal=["--main-lcore", "0"],
                      vdevs=[f"net_memif0,role=client,socket={sock},rsize=14"], timeout=60)
            tap.eq((r.rc, r.in_use), (0, 0), f"peer {i + 1}: exit status, mbufs in use", r.log())
            a0 = r.ports.get(0, {})
            f = t.LATENCY_FLOW_RE.search(r.out)
            if tap.ok(f is not None and a0.get("tx", 0) > 0,
                      f"peer {i + 1}: sent frames and printed its flow line", r.out):
                rx, lost, reord, fsent = (int(x) for x in f.groups())
                # a probe still on its way back when the peer's 1 s wait ends
                # counts as lost: on a loaded machine some may be
                tap.eq((fsent, rx + lost, reord, a0.get("rx")), (a0["tx"], a0["tx"], 0, rx),
                       f"peer {i + 1}: probes sent, received + lost, reordered, RX-packets")
                sent += a0["tx"]
                back += rx
            alive = server.proc.poll() is None
            if not tap.ok(alive, f"skbfwd io still runs after peer {i + 1} left",
                          f"exit status {server.proc.returncode}\n" + server.log()):
                break
        b = server.stop()
        tap.eq(b.rc, 0, "skbfwd io exit status after SIGTERM", b.log())
        tap.eq(b.in_use, 0, "skbfwd io: mbufs in use at exit")
        b0 = b.ports.get(0, {})
        if alive and tap.ok("rx" in b0, "skbfwd io's statistics for port 0", b.out):
            # what a peer left in the rings when it went is neither read nor sent
            tap.ok(back <= b0["tx"] <= b0["rx"] <= sent,
                   f"peers got back {back} <= io TX {b0['tx']} <= io RX {b0['rx']} <= "
                   f"peers sent {sent}", b.out)
            tap.eq(b0["tx"] + b0["tx_dropped"], b0["rx"], "io: TX + TX-dropped == RX")
    finally:
        server.stop()
        hog.kill()
        hog.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return tap


if __name__ == "__main__":
    main().done()
