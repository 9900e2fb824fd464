#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Run every libFuzzer target of a clang sanitize build for a bounded time,
seeded with the hostile corpus (tests/data/make_corpus.py), and print TAP: one
check per target (and per engine for fuzz_engine), with its exec count.

    run_fuzz.py [--seconds N | --runs N] [--only LABEL,...] [--bin-dir DIR]
                [--skbfwd PATH] [--keep DIR] [--pid-file FILE]

--runs N runs each target for N executions (libFuzzer -runs) instead of a time.
--only runs only the targets whose label (as the TAP lines print it) is listed.
--keep DIR keeps each target's grown corpus and any crash input under DIR; a
corpus kept there seeds the next run too.  --pid-file FILE holds the PID of the
fuzzer running (to pause it with SIGSTOP/SIGCONT for timed measurements).
Environment: SKBFWD (the skbfwd binary, for the engine list) when --skbfwd is
not given; FUZZ_BIN_DIR for --bin-dir."""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.join(HERE, "..", "..")
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
import skbfwd_test as t  # noqa: E402


def engine_list(skbfwd):
    p = t.help_run(skbfwd)
    m = re.search(r"--forward-mode=\S+\s+engine:([^(\n]*)", p.stdout)
    return m.group(1).split() if m else []


def engine_args(engine, work):
    """Options an engine needs to do more than drop everything on the fuzz port (port 0)."""
    if engine.startswith("l3fwd"):
        routes = os.path.join(work, "fuzz_routes.conf")
        with open(routes, "w") as f:
            f.write("10.0.0.0/8 0 02:00:00:00:00:09\n192.168.0.0/16 0 02:00:00:00:00:0a\n"
                    "198.18.0.0/15 0 02:00:00:00:00:0b\n2001:db8::/32 0 02:00:00:00:00:0c\n")
        return f"--routes={routes}"
    if engine == "icmpecho":
        # the corpus's IPv4 and IPv6 destinations (make_corpus.py)
        return "--icmp-ip=0,10.0.1.2 --icmp-ip=0,2001:db8:0:1::2"
    if engine == "flowgen":
        return "--flowgen-clones=1 --flowgen-flows=7"
    if engine == "noisy":
        # the FIFO would hold frames past a run (counted as a leak): lookups only
        return ("--noisy-lkup-memory=1 --noisy-lkup-num-writes=1 --noisy-lkup-num-reads=1 "
                "--noisy-lkup-num-reads-writes=1")
    if engine == "vlan":
        return "--vlan-pop --vlan-push=0x2005"
    return ""


# An engine's other option sets, each fuzzed too: (label, options)
ENGINE_VARIANTS = {
    # without --icmp-ip a port answers every ARP request and ping
    "icmpecho": [("any address", "")],
    # each tag call alone
    "vlan": [("pop", "--vlan-pop"), ("push", "--vlan-push=4095")],
    # VXLAN over IPv6: encap's IPv6 outer, decap matching the corpus's IPv6 destination
    "encap": [("ipv6 outer", "--vxlan-local=2001:db8::1 --vxlan-remote=2001:db8::2")],
    "decap": [("ipv6 local", "--vxlan-local=2001:db8:0:1::2")],
}

# libFuzzer flags of an engine: ieee1588 prints a line for every frame (stdout closed)
ENGINE_FLAGS = {"ieee1588": ["-close_fd_mask=1"]}


def run_one(tap, label, binary, env_extra, a, seeds, work, flags=()):
    name = "corpus_" + re.sub(r"\W", "_", label)
    corpus = os.path.join(work, name)
    kept = os.path.join(a.keep, name) if a.keep else ""
    if kept and os.path.isdir(kept):  # a kept corpus, without the last run's artifacts
        shutil.copytree(kept, corpus, ignore=shutil.ignore_patterns(
            "crash-*", "leak-*", "timeout-*", "oom-*"))
    os.makedirs(corpus, exist_ok=True)
    prefix = t.file_prefix("fuzz")
    env = dict(os.environ, FUZZ_FILE_PREFIX=prefix, **env_extra)
    env.setdefault("ASAN_OPTIONS", "abort_on_error=1:detect_leaks=0")
    limit = f"-runs={a.runs}" if a.runs else f"-max_total_time={a.seconds}"
    cmd = [binary, limit, "-max_len=10000", "-timeout=20",
           "-rss_limit_mb=4096", f"-artifact_prefix={corpus}/", "-print_final_stats=1",
           corpus, seeds] + list(flags)
    with tempfile.TemporaryFile("w+") as log:
        p = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, text=True, env=env)
        if a.pid_file:
            with open(a.pid_file, "w") as f:
                f.write(f"{p.pid}\n")
        try:
            rc = p.wait(timeout=None if a.runs else a.seconds * 4 + 120)
        except subprocess.TimeoutExpired:
            p.kill()
            rc = p.wait()
        finally:
            t.cleanup_prefix(prefix)
        log.seek(0)
        out = log.read()
    m = re.search(r"^Done (\d+) runs in (\d+) second", out, re.M)
    runs = int(m.group(1)) if m else 0
    crashes = [f for f in os.listdir(corpus) if re.match(r"(crash|leak|timeout|oom)-", f)]
    good = rc == 0 and m is not None and runs > 0 and not crashes
    tap.ok(good, f"{label}: {runs} runs in {m.group(2) if m else '?'} s, no crash, no leak"
           + (f" (artifacts: {crashes})" if crashes else ""), out)
    if kept:
        shutil.rmtree(kept, ignore_errors=True)
        shutil.copytree(corpus, kept)
    return runs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=3)
    ap.add_argument("--bin-dir", default=os.environ.get("FUZZ_BIN_DIR", ""))
    ap.add_argument("--skbfwd", default=os.environ.get("SKBFWD", ""))
    ap.add_argument("--runs", type=int, default=0)
    ap.add_argument("--only", default="")
    ap.add_argument("--keep", default="")
    ap.add_argument("--pid-file", default="")
    a = ap.parse_args()
    only = set(filter(None, a.only.split(",")))
    tap = t.Tap()
    skb = os.path.join(a.bin_dir, "fuzz_skb")
    eng = os.path.join(a.bin_dir, "fuzz_engine")
    if not (os.access(skb, os.X_OK) and os.access(eng, os.X_OK)):
        tap.skip("fuzz targets", f"not built in {a.bin_dir!r} (CC=clang, -Dsanitize=true)")
        tap.done()
    engines = engine_list(a.skbfwd)
    tap.ok(len(engines) >= 3, f"engines to fuzz: {' '.join(engines)}")
    with tempfile.TemporaryDirectory(prefix="skbfwd_fuzz_") as work:
        seeds = os.path.join(work, "seeds")
        subprocess.run([sys.executable, os.path.join(TOP, "tests", "data", "make_corpus.py"),
                        os.path.join(work, "seeds.pcap"), "--split", seeds], check=True)
        total = 0
        if not only or "fuzz_skb" in only:
            total += run_one(tap, "fuzz_skb", skb, {}, a, seeds, work)
        for e in engines:
            runs = [(e, engine_args(e, work))] + \
                [(f"{e} ({name})", args) for name, args in ENGINE_VARIANTS.get(e, [])]
            for label, args in runs:
                if only and f"fuzz_engine {label}" not in only:
                    continue
                total += run_one(tap, f"fuzz_engine {label}", eng,
                                 {"FUZZ_ENGINE": e, "SKBFWD_FUZZ_ARGS": args},
                                 a, seeds, work, ENGINE_FLAGS.get(e, ()))
    print(f"# {total} fuzz runs in all")
    tap.done()


if __name__ == "__main__":
    main()
