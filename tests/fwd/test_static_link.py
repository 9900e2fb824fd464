#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""-Ddpdk_link=static (registered only in such a build): skbfwd needs none of
DPDK's shared libraries, and every PMD drivers-glue/dpdk-static.txt lists is in
the program, as DPDK's own dpdk-pmdinfo.py reads it from the binary; then a run
on two of those devices (net_null, net_ring) forwards and ends cleanly."""

import json
import os
import re
import signal
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import skbfwd_test as t  # noqa: E402

# the driver names of the archives whose PMDs are not named after the archive
DRIVER_OF = {"net_mlx5": "mlx5_eth", "net_bond": "net_bonding", "net_ionic": "net_ionic_pci"}


def main():
    tap = t.Tap()
    dyn = subprocess.run(["readelf", "-d", t.SKBFWD], capture_output=True, text=True)
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dyn.stdout)
    tap.ok(dyn.returncode == 0 and needed, "readelf -d lists skbfwd's shared libraries", dyn.stderr)
    tap.eq([n for n in needed if n.startswith("librte_")], [], "no DPDK shared library needed")

    info = subprocess.run(["dpdk-pmdinfo.py", t.SKBFWD], capture_output=True, text=True)
    try:
        names = {d["name"] for d in json.loads(info.stdout)}
    except ValueError:
        names = set()
    tap.ok(info.returncode == 0 and names, "dpdk-pmdinfo.py reads the PMDs in skbfwd",
           info.stdout[-500:] + info.stderr[-500:])
    pmds = [p for p in t.dpdk_static_lists()["pmds"] if p.startswith("net_")]
    tap.ok(len(pmds) >= 7, f"dpdk-static.txt lists the PMDs ({len(pmds)})")
    for p in pmds:
        want = DRIVER_OF.get(p, p)
        tap.ok(any(n == want or n.startswith(want + "_") for n in names),
               f"{p}: driver {want} linked in", sorted(names))

    r = t.run(["--forward-mode=io"], tag="static", vdevs=["net_null0", "net_ring0"],
              signal_after=(2, signal.SIGINT))
    tap.eq(r.rc, 0, "skbfwd io on net_null0 and net_ring0: exit status", r.log())
    tot = r.total or {"rx": 0, "tx": 0, "tx_dropped": 0}
    tap.ok(tot["tx"] > 0, f"packets forwarded ({r.total})", r.log())
    tap.eq(tot["tx"] + tot["tx_dropped"], tot["rx"], "every packet received was sent or dropped",
           r.log())
    tap.eq(r.in_use, 0, "mbufs in use at exit", r.log())
    tap.done()


if __name__ == "__main__":
    main()
