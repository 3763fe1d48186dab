#!/usr/bin/env python3
"""Cross-checks the auditor against the red team's exploits.

For every submission file under REDTEAM_DIR the auditor's verdict is compared with the verdict the
dynamic defences are expected to give. The expected verdict is read, in order, from an `expected.json`
({"verdict": ...}) or `expect.toml` / `exploit.toml` (verdict = "...") beside the file or in a parent
folder up to REDTEAM_DIR; a dynamic verdict other than "pass" counts as caught.
Usage: redteam_compare.py ARBITER_AUDIT_BIN REDTEAM_DIR
"""
import json, os, re, subprocess, sys

def expected_verdict(path, root):
    d = os.path.dirname(path)
    while True:
        for name in ("expected.json", "expect.json"):
            p = os.path.join(d, name)
            if os.path.exists(p):
                try:
                    v = json.load(open(p)).get("verdict")
                    if v: return v
                except Exception:
                    pass
        for name in ("expect.toml", "exploit.toml", "redteam.toml"):
            p = os.path.join(d, name)
            if os.path.exists(p):
                m = re.search(r'^\s*(?:expected_)?verdicts?\s*=\s*\[?\s*"([^"]+)"', open(p).read(), re.M)
                if m: return m.group(1)
        if os.path.samefile(d, root) or d == os.path.dirname(d):
            return None
        d = os.path.dirname(d)

def main():
    cli, root = sys.argv[1], sys.argv[2]
    rows = []
    for dp, _, files in os.walk(root):
        for f in sorted(files):
            if not f.endswith((".py", ".cu", ".cpp", ".cc", ".cuh")):
                continue
            p = os.path.join(dp, f)
            out = subprocess.run([cli, "--json", p], capture_output=True, text=True)
            audit = json.loads(out.stdout)["verdict"] if out.stdout.strip() else "error"
            rows.append((os.path.relpath(p, root), audit, expected_verdict(p, root)))
    dyn_only = [r for r in rows if r[2] and r[2] != "pass" and r[1] == "clean"]
    audit_only = [r for r in rows if r[1] != "clean" and r[2] == "pass"]
    unknown = [r for r in rows if r[2] is None]
    print(f"{len(rows)} red-team files; audit flags {sum(r[1] != 'clean' for r in rows)} "
          f"(reject {sum(r[1] == 'reject' for r in rows)}, review {sum(r[1] == 'review' for r in rows)})")
    print(f"caught by the dynamic defences but clean in the audit: {len(dyn_only)}")
    for r in dyn_only: print(f"  {r[0]}  (dynamic: {r[2]})")
    print(f"flagged by the audit but passing the dynamic defences: {len(audit_only)}")
    for r in audit_only: print(f"  {r[0]}  (audit: {r[1]})")
    if unknown:
        print(f"{len(unknown)} file(s) without an expected dynamic verdict:")
        for r in unknown: print(f"  {r[0]}  (audit: {r[1]})")

if __name__ == "__main__":
    main()
