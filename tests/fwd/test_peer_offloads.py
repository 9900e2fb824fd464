#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""drivers-glue turns on only the offloads a device reports, and says so.

For net_null and net_tap, under the io engine (asks for multi-segment TX) and
the csum engine (asks for IPv4/UDP checksum offload both ways), skbfwd's
start-up line

    Port 0 offloads: rx=ON tx=ON rss=off[ (asked, off: rx=OFF tx=OFF)]

must list as on exactly what was asked and what dpdk-testpmd, a second program
reading the same device, shows in "show port 0 rx_offload/tx_offload
capabilities"; and as off exactly what was asked but is not reported."""

import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
import peers  # noqa: E402

LINE = re.compile(r"^Port 0 offloads: rx=(\S+) tx=(\S+) rss=(on|off)"
                  r"(?: \(asked, off: rx=(\S+) tx=(\S+)\))?$", re.M)


def names(text):
    return set() if text in (None, "none") else set(text.split(","))


def testpmd_capa(vdev):
    """(rx, tx) offload capability names of port 0 as testpmd shows them."""
    prefix = t.file_prefix("capa")
    try:
        r = peers.sh(["dpdk-testpmd", "-l", "0,1", "--no-huge", "--no-pci", "-m", "256",
                      "--file-prefix", prefix, "--log-level", "lib.eal:error",
                      "--vdev", vdev, "--", "-i", "--total-num-mbufs=4096"],
                     check=False, timeout=60,
                     input="show port 0 rx_offload capabilities\n"
                           "show port 0 tx_offload capabilities\nquit\n")
    finally:
        t.cleanup_prefix(prefix)
    capa = []
    for kind in ("Rx", "Tx"):
        m = re.search(kind + r" Offloading Capabilities of port 0 :\s*\n"
                      r"\s*Per Queue :([^\n]*)\n\s*Per Port  :([^\n]*)", r.stdout)
        capa.append(set((m.group(1) + " " + m.group(2)).split()) if m else None)
    return capa[0], capa[1], r.stdout + r.stderr


def main():
    tap = t.Tap()
    if peers.missing_tools("dpdk-testpmd"):
        tap.skip("offloads against testpmd's capabilities", "needs dpdk-testpmd (Debian dpdk)")
        return tap
    devs = [("net_null", lambda n: "net_null0")]
    if t.is_root() and os.path.exists("/dev/net/tun"):
        devs.append(("net_tap", lambda n: f"net_tap0,iface={peers.iface_name(n)}"))
    else:
        tap.skip("net_tap offloads", "needs root and /dev/net/tun (tap devices)")
    for dev, vdev in devs:
        rx_capa, tx_capa, log = testpmd_capa(vdev("c"))
        if not tap.ok(rx_capa is not None and tx_capa is not None,
                      f"{dev}: testpmd shows the capabilities", log):
            continue
        for engine in ("io", "csum"):
            r = t.run([f"--forward-mode={engine}", "--port-topology=loop", "--duration=0.3"],
                      tag="offl", vdevs=[vdev("s")])
            m = LINE.search(r.out)
            if not tap.ok(r.rc == 0 and m is not None,
                          f"{dev} {engine}: start-up offload line printed", r.log()):
                continue
            rx_on, tx_on, rss = names(m.group(1)), names(m.group(2)), m.group(3)
            rx_off, tx_off = names(m.group(4)), names(m.group(5))
            rx_asked, tx_asked = rx_on | rx_off, tx_on | tx_off
            tap.ok("MULTI_SEGS" in tx_asked, f"{dev} {engine}: multi-segment TX asked for")
            tap.eq((sorted(rx_on), sorted(tx_on)),
                   (sorted(rx_asked & rx_capa), sorted(tx_asked & tx_capa)),
                   f"{dev} {engine}: on = asked and reported (rx, tx)")
            tap.eq((sorted(rx_off), sorted(tx_off)),
                   (sorted(rx_asked - rx_capa), sorted(tx_asked - tx_capa)),
                   f"{dev} {engine}: named as off = asked, not reported (rx, tx)")
            tap.eq(rss, "off", f"{dev} {engine}: RSS off with one RX queue")
    return tap


if __name__ == "__main__":
    main().done()
