#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Hostile input to skbfwd's console: every command with wrong arguments
(exactly one error line each), lines longer than the line buffer (refused
whole, never run cut), control characters and binary junk while forwarding
runs, at the prompt through a pipe and as a --cmdline-file; each session ends
with exit status 0 and 0 mbufs in use."""

import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
from console import EXIT_TAIL, Console  # noqa: E402

LONG = "skbfwd: line longer than 511 characters: ignored"
VALID = "(valid ports: 0 1)"

# a command with wrong arguments, and the one line it must print: a string is
# the line, a tuple ("prefix", p) any one line starting with p (the wording of
# option errors belongs to the option parser)
BAD = [
    ("start tx_first 0", "start tx_first 0: N is 1..65535"),
    ("start tx_first x", "Bad arguments"),
    ("start tx_first 4294967296", "Bad arguments"),
    ("start now", "Bad arguments"),
    ("stop now", "Bad arguments"),
    ("show port stats 9", f"Invalid port 9 {VALID}"),
    ("show port stats", "Bad arguments"),
    ("show port stats -1", "Bad arguments"),
    ("show port info 65536", "Bad arguments"),
    ("show port xstats 31", f"Invalid port 31 {VALID}"),
    ("show port nothing all", "Bad arguments"),
    ("clear port stats 7", f"Invalid port 7 {VALID}"),
    ("clear port info all", "Bad arguments"),
    ("show fwd stats", "Bad arguments"),
    ("clear fwd stats 0", "Bad arguments"),
    ("show config", "Bad arguments"),
    ("show config rxtx", "Bad arguments"),
    ("show drops 0", "Bad arguments"),
    ("set fwd", "Bad arguments"),
    ("set fwd nosuchmode", "Bad arguments"),
    ("set nosuchoption 1", "Bad arguments"),
    ("set burst 0", ("prefix", "skbfwd: --burst=0 ")),
    ("set burst 513", ("prefix", "skbfwd: --burst=513 ")),
    ("set burst -1", ("prefix", "skbfwd: --burst=-1 ")),
    ("set burst 99999999999999999999", ("prefix", "skbfwd: --burst=99999999999999999999 ")),
    ("set burst", "skbfwd: option --burst needs a value"),
    ("set nbcore 0", ("prefix", "skbfwd: --nb-cores=0 ")),
    ("set eth-peer 1", ("prefix", "skbfwd: --eth-peer")),
    ("set eth-peer 1 zz:zz", ("prefix", "skbfwd: --eth-peer")),
    ("set eth-peer 40 02:00:00:00:00:01", ("prefix", "skbfwd: --eth-peer")),
    ("set routes", "skbfwd: option --routes needs a value"),
    ("set routes /etc/hostname", "skbfwd: --routes is an option of the l3fwd engine, not of io"),
    ("set gro maybe", "skbfwd: option --gro takes no value"),
    ("set rss-ip off", "skbfwd: --rss-ip cannot be turned off once given"),
    ("set hairpinq 1", ("prefix", "skbfwd: --hairpinq is not supported: ")),
    ("set port-topology ring", ("prefix", "skbfwd: --port-topology=ring")),
    ("set total-num-mbufs 100000", "skbfwd: --total-num-mbufs takes effect at start-up only"),
    ("set verbose", "Bad arguments"),
    ("set verbose x", "Bad arguments"),
    ("set verbose 99999999999", "Bad arguments"),
    ("set promisc all maybe", "Bad arguments"),
    ("set promisc 9 on", f"Invalid port 9 {VALID}"),
    ("set promisc", "Bad arguments"),
    ("set link-up port 7", f"Invalid port 7 {VALID}"),
    ("set link-up 0", "Bad arguments"),
    ("set link-down port x", "Bad arguments"),
    ("port stop 5", f"Invalid port 5 {VALID}"),
    ("port start x", "Bad arguments"),
    ("port close", "Bad arguments"),
    ("port reset 0", "Bad arguments"),
    ("help me", "Bad arguments"),
    ("quit now", "Bad arguments"),
    ("\x1b[C\x1b[D", None),               # right, left: nothing to run
    ("show drops\x1b", "skbfwd: the line ends inside an escape sequence: ignored"),
    ("", None), ("   ", None), ("# a comment", None),
]


def one_line(got, want):
    if want is None:
        return got == []
    if isinstance(want, tuple):
        return len(got) == 1 and got[0].startswith(want[1])
    return got == [want]


def junk(seed, n):
    """@n bytes of noise: printable, control characters, escapes, high bytes, no newline."""
    rnd = random.Random(seed)
    pool = [bytes([b]) for b in range(256) if b not in (10, 13)] + \
        [b"\x1b[A", b"\x1b[B", b"\x1b[C", b"\x1b[D", b"\x1b[3~", b"\t", b"\x7f"] * 8
    return b"".join(rnd.choice(pool) for _ in range(n))


def prompt_session(tap):
    c = Console(["-i"], tag="hostile")
    try:
        if not tap.ok(c.ready() is not None, "prompt", c.log()):
            return
        for cmd, want in BAD:
            got = c.cmd(cmd)
            tap.ok(one_line(got, want), f"{cmd!r}: one error line ({want!r})", got)
        # a line the library would cut: refused whole, and the next line works
        got = c.cmd("x" * 10240)
        tap.ok(got is not None and got[-1:] == [LONG] and len(got) <= 2,
               "a 10 KB line: one error line", got)
        got = c.cmd("set routes /" + "a" * 700)
        tap.ok(got is not None and got[-1:] == [LONG], "a long set routes: refused, not cut",
               got)
        got = c.cmd("show config fwd" + " " * 496)          # 511 characters
        tap.eq(got[:1], ["io packet forwarding - ports=2 - cores=1 - streams=2 - burst=32"],
               "a 511-character line runs")
        got = c.cmd("show config fwd" + " " * 497)          # 512 characters
        tap.eq(got[-1:], [LONG], "a 512-character line is refused")
        # junk while forwarding runs
        start = c.cmd("start")
        tap.ok(start is not None and start[-1:] == [
            "skbfwd: io engine, 2 ports, 2 streams on 1 forwarding lcores, burst 32"],
            "start", start)
        for seed in range(4):
            c.send(junk(seed, 3000) + b"\n")
            c.send(b"\x03\nset verbose 0\n")                # Ctrl-C: a clean line
            out = c.read_until(b"Change verbose level from 0 to 0", 30)
            tap.ok(out is not None and c.read_until() is not None,
                   f"junk {seed}: the console still answers", c.log()[-3000:])
        got = c.cmd("show fwd stats all")
        acc = t.parse_accumulated("\n".join(got or []))
        tap.ok(acc is not None and acc["rx"] > 0, "forwarding ran through the junk", got)
        rest = c.finish(b"quit\n")
        tap.eq(rest[-3:], EXIT_TAIL, "quit after the junk: no mbuf in use",
               c.log()[-3000:])
        tap.eq(c.rc, 0, "prompt session: exit status 0")
    finally:
        c.close()


def file_session(tap):
    d = tempfile.mkdtemp(prefix="skbt_hostile_")
    path = os.path.join(d, "cmds")
    lines = [cmd.encode() for cmd, _ in BAD]
    lines += [b"x" * 10240, b"start", junk(7, 4000), b"\x04 show drops", b"stop",
              b"show config fwd"]
    with open(path, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")
    c = Console([f"--cmdline-file={path}"], tag="hostile_file")
    try:
        out = c.finish(timeout=60)
        text = "\n".join(out)
        for i, (cmd, want) in enumerate(BAD, start=1):
            if want in ("Bad arguments",):
                tap.ok(f"skbfwd: {path}:{i}: Bad arguments" in out,
                       f"file line {i} ({cmd!r}): FILE:LINE: Bad arguments", text[-2000:])
        n = len(BAD) + 1
        tap.ok(f"skbfwd: {path}:{n}: line longer than 511 characters: ignored" in out,
               "file: a 10 KB line refused with its line number", text[-2000:])
        tap.ok("  %-16s %14s %14s %14s" % ("Drops by reason", "port 0", "port 1", "total") in out,
               "file: a Ctrl-D byte is data, not the end of the file", text[-3000:])
        tap.ok(f"Read CLI commands from {path}" in out, "file: read to its end", text[-2000:])
        tap.eq(out[-3:], EXIT_TAIL, "file: no mbuf in use", text[-2000:])
        tap.eq(c.rc, 0, "file session: exit status 0")
    finally:
        c.close()
        shutil.rmtree(d, ignore_errors=True)


def main():
    tap = t.Tap()
    prompt_session(tap)
    file_session(tap)
    return tap


if __name__ == "__main__":
    main().done()
