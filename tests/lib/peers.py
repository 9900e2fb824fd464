# SPDX-License-Identifier: BSD-3-Clause
"""Helpers for the real-peer tests (tests/fwd/test_peer_*.py): skbfwd running in
the background, network namespaces holding its net_tap interfaces, hugepages for
secondary processes (dpdk-dumpcap, dpdk-proc-info), and a telemetry client.

Everything made here is undone by the matching cleanup, also when a test fails:
namespaces deleted, hugepage mount and count restored, /var/run/dpdk/<prefix>
removed, skbfwd stopped by its own PID."""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

import skbfwd_test as t

HUGE_PAGES = 256
HUGE_NR = "/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages"
HUGE_DIR = "/dev/hugepages"


def sh(cmd, check=True, timeout=30, **kw):
    """Run @cmd (a list); returns CompletedProcess with text output."""
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=timeout, **kw)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr.strip()}")
    return r


def missing_tools(*names):
    """The names of the programs in @names that are not on PATH."""
    return [n for n in names if shutil.which(n) is None]


def wait_until(pred, timeout, step=0.05):
    """Poll @pred until it returns a true value or @timeout seconds pass."""
    end = time.monotonic() + timeout
    while True:
        v = pred()
        if v or time.monotonic() >= end:
            return v
        time.sleep(step)


# ---------------------------------------------------------------- privileges

def netns_unavailable():
    """Why namespaces with tap devices cannot be used here, or None."""
    if not t.is_root():
        return "needs root (network namespaces, tap devices)"
    if missing_tools("ip"):
        return "needs iproute2 (ip)"
    if not os.path.exists("/dev/net/tun"):
        return "needs /dev/net/tun (tap devices)"
    name = f"skbp_probe_{os.getpid()}"
    r = sh(["ip", "netns", "add", name], check=False)
    if r.returncode != 0:
        return f"cannot create a network namespace: {r.stderr.strip()}"
    sh(["ip", "netns", "del", name], check=False)
    return None


def netns_tap(what):
    """A Tap for a test of @what that needs namespaces with tap devices; when
    they cannot be made here, @what reported as skipped and the test ended."""
    tap = t.Tap()
    why = netns_unavailable()
    if why:
        tap.skip(what, why)
        tap.done()
    return tap


def hosts_unavailable():
    """Why kernel hosts (TapHosts, ping, udp_transfer) cannot be used here, or None."""
    why = netns_unavailable()
    missing = missing_tools("ping", "socat", "ss", "sysctl", "ethtool")
    if why is None and missing:
        why = f"needs {', '.join(missing)} (Debian iputils-ping, socat, iproute2, procps, ethtool)"
    return why


# ---------------------------------------------------------------- namespaces

class Netns:
    """A network namespace with IPv6 off (so the kernel sends only what the
    test sends: no router solicitations, MLD or DAD) and lo up."""

    def __init__(self, tag):
        self.name = f"skbp_{tag}_{os.getpid()}"
        sh(["ip", "netns", "add", self.name])
        for key in ("all", "default"):
            self.run(["sysctl", "-qw", f"net.ipv6.conf.{key}.disable_ipv6=1"])
        self.run(["ip", "link", "set", "lo", "up"])

    def cmd(self, argv):
        return ["ip", "netns", "exec", self.name] + list(argv)

    def run(self, argv, check=True, timeout=30):
        return sh(self.cmd(argv), check=check, timeout=timeout)

    def popen(self, argv, **kw):
        return subprocess.Popen(self.cmd(argv), text=True, **kw)

    def take_iface(self, iface, mac=None, addr=None, src=None):
        """Move @iface from namespace @src (a Netns; None: the caller's) here,
        set its MAC, address it, bring it up.  An IPv6 @addr turns IPv6 on for
        @iface alone, without duplicate address detection, router
        solicitations or autoconfiguration."""
        move = ["ip", "link", "set", iface, "netns", self.name]
        sh(src.cmd(move) if src is not None else move)
        if mac:
            self.run(["ip", "link", "set", iface, "address", mac])
        if addr and ":" in addr:
            for key, val in (("accept_dad", 0), ("dad_transmits", 0), ("accept_ra", 0),
                             ("router_solicitations", 0), ("autoconf", 0),
                             ("disable_ipv6", 0)):
                self.run(["sysctl", "-qw", f"net.ipv6.conf.{iface}.{key}={val}"])
            self.run(["ip", "addr", "add", addr, "dev", iface, "nodad"])
        elif addr:
            self.run(["ip", "addr", "add", addr, "dev", iface])
        self.run(["ip", "link", "set", iface, "up"])

    def neigh(self, ip, mac, iface):
        self.run(["ip"] + (["-6"] if ":" in ip else []) +
                 ["neigh", "replace", ip, "lladdr", mac, "dev", iface,
                  "nud", "permanent"])

    def nstat(self, names):
        """The namespace's kernel counters @names (nstat's, absolute; 0 when
        nstat has none of a name)."""
        r = self.run(["nstat", "-a", "-z", "-s"] + list(names), check=False)
        got = dict.fromkeys(names, 0)
        for line in r.stdout.splitlines():
            f = line.split()
            if len(f) >= 2 and f[0] in got:
                got[f[0]] = int(f[1])
        return got

    def udp_bound(self, port):
        r = self.run(["ss", "-Huln", f"sport = :{port}"], check=False)
        return r.returncode == 0 and r.stdout.strip() != ""

    def delete(self):
        sh(["ip", "netns", "del", self.name], check=False)


def iface_name(tag):
    """A kernel interface name of this process (at most 15 characters)."""
    return f"sp{os.getpid() % 100000}{tag}"[:15]


def ping_ttls(out):
    """The TTLs (hop limits) of ping's replies in @out, each once, sorted."""
    return sorted(set(re.findall(r"ttl=(\d+)", out)))


def ping(ns, dst, count=5):
    """Ping @dst (IPv4 or IPv6) from @ns; returns (transmitted, received, output)."""
    r = ns.run(["ping"] + (["-6"] if ":" in dst else []) +
               ["-n", "-c", str(count), "-i", "0.2", "-W", "2", dst],
               check=False, timeout=30)
    m = re.search(r"(\d+) packets transmitted, (\d+) received", r.stdout)
    if not m:
        return None, None, r.stdout + r.stderr
    return int(m.group(1)), int(m.group(2)), r.stdout


# ---------------------------------------------------------------- skbfwd

class Skbfwd:
    """skbfwd in the background (in @netns when given: its taps are then born
    without IPv6), its output in files; stop() signals it and returns a
    skbfwd_test.Result."""

    def __init__(self, args, vdevs, tag, netns=None, huge=False, lcores="0,1",
                 eal=None):
        self.prefix = t.file_prefix(tag)
        self.dir = tempfile.mkdtemp(prefix=f"skbp_{tag}_")
        eal_base = list(t.EAL_BASE)
        if huge:
            eal_base.remove("--no-huge")
        cmd = [t.SKBFWD, "-l", lcores, "--file-prefix", self.prefix] + eal_base
        for v in vdevs:
            cmd += ["--vdev", v]
        cmd += (eal or []) + ["--"] + list(args)
        if netns is not None:
            cmd = netns.cmd(cmd)
        self.out_path = os.path.join(self.dir, "out")
        self.err_path = os.path.join(self.dir, "err")
        self._out = open(self.out_path, "w")
        self._err = open(self.err_path, "w")
        self.proc = subprocess.Popen(cmd, stdout=self._out, stderr=self._err)
        self.result = None

    def out(self):
        with open(self.out_path) as f:
            return f.read()

    def err(self):
        with open(self.err_path) as f:
            return f.read()

    def log(self):
        return self.out() + "\n--- stderr ---\n" + self.err()

    def wait_started(self, timeout=20):
        """True once skbfwd printed its start line (ports up, lcores about to run)."""
        return bool(wait_until(
            lambda: self.proc.poll() is not None or
            re.search(r"^skbfwd: \S+ engine, ", self.out(), re.M), timeout)) and \
            self.proc.poll() is None

    def wait_line(self, regex, timeout):
        return wait_until(lambda: re.search(regex, self.out(), re.M), timeout)

    def stop(self, timeout=30):
        """SIGTERM, wait, parse; the prefix directory is removed."""
        if self.result is not None:
            return self.result
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._out.close()
        self._err.close()
        self.result = t.Result(self.proc.returncode, self.out(), self.err())
        t.cleanup_prefix(self.prefix)
        shutil.rmtree(self.dir, ignore_errors=True)
        return self.result


# ---------------------------------------------------------------- telemetry

def telemetry(prefix, cmd, timeout=5):
    """One telemetry command over /var/run/dpdk/<prefix>/dpdk_telemetry.v2
    (the protocol dpdk-telemetry.py speaks); returns the decoded value."""
    path = f"/var/run/dpdk/{prefix}/dpdk_telemetry.v2"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    s.settimeout(timeout)
    try:
        s.connect(path)
        hello = json.loads(s.recv(16384).decode())
        s.send(cmd.encode())
        reply = json.loads(s.recv(hello.get("max_output_len", 16384)).decode())
    finally:
        s.close()
    return reply.get(cmd.split(",")[0])


def telemetry_or_none(prefix, cmd):
    """telemetry(), or None while the socket is not there or does not answer."""
    try:
        return telemetry(prefix, cmd)
    except (OSError, ValueError):
        return None


def dpdk_telemetry_py(prefix, cmds, timeout=60):
    """Run dpdk-telemetry.py -f @prefix with @cmds on its stdin; returns a list
    of (command, decoded reply value) in order, and the raw output."""
    r = sh(["dpdk-telemetry.py", "-f", prefix], check=False, timeout=timeout,
           input="\n".join(cmds) + "\n")
    replies = []
    for line in r.stdout.splitlines():
        line = line.strip()
        i = line.find("{")
        if i < 0:
            continue
        try:
            obj = json.loads(line[i:])
        except ValueError:
            continue
        if "version" in obj and "pid" in obj:
            continue        # the greeting
        replies.extend(obj.items())
    return replies, r.stdout + r.stderr


# ---------------------------------------------------------------- hugepages

class Hugepages:
    """At least HUGE_PAGES free 2 MiB pages and a hugetlbfs mount, for a primary
    and its secondary processes.  undo() restores the page count and unmounts
    only what this made.  .why is set (and nothing changed) when it cannot."""

    def __init__(self, pages=HUGE_PAGES):
        self.why = None
        self.old_nr = None
        self.mounted = None
        self.made_dir = False
        if not t.is_root():
            self.why = "needs root to reserve hugepages and mount hugetlbfs"
            return
        if not os.path.exists(HUGE_NR):
            self.why = f"no 2 MiB hugepage support ({HUGE_NR} missing)"
            return
        try:
            with open(HUGE_NR) as f:
                self.old_nr = int(f.read())
            free = self._free()
            if free < pages:
                with open(HUGE_NR, "w") as f:
                    f.write(str(self.old_nr + pages - free))
            if self._free() < pages:
                self.why = f"cannot reserve {pages} free 2 MiB hugepages (have {self._free()})"
                self.undo()
                return
            if not self._hugetlbfs_mounted():
                if not os.path.isdir(HUGE_DIR):
                    os.makedirs(HUGE_DIR)
                    self.made_dir = True
                r = sh(["mount", "-t", "hugetlbfs", "nodev", HUGE_DIR], check=False)
                if r.returncode != 0:
                    self.why = f"cannot mount hugetlbfs: {r.stderr.strip()}"
                    self.undo()
                    return
                self.mounted = HUGE_DIR
        except OSError as e:
            self.why = f"cannot set up hugepages: {e}"
            self.undo()

    @staticmethod
    def _free():
        with open("/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages") as f:
            return int(f.read())

    @staticmethod
    def _hugetlbfs_mounted():
        with open("/proc/mounts") as f:
            return any(line.split()[2] == "hugetlbfs" for line in f if len(line.split()) > 2)

    def undo(self):
        if self.mounted:
            sh(["umount", self.mounted], check=False)
            self.mounted = None
            if self.made_dir:
                try:
                    os.rmdir(HUGE_DIR)
                except OSError:
                    pass
        if self.old_nr is not None:
            try:
                with open(HUGE_NR, "w") as f:
                    f.write(str(self.old_nr))
            except OSError:
                pass
            self.old_nr = None


def secondary_eal(prefix):
    """EAL arguments for a secondary process attaching to the primary @prefix."""
    return ["--file-prefix", prefix, "--no-pci", "--log-level", "lib.eal:error"]


# ---------------------------------------------------------------- kernel hosts

class TapHosts:
    """Two kernel hosts, A and B, each in its own namespace holding one net_tap
    interface of skbfwd (port 0 in A, port 1 in B).  skbfwd itself runs in a
    third namespace so its taps are born without IPv6 and the kernel sends
    nothing the test did not ask for.  With link="veth", each host is instead
    the far end of a veth pair whose near end skbfwd opens with net_af_packet.

    port_mac[p]: skbfwd's MAC on port p; host_mac[p]: the host's on the same link.
    start() returns False (with .log()) when skbfwd does not come up."""

    port_mac = ("02:00:00:0a:00:01", "02:00:00:0b:00:01")
    host_mac = ("02:00:00:0a:00:02", "02:00:00:0b:00:02")

    def __init__(self, tag, link="tap"):
        self.tag = tag
        self.link = link
        self.ns = []
        self.fwd = None
        self.ifaces = (iface_name(tag + "a"), iface_name(tag + "b"))
        # the hosts' interface names (a veth pair needs two)
        self.host_ifaces = self.ifaces if link == "tap" else \
            tuple(iface_name(tag + x) for x in ("ha", "hb"))
        try:
            self.nsr = self._netns(tag + "r")
            self.hosts = (self._netns(tag + "a"), self._netns(tag + "b"))
        except Exception:
            self.cleanup()
            raise

    def _netns(self, tag):
        n = Netns(tag)
        self.ns.append(n)
        return n

    def start(self, args, addrs, huge=False):
        """Run skbfwd with @args (with hugepages when @huge); address host p
        with @addrs[p] (CIDR)."""
        if self.link == "veth":
            for p in (0, 1):
                self.nsr.run(["ip", "link", "add", self.ifaces[p], "address", self.port_mac[p],
                              "type", "veth", "peer", "name", self.host_ifaces[p],
                              "address", self.host_mac[p], "netns", self.hosts[p].name])
                self.nsr.run(["ip", "link", "set", self.ifaces[p], "up"])
                self.hosts[p].run(["ip", "addr", "add", addrs[p], "dev", self.host_ifaces[p]])
                # veth leaves checksums to be filled in later (CHECKSUM_PARTIAL);
                # a packet socket reads them unfinished, so the host fills them
                self.hosts[p].run(["ethtool", "-K", self.host_ifaces[p], "tx", "off"])
                self.hosts[p].run(["ip", "link", "set", self.host_ifaces[p], "up"])
            vdevs = [f"net_af_packet{p},iface={self.ifaces[p]}" for p in (0, 1)]
        else:
            vdevs = [f"net_tap{p},iface={self.ifaces[p]},mac={self.port_mac[p]}"
                     for p in (0, 1)]
        self.fwd = Skbfwd(args, vdevs, self.tag, netns=self.nsr, huge=huge)
        if not self.fwd.wait_started():
            return False
        if self.link == "tap":
            for p in (0, 1):
                self.hosts[p].take_iface(self.ifaces[p], mac=self.host_mac[p],
                                         addr=addrs[p], src=self.nsr)
        return True

    def start_router(self, d, subnets, addrs, gws, extra=()):
        """Run skbfwd l3fwd (with @extra arguments) as the router between the
        hosts: port p routes subnet @subnets[p] (PREFIX/LEN) to host p, its
        next hop, by a routes file written in folder @d; host p is addressed
        @addrs[p] (CIDR) and reaches the other subnet by its default route via
        @gws[p], skbfwd's port, with a static neighbour entry for it (IPv4 or
        IPv6 alike).  False (with .log()) when skbfwd does not come up."""
        routes = os.path.join(d, "routes.conf")
        with open(routes, "w") as f:
            f.write(f"# {self.tag}: one subnet per port, the host as next hop\n")
            for p in (0, 1):
                f.write(f"{subnets[p]} {p} {self.host_mac[p]}\n")
        if not self.start(["--forward-mode=l3fwd", f"--routes={routes}"] + list(extra), addrs):
            return False
        for p in (0, 1):
            self.neigh(p, gws[p], self.port_mac[p])
            self.hosts[p].run(["ip"] + (["-6"] if ":" in gws[p] else []) +
                              ["route", "add", "default", "via", gws[p]])
        return True

    def start_icmpecho(self, mine, addrs, extra=()):
        """Run skbfwd icmpecho (with @extra arguments) answering for @mine[p]
        on port p (--icmp-ip), host p addressed @addrs[p] (CIDR) and left to
        find skbfwd's MAC by ARP or neighbour solicitation.  False (with
        .log()) when skbfwd does not come up."""
        return self.start(["--forward-mode=icmpecho"] + list(extra) +
                          [f"--icmp-ip={p},{mine[p]}" for p in (0, 1)], addrs)

    def neigh(self, p, ip, mac):
        """Static neighbour entry on host @p."""
        self.hosts[p].neigh(ip, mac, self.host_ifaces[p])

    def log(self):
        return self.fwd.log() if self.fwd else ""

    def stop(self):
        """Stop skbfwd (its taps go with it); returns its Result."""
        return self.fwd.stop() if self.fwd else None

    def cleanup(self):
        self.stop()
        for n in self.ns:
            n.delete()


def ping_and_learn(tap, h, mine, name, count=5):
    """Host p of TapHosts @h pings skbfwd's address @mine[p] with no neighbour
    entry for it: all @count answered, and skbfwd's MAC learnt (by ARP or by
    neighbour discovery)."""
    for p in (0, 1):
        tx, rx, out = ping(h.hosts[p], mine[p], count)
        tap.eq((tx, rx), (count, count), f"{name}: host on port {p} pings {mine[p]}", out)
        r = h.hosts[p].run(["ip"] + (["-6"] if ":" in mine[p] else []) +
                           ["neigh", "show", mine[p]], check=False)
        tap.ok(h.port_mac[p] in r.stdout.lower(),
               f"{name}: host on port {p} learnt skbfwd's MAC", r.stdout)


def udp_transfer(src, dst, dst_ip, port, data, block=1024):
    """Send @data from namespace @src to @dst_ip:@port in @dst with socat, one
    datagram per @block bytes; socat in @dst writes what arrives to a file.
    Returns (bytes received, log)."""
    d = tempfile.mkdtemp(prefix="skbp_udp_")
    src_path, dst_path = os.path.join(d, "sent"), os.path.join(d, "received")
    with open(src_path, "wb") as f:
        f.write(data)
    v6 = ":" in dst_ip
    recv = f"UDP6-RECV:{port},bind=[{dst_ip}]" if v6 else f"UDP-RECV:{port},bind={dst_ip}"
    send = f"UDP6-SENDTO:[{dst_ip}]:{port}" if v6 else f"UDP-SENDTO:{dst_ip}:{port}"
    rx = dst.popen(["socat", "-u", "-T", "3", recv,
                    f"CREATE:{dst_path}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    log = ""
    try:
        if not wait_until(lambda: dst.udp_bound(port), 10):
            log += f"receiver never bound UDP port {port}\n"
        tx = src.run(["socat", "-u", "-b", str(block), f"OPEN:{src_path}",
                      send], check=False, timeout=30)
        log += f"sender exit {tx.returncode}: {tx.stderr}"
        _, err = rx.communicate(timeout=30)
        log += f"receiver exit {rx.returncode}: {err}"
    except subprocess.TimeoutExpired:
        rx.kill()
        rx.communicate()
        log += "receiver timed out\n"
    got = b""
    if os.path.exists(dst_path):
        with open(dst_path, "rb") as f:
            got = f.read()
    shutil.rmtree(d, ignore_errors=True)
    return got, log


def without_pci(argv):
    """@argv run where the PCI bus looks empty (a private mount namespace with an
    empty /sys/bus/pci/devices): for DPDK tools that take no --no-pci (dpdk-dumpcap
    builds its own EAL arguments), so they never probe the machine's own NIC."""
    return ["unshare", "--mount", "--propagation", "private", "sh", "-c",
            'mount -t tmpfs -o ro,size=4k none /sys/bus/pci/devices && exec "$@"',
            "sh"] + list(argv)


def prepare_secondary(tools, packages):
    """Hugepages for skbfwd and a secondary process with kernel hosts around it.
    @tools: programs the test runs, from Debian @packages (named in the reason).
    Returns (Hugepages, None), or (None, why) with nothing changed."""
    why = netns_unavailable()
    if why:
        return None, why
    missing = missing_tools("unshare", "mount", *tools)
    if missing:
        return None, f"needs {', '.join(missing)} (Debian {packages}, util-linux)"
    hp = Hugepages()
    if hp.why:
        return None, hp.why
    return hp, None
