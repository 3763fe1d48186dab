#!/usr/bin/env python3
"""Debugging aid: in strace -ff -ttt files, what the `arbiter contestant` process did from the
moment it loaded libcuda, and what every thread that started after its execve touched
(device nodes, /proc, /sys, failures): what stopped the CUDA driver inside the box."""
import os, re, sys
d = sys.argv[1]
files = {int(f.rsplit('.', 1)[1]): os.path.join(d, f) for f in os.listdir(d) if re.search(r'\.\d+$', f)}
text = {p: open(f, errors='replace').read().splitlines() for p, f in files.items()}
roots = [p for p, ls in text.items() if any('"contestant"' in l and 'execve(' in l for l in ls)]
if not roots: sys.exit('no contestant in the trace')
root = roots[0]
ls = text[root]
t_exec = next(float(l.split()[0]) for l in ls if 'execve(' in l and '"contestant"' in l)
start = next((i for i, l in enumerate(ls) if 'libcuda' in l), 0)
print(f'== contestant pid {root} from libcuda load ({len(ls) - start} lines)')
for l in ls[start:start + 160]:
    print('  ', l[:180])
for p, tl in sorted(text.items()):
    if p == root or not tl or float(tl[0].split()[0]) < t_exec: continue
    hits = [l for l in tl if re.search(r'nvidia|/proc|/sys|= -1 E(?!AGAIN)', l)]
    if hits:
        print(f'== thread/process {p}: {len(tl)} lines')
        for l in hits[:40]: print('  ', l[:180])
