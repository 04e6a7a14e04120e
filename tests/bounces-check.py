#!/usr/bin/env python3
"""Compares `smtpref explain --json` on every bounce in tests/bounces/ with
the answer key (tests/bounces/key.tsv, see its README).

For each key row (one bounced recipient) the finding at the same position
is compared; when a message gives a different number of findings than the
key has rows, an unused finding with the expected value counts too.
Statuses whose third number is 900 or more are not codes the message
carries and are left out. Prints both figures and every miss; exits 1
when either figure is below 95 %."""
import csv
import json
import os
import subprocess
import sys

smtpref, folder = sys.argv[1], sys.argv[2]
THRESHOLD = 95.0

rows = {}
with open(os.path.join(folder, "key.tsv"), newline="") as f:
    for r in csv.DictReader(f, delimiter="\t"):
        rows.setdefault(r["file"], []).append(r)


def real_status(s):
    parts = s.split(".")
    return len(parts) == 3 and int(parts[2]) < 900


def match(findings, rows, field, key_field, usable):
    got, misses = 0, []
    used = set()
    wanted = [(i, r[key_field]) for i, r in enumerate(rows) if usable(r[key_field])]
    for i, want in wanted:
        if i < len(findings) and findings[i].get(field) == want and i not in used:
            used.add(i)
            got += 1
            continue
        other = [k for k, x in enumerate(findings) if k not in used and x.get(field) == want]
        if other and len(findings) != len(rows):
            used.add(other[0])
            got += 1
            continue
        misses.append((i + 1, want, [x.get(field) for x in findings]))
    return got, len(wanted), misses


totals = {"status": [0, 0], "reply_code": [0, 0]}
wrong = []
for name in sorted(rows):
    out = subprocess.run([smtpref, "explain", "--json", os.path.join(folder, name)],
                         capture_output=True, check=False)
    if out.returncode != 0:
        print(f"# {name}: exit {out.returncode}: {out.stderr.decode(errors='replace')[:200]}")
        findings = []
    else:
        findings = json.loads(out.stdout)["findings"]
    for field, key_field, usable in (("status", "status", real_status),
                                     ("reply_code", "reply_code", lambda v: v != "")):
        got, n, misses = match(findings, rows[name], field, key_field, usable)
        totals[field][0] += got
        totals[field][1] += n
        for idx, want, have in misses:
            wrong.append(f"# {name} #{idx}: {field} {want}, got {have}")

for line in wrong:
    print(line)
ok = True
for field, (got, n) in totals.items():
    pct = 100.0 * got / n if n else 0.0
    print(f"{field}: {got}/{n} ({pct:.1f} %)")
    ok &= pct >= THRESHOLD
sys.exit(0 if ok else 1)
