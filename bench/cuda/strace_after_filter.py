#!/usr/bin/env python3
"""Which system calls the contestant made once its seccomp filter was on (strace -ff -ttt files):
finds the process that installed the filter, then every thread's calls after that moment."""
import collections, os, re, sys

d = sys.argv[1]
files = {int(f.rsplit('.', 1)[1]): os.path.join(d, f) for f in os.listdir(d) if re.search(r'\.\d+$', f)}
line_re = re.compile(r'^(\d+\.\d+) (\w+)\((.*)')
t_filter, owner = None, None
for pid, path in files.items():
    for line in open(path, errors='replace'):
        if 'seccomp(SECCOMP_SET_MODE_FILTER' in line or 'PR_SET_SECCOMP' in line:
            t_filter, owner = float(line.split()[0]), pid
            break
    if owner: break
if owner is None:
    sys.exit('no seccomp filter installed in the trace')
# The contestant's threads: clone()s made by the owner (before or after the filter) and their own.
family, todo = {owner}, [owner]
while todo:
    p = todo.pop()
    for line in open(files[p], errors='replace'):
        m = re.search(r'clone3?\(.*= (\d+)$', line.strip())
        if m and int(m.group(1)) in files and int(m.group(1)) not in family:
            family.add(int(m.group(1))); todo.append(int(m.group(1)))
counts, examples = collections.Counter(), {}
for p in family:
    for line in open(files[p], errors='replace'):
        m = line_re.match(line)
        if not m or float(m.group(1)) < t_filter: continue
        counts[m.group(2)] += 1
        examples.setdefault(m.group(2), line.strip()[:200])
print(f'contestant pid {owner}, {len(family)} threads, filter at {t_filter}')
for name, n in counts.most_common():
    print(f'{n:7} {name:24} {examples[name]}')
