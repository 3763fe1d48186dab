"""The systemd units in deploy/systemd are real, valid and documented as they are:
- `systemd-analyze verify` accepts each (warnings count as failures: systemd only warns about an
  unparsable value such as an inline comment, then ignores the setting), with the binary path
  pointed at the built arbiter; without systemd-analyze, a strict parser checks the syntax;
- every --flag their ExecStart passes is one that `arbiter serve/worker --help` lists;
- the ini blocks in docs/SERVICE.md are these files, byte for byte."""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from svc import BIN, SRC, expect, log  # noqa: E402

UNIT_DIR = os.path.join(SRC, "deploy", "systemd")
SECTIONS = {"Unit", "Service", "Install"}


def parse_strictly(path):
    """Fallback without systemd: sections, comments, Key=Value; no inline comments, no stray text."""
    section = None
    with open(path) as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line or line[0] in "#;":
            continue
        m = re.fullmatch(r"\[(\w+)\]", line)
        if m:
            section = m.group(1)
            expect(section in SECTIONS, "%s: unknown section %s" % (path, section))
            continue
        m = re.fullmatch(r"([A-Za-z]+)=(.*)", line)
        expect(m and section, "%s:%d: not Key=Value in a section: %r" % (path, i, line))
        value = m.group(2)
        while value.endswith("\\") and i < len(lines):
            value = value[:-1] + lines[i].strip()
            i += 1
        expect(not re.search(r"\s[#;]", value), "%s:%d: inline comment in %s (systemd keeps it in the value)"
               % (path, i, m.group(1)))


def main():
    units = sorted(glob.glob(os.path.join(UNIT_DIR, "*.service")))
    expect(len(units) >= 2, "no units in %s" % UNIT_DIR)
    arbiter = os.environ.get("ARBITER_REAL_BIN") or shutil.which(BIN) or BIN
    tool = shutil.which("systemd-analyze")
    tmp = tempfile.mkdtemp(prefix="arbiter-units-")
    try:
        for unit in units:
            name = os.path.basename(unit)
            with open(unit) as f:
                text = f.read()
            # Flags in ExecStart must exist in the binary.
            for cmd, args in re.findall(r"ExecStart=\S+ (serve|worker) ((?:.*\\\n)*.*)", text):
                helptext = subprocess.run([BIN, cmd, "--help"], capture_output=True, text=True).stdout
                for flag in re.findall(r"(--[a-z][a-z0-9-]*)", args):
                    expect(flag in helptext, "%s: 'arbiter %s' has no option %s" % (name, cmd, flag))
            if not tool:
                parse_strictly(unit)
                log(name, "parsed (no systemd-analyze)")
                continue
            local = os.path.join(tmp, name)
            with open(local, "w") as f:
                f.write(text.replace("/usr/local/bin/arbiter", os.path.abspath(arbiter)))
            target = local.replace("@.service", "@0.service")  # verify a template through an instance
            out = subprocess.run([tool, "verify", target], capture_output=True, text=True, cwd=tmp)
            mine = [l for l in (out.stdout + out.stderr).splitlines() if name.split("@")[0] in l]
            expect(out.returncode == 0 and not mine,
                   "systemd-analyze verify %s: rc %d\n%s" % (name, out.returncode, out.stdout + out.stderr))
            log(name, "verified by systemd-analyze")

        # The docs show the files as they are.
        with open(os.path.join(SRC, "docs", "SERVICE.md")) as f:
            doc = f.read()
        for unit in units:
            name = os.path.basename(unit)
            with open(unit) as f:
                text = f.read()
            m = re.search(r"`/etc/systemd/system/%s`.*?```ini\n(.*?)```" % re.escape(name), doc, re.S)
            expect(m, "docs/SERVICE.md does not show %s" % name)
            expect(m.group(1) == text, "docs/SERVICE.md shows another %s than deploy/systemd/%s" % (name, name))
        log("PASS")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
