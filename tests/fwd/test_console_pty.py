#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""skbfwd's console on a pseudo-terminal, typed as a person types: TAB
completes command words (one choice, and the common part of several), the up
arrow recalls earlier lines, Ctrl-A edits the line, Ctrl-D on an empty line
quits with the final statistics and no mbuf in use."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402
from console import EXIT_TAIL, Console, clean  # noqa: E402

UP = "\x1b[A"       # what the up arrow sends
CTRL_A = "\x01"
CTRL_D = "\x04"


def typed(c, keys, timeout=20):
    """Type @keys (ending in a return); what appeared up to the prompt of the
    next line, as the terminal got it (escape sequences and all).  A prompt
    redrawn in place (history recall) does not start a line: it is not that."""
    c.send(keys)
    out = c.read_until(b"\nskbfwd> ", timeout)
    return out if out is not None else ""


def main():
    tap = t.Tap()
    c = Console(["-i"], tag="pty", tty=True)
    try:
        banner = c.ready()
        if not tap.ok(banner is not None, "prompt on a terminal", c.log()):
            return tap
        # TAB: sh -> show, co -> config, f -> fwd
        out = typed(c, "sh\tco\tf\t\r")
        tap.ok("show " in out and "config " in out and "fwd " in out,
               "TAB completes show, config, fwd", repr(out))
        tap.ok("io packet forwarding - ports=2 - cores=1 - streams=2 - burst=32" in clean(out),
               "the completed line ran: show config fwd", repr(out))
        # TAB with several choices completes their common part: macs -> macswap
        out = typed(c, "set fwd macs\t\r")
        tap.ok("Set macswap packet forwarding mode" in clean(out),
               "TAB completes macs to macswap (macswap, macswap-raw)", repr(out))
        out = typed(c, "show port s\tal\t\r")
        tap.ok("  ######################## NIC statistics for port 1  ########################"
               in clean(out), "TAB: show port s -> stats, al -> all", repr(out))
        # history: one up is the last line, two ups the one before
        out = typed(c, UP + "\r")
        tap.ok("  ######################## NIC statistics for port 0  ########################"
               in clean(out), "up arrow: show port stats all again", repr(out))
        out = typed(c, UP + UP + "\r")
        tap.ok("Set macswap packet forwarding mode" in clean(out),
               "up arrow twice: the line before (set fwd macswap)", repr(out))
        # line editing: Ctrl-A goes to the start of the line
        out = typed(c, "how config fwd" + CTRL_A + "s\r")
        tap.ok("macswap packet forwarding - ports=2 - cores=1 - streams=2 - burst=32" in
               clean(out), "Ctrl-A then s: 'how config fwd' becomes 'show config fwd'",
               repr(out))
        out = typed(c, "nosuchcommand\r")
        tap.ok("Command not found" in clean(out), "an unknown word: Command not found",
               repr(out))
        rest = c.finish(CTRL_D.encode())
        tap.ok(any("Accumulated forward statistics for all ports" in ln for ln in rest),
               "Ctrl-D: the final statistics", "\n".join(rest))
        tap.eq(rest[-3:], EXIT_TAIL, "Ctrl-D: mbufs in use at exit: 0",
               c.log())
        tap.eq(c.rc, 0, "Ctrl-D: exit status")
    finally:
        c.close()
    return tap


if __name__ == "__main__":
    main().done()
