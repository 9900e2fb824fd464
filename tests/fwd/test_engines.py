#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Each foundation engine on two net_null ports: forwards, TX = RX - drops,
zero mbufs in use at exit, exit 0."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402

tap = t.Tap()
for engine in ("io", "mac", "macswap"):
    r = t.run(["--forward-mode=" + engine, "--duration=2", "--stats-period=1"],
              tag=engine)
    tap.eq(r.rc, 0, f"{engine}: exit status", r.log())
    tot = r.total
    if not tap.ok(tot is not None, f"{engine}: final statistics printed", r.log()):
        continue
    tap.ok(tot["rx"] > 0, f"{engine}: packets forwarded ({tot['rx']})")
    drops = sum(tot["drops"].values())
    tap.eq(tot["tx"], tot["rx"] - drops, f"{engine}: TX == RX - counted drops")
    tap.eq(sorted(r.ports), [0, 1], f"{engine}: both ports reported")
    tap.eq(r.in_use, 0, f"{engine}: mbufs in use at exit")
    tap.ok("NIC statistics for port 0 " in r.out, f"{engine}: periodic block printed")
tap.done()
