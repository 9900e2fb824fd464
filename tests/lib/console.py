# SPDX-License-Identifier: BSD-3-Clause
"""Drive skbfwd's console (-i) through a pipe or a pseudo-terminal: send a
line, read what it printed up to the next `skbfwd> ` prompt.  stdout and
stderr come through one descriptor, in the order skbfwd wrote them (skbfwd
flushes both after every command)."""

import os
import pty
import re
import select
import subprocess
import termios
import time

import skbfwd_test as t

PROMPT = b"skbfwd> "
# how every clean exit ends: the leak audit, then testpmd's last line
EXIT_TAIL = ["mbufs in use at exit: 0", "", "Bye..."]
# lines an idle port may print at any moment (link changes seen by polling)
ASYNC_RE = re.compile(r"^Port \d+: link event .*$")


def clean(text):
    """Output as lines: carriage returns gone, link events dropped."""
    lines = text.replace("\r", "").split("\n")
    return [ln for ln in lines if not ASYNC_RE.match(ln)]


class Console:
    """skbfwd with @args after "--" (add "-i" yourself), on @vdevs, its
    output read through a pipe, or a pseudo-terminal when @tty; @lcores is
    EAL's -l (None: give the lcores in @eal)."""

    def __init__(self, args, vdevs=None, tag="con", lcores="0,1", tty=False, eal=None):
        self.prefix = t.file_prefix(tag)
        cmd = [t.SKBFWD] + (["-l", lcores] if lcores else []) + \
            ["--file-prefix", self.prefix] + t.EAL_BASE
        for v in (vdevs if vdevs is not None else ["net_null0", "net_null1"]):
            cmd += ["--vdev", v]
        cmd += (eal or []) + ["--"] + list(args)
        self.buf = b""
        self.log_text = b""
        self.rc = None
        if tty:
            master, slave = pty.openpty()
            attrs = termios.tcgetattr(slave)
            attrs[1] &= ~termios.ONLCR      # "\n" stays "\n" on the way out
            termios.tcsetattr(slave, termios.TCSANOW, attrs)
            self.p = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave,
                                      close_fds=True, start_new_session=True)
            os.close(slave)
            self.rfd = self.wfd = master
        else:
            self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT)
            self.rfd = self.p.stdout.fileno()
            self.wfd = self.p.stdin.fileno()
        self.tty = tty

    def _fill(self, timeout):
        r, _, _ = select.select([self.rfd], [], [], timeout)
        if not r:
            return True
        try:
            data = os.read(self.rfd, 65536)
        except OSError:
            data = b""
        if not data:
            return False
        self.buf += data
        self.log_text += data
        return True

    def read_until(self, pat=PROMPT, timeout=30):
        """Everything up to @pat (consumed); None when it did not come in time."""
        if isinstance(pat, str):
            pat = pat.encode()
        end = time.time() + timeout
        while pat not in self.buf:
            if time.time() > end or not self._fill(0.1):
                if pat not in self.buf:
                    return None
        i = self.buf.index(pat)
        out = self.buf[:i]
        self.buf = self.buf[i + len(pat):]
        return out.decode(errors="replace")

    def ready(self, timeout=30):
        """The text printed before the first prompt (None: no prompt came)."""
        return self.read_until(PROMPT, timeout)

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        while data:
            n = os.write(self.wfd, data)
            data = data[n:]

    def cmd(self, line, timeout=30):
        """Run @line; its output lines (the echo removed), or None when no
        prompt followed within @timeout."""
        self.send(line + "\n")
        out = self.read_until(PROMPT, timeout)
        if out is None:
            return None
        lines = clean(out)
        # the echo (lcores' verbose lines may come first): the line as typed,
        # or its printable part (the library does not echo escape sequences)
        for echo in (line, re.sub(r"[^\x20-\x7e]", "", line)):
            if echo in lines:
                lines.remove(echo)
                break
        while lines and lines[-1] == "":
            lines.pop()
        return lines

    def finish(self, data=b"", timeout=60):
        """Send @data, close the input, wait for the exit; returns the output
        that followed as lines, and sets .rc."""
        if data:
            self.send(data)
        if not self.tty:
            self.p.stdin.close()
        end = time.time() + timeout
        while time.time() < end and self._fill(0.2):
            if self.p.poll() is not None and not select.select([self.rfd], [], [], 0.2)[0]:
                break
        try:
            self.rc = self.p.wait(timeout=max(1, end - time.time()))
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.rc = self.p.wait()
        while self._fill(0.1):
            if not select.select([self.rfd], [], [], 0.1)[0]:
                break
        rest = clean(self.buf.decode(errors="replace"))
        self.buf = b""
        while rest and rest[-1] == "":
            rest.pop()
        return rest

    def log(self):
        return self.log_text.decode(errors="replace")

    def close(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()
        if self.tty:
            os.close(self.rfd)
        t.cleanup_prefix(self.prefix)
