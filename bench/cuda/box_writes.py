#!/usr/bin/env python3
"""Debugging aid: in `strace -ff -s 256` files of a judged run, every attempt of the timed
contestant (the arbiter-python-contestant started without --build) and of the threads and
processes it started to create, write, link, rename or remove files, with the result: what a
library tries to write inside the read-only box."""
import os, re, sys
d = sys.argv[1]
files = {int(f.rsplit('.', 1)[1]): os.path.join(d, f) for f in os.listdir(d) if re.search(r'\.\d+$', f)}
text = {p: open(f, errors='replace').read().splitlines() for p, f in files.items()}
children = {}
for p, ls in text.items():
    for l in ls:
        m = re.search(r'\b(clone3?|vfork|fork)\(.*\)\s+=\s+(\d+)', l)
        if m: children.setdefault(p, []).append(int(m.group(2)))
roots = [p for p, ls in text.items()
         if any('execve(' in l and 'arbiter-python-contestant' in l and '--build' not in l for l in ls)]
if not roots: sys.exit('no timed contestant in the trace')
tree, todo = set(), list(roots)
while todo:
    p = todo.pop()
    if p in tree: continue
    tree.add(p)
    todo += children.get(p, [])
t0 = min(float(next(l for l in text[p] if 'execve(' in l and 'arbiter-python-contestant' in l).split()[0])
         for p in roots)
pat = re.compile(r'\blinkat\(|symlinkat\(|O_CREAT|O_WRONLY|O_RDWR|mkdirat\(|mkdir\(|rename|unlinkat\(|utimensat\(|flock\(')
for p in sorted(tree):
    hits = [l for l in text.get(p, []) if float(l.split()[0]) > t0 and pat.search(l) and '/dev/nvidia' not in l]
    if hits:
        print(f'== {p}: {len(text[p])} lines')
        for l in hits[:40]: print('  ', l[:260])
