#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""examples/skb_hello built the way a user of the installed libskb builds it:
`meson install --destdir` into a temporary directory, then one compiler line
with `pkg-config --cflags --libs libskb` reading the libskb.pc installed there;
then run, and every line it prints compared with what this file computes
(the frame packed here by hand, its IPv4 checksum by an independent sum).
libskb.pc must carry exactly the defines of the build's checking options
(skb_debug, sanitize), since they change skb.h's inline bodies.

    test_skb_hello.py BUILD_DIR SOURCE_DIR CC..."""

import json
import os
import shlex
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import skbfwd_test as t  # noqa: E402

build, source, cc = sys.argv[1], sys.argv[2], sys.argv[3:] or ["cc"]
tap = t.Tap()


def frame():
    """The frame skb_hello builds: Ethernet, IPv4 (no options), UDP without checksum."""
    data = b"hello from libskb"
    udp = struct.pack("!HHHH", 1234, 5678, 8 + len(data), 0) + data
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    ip = ip[:10] + struct.pack("!H", t.inet_csum(ip)) + ip[12:]
    return t.mac("02:00:00:00:00:02") + t.mac("02:00:00:00:00:01") + b"\x08\x00" + ip + udp


def expected():
    fr, room, headroom = frame(), 2048 + 128, 64     # RTE_MBUF_DEFAULT_BUF_SIZE
    payload = len(fr) - 42
    return [
        f"skb_hello: reserved: len 0 headroom {headroom} tailroom {room - headroom}",
        f"skb_hello: built: len {len(fr)} headroom {headroom - 42} "
        f"tailroom {room - headroom - payload}",
        "skb_hello: offsets: mac 0 network 14 transport 34",
        "skb_hello: frame: " + " ".join(f"{b:02x}" for b in fr),
        f"skb_hello: after skb_pull(14): len {len(fr) - 14} mac -14 network 0 transport 20",
        "skb_hello: freed: 0 skbs in use",
    ]


def pc_dir(root):
    for d, _, files in os.walk(root):
        if "libskb.pc" in files:
            return d
    return None


with tempfile.TemporaryDirectory(prefix="skbfwd_example_") as tmp:
    dest = os.path.join(tmp, "destdir")
    r = subprocess.run(["meson", "install", "-C", build, "--destdir", dest, "--no-rebuild",
                        "--quiet"], capture_output=True, text=True)
    tap.eq(r.returncode, 0, "meson install --destdir", r.stdout + r.stderr)
    pcd = pc_dir(dest)
    tap.ok(pcd is not None, "libskb.pc installed")
    pc = open(os.path.join(pcd, "libskb.pc")).read() if pcd else ""
    # an installed tree that can be moved: the pc file finds its files from where it is
    tap.ok("prefix=${pcfiledir}/" in pc, "libskb.pc is relocatable (pkgconfig.relocatable)",
           pc + "\nan older build dir: meson configure BUILD -Dpkgconfig.relocatable=true")
    env = dict(os.environ, PKG_CONFIG_PATH=pcd or "")
    r = subprocess.run(["pkg-config", "--cflags", "--libs", "libskb"], env=env,
                       capture_output=True, text=True)
    flags = shlex.split(r.stdout)
    tap.eq(r.returncode, 0, "pkg-config --cflags --libs libskb", r.stderr)
    inc = [os.path.realpath(f[2:]) for f in flags if f.startswith("-I")]
    tap.ok(os.path.realpath(os.path.join(pcd or "", "..", "..", "..", "include")) in inc
           or any(i.startswith(os.path.realpath(dest) + "/") for i in inc),
           "headers from the installed tree", r.stdout)
    tap.ok(not any(os.path.realpath(build) in f or os.path.realpath(source) + "/lib" in f
                   for f in flags), "no flag points into the source or build tree", r.stdout)
    # the defines that change skb.h's inline bodies come with the library built with them
    opts = {o["name"]: o["value"] for o in json.loads(subprocess.run(
        ["meson", "introspect", "--buildoptions", build], capture_output=True,
        text=True).stdout or "[]")}
    checking = opts.get("skb_debug") or opts.get("sanitize")
    want = (["-DRTE_LIBRTE_MBUF_DEBUG", "-DSKB_DEBUG"] if checking else []) + \
        (["-DSKB_ASAN"] if opts.get("sanitize") else [])
    got = sorted(f for f in flags if f.startswith(("-DSKB_", "-DRTE_LIBRTE_MBUF_DEBUG")))
    tap.eq(got, sorted(want), f"libskb.pc exports the build's defines (skb_debug="
           f"{opts.get('skb_debug')}, sanitize={opts.get('sanitize')})", r.stdout)
    tap.eq("-fsanitize=address,undefined" in flags, bool(opts.get("sanitize")),
           "libskb.pc links the sanitizer runtime exactly when libskb is instrumented")
    exe = os.path.join(tmp, "skb_hello")
    cmd = cc + ["-o", exe, os.path.join(source, "examples", "skb_hello", "skb_hello.c"),
                "-Wall", "-Wextra", "-Werror"] + flags
    r = subprocess.run(cmd, capture_output=True, text=True)
    tap.eq(r.returncode, 0, "skb_hello compiles and links, no warning",
           " ".join(cmd) + "\n" + r.stdout + r.stderr)
    if r.returncode == 0:
        prefix = t.file_prefix("hello")
        try:
            env = dict(os.environ)
            env.setdefault("ASAN_OPTIONS", "detect_leaks=0")   # DPDK keeps its memory
            r = subprocess.run([exe, "--no-huge", "--no-pci", "-m", "64", "-l", "0",
                                "--file-prefix", prefix, "--log-level", "lib.eal:error"],
                               capture_output=True, text=True, timeout=60, env=env)
        finally:
            t.cleanup_prefix(prefix)
        tap.eq(r.returncode, 0, "skb_hello: exit status", r.stdout + r.stderr)
        got = r.stdout.splitlines()
        want = expected()
        tap.eq(len(got), len(want), "skb_hello: lines printed", r.stdout)
        for k, (g, w) in enumerate(zip(got, want)):
            tap.eq(g, w, f"skb_hello: line {k + 1}")
tap.done()
