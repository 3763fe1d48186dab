#!/usr/bin/env python3
"""Mean gpu__time_duration per kernel name from `ncu --csv --metrics gpu__time_duration.sum` (stdin), in ns."""
import collections, csv, io, sys
rows = [l for l in sys.stdin.read().splitlines() if l.startswith('"')]
scale = {'nsecond': 1, 'usecond': 1e3, 'msecond': 1e6, 'second': 1e9}
acc = collections.defaultdict(list)
for r in csv.DictReader(io.StringIO('\n'.join(rows))):
    if r.get('Metric Name') == 'gpu__time_duration.sum':
        acc[r['Kernel Name'].split('(')[0]].append(float(r['Metric Value'].replace(',', '')) * scale.get(r['Metric Unit'], 1))
for k, v in acc.items():
    v = v[3:] or v  # drop the first launches (module load, cold TLB)
    print(f'ncu {k}: mean {sum(v)/len(v):.0f} ns, min {min(v):.0f} ns over {len(v)} launches')
