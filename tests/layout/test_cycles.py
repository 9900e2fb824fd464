#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""No include cycle between the headers and no call cycle between the C files
of libskb (lib/), the port glue (drivers-glue/) and the forwarder (app/).

Include cycles are read from the sources ("..." includes of files of the
tree); call cycles from the built objects: file A calls file B when A's object
has an undefined symbol that B's object defines as a function (nm's T).  Data
(the run's configuration, the quit flag) may be read across layers; calls go
one way.  Usage: test_cycles.py BUILD_ROOT SOURCE_ROOT
"""
import os
import re
import subprocess
import sys

LAYERS = ('lib', 'drivers-glue', 'app')


def sccs(graph):
    """Strongly connected components of more than one node (Tarjan, iterative)."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def include_graph(src):
    files = {}
    for layer in LAYERS:
        for d, _, names in os.walk(os.path.join(src, layer)):
            for n in names:
                if n.endswith(('.c', '.h')):
                    files[os.path.relpath(os.path.join(d, n), src)] = None
    by_base = {}
    for f in files:
        by_base.setdefault(os.path.basename(f), []).append(f)
    graph = {}
    for f in files:
        text = open(os.path.join(src, f), encoding='utf-8', errors='replace').read()
        deps = set()
        for m in re.finditer(r'^\s*#\s*include\s+"([^"]+)"', text, re.M):
            inc = os.path.normpath(os.path.join(os.path.dirname(f), m.group(1)))
            if inc in files:
                deps.add(inc)
            else:
                deps.update(by_base.get(os.path.basename(m.group(1)), []))
        deps.discard(f)
        graph[f] = deps
    return graph


def call_graph(build):
    objs = []
    for layer in LAYERS:
        for d, _, names in os.walk(os.path.join(build, layer)):
            objs += [os.path.join(d, n) for n in names if n.endswith('.o')]
    defs, undef = {}, {}
    for o in objs:
        name = os.path.relpath(o, build)
        out = subprocess.run(['nm', o], capture_output=True, text=True, check=True).stdout
        undef[name] = set()
        for line in out.splitlines():
            p = line.split()
            if len(p) == 3 and p[1] == 'T':
                defs.setdefault(p[2], name)
            elif len(p) == 2 and p[0] == 'U':
                undef[name].add(p[1])
    graph = {n: {defs[s] for s in u if s in defs and defs[s] != n} for n, u in undef.items()}
    return graph, len(objs)


def main():
    build, src = sys.argv[1], sys.argv[2]
    inc = include_graph(src)
    calls, nobj = call_graph(build)
    print('1..4')
    n = 0
    for what, graph, size in (('include', inc, len(inc)), ('call', calls, nobj)):
        n += 1
        ok = size > 20
        print(f"{'ok' if ok else 'not ok'} {n} - {what} graph read: {size} files")
        cycles = sccs(graph)
        n += 1
        print(f"{'ok' if not cycles else 'not ok'} {n} - no {what} cycle")
        for c in cycles:
            print(f"# {what} cycle among: {' '.join(c)}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
