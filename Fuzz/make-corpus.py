#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rebuilds Fuzz/corpus: each sample scenario (and reference case) as one
fuzz input, YAML then a `#csv` line then its CSV cut to 48 data rows (so
`horizon.steps` and `start` are dropped), plus the reproducers of findings."""
import pathlib, re

root = pathlib.Path(__file__).resolve().parent.parent
out = root / "Fuzz" / "corpus"
out.mkdir(exist_ok=True)

def seed(name, yaml, csv=b""):
    data = yaml if isinstance(yaml, bytes) else yaml.encode()
    if csv:
        data += b"\n#csv\n" + csv
    (out / name).write_bytes(data)

for path in sorted(list(root.glob("Scenarios/*/*.yaml")) + list(root.glob("Tests/Fixtures/reference/*/scenario.yaml"))):
    text = path.read_text()
    if not text.startswith("name:") and "\nname:" not in text:
        continue  # studies and deploy files
    m = re.search(r"^timeseries:\s*(\S+)", text, re.M)
    csv = b""
    if m:
        lines = (path.parent / m.group(1)).read_bytes().split(b"\n")
        csv = b"\n".join(lines[:49]) + b"\n"
        text = text.replace(m.group(0), "timeseries: profiles.csv")
        text = re.sub(r"^  (start|steps):.*\n", "", text, flags=re.M)
    seed(f"{path.parent.name}-{path.stem}", text, csv)

base = "name: r\ntimeseries: profiles.csv\nloads: {electricity: load}\ngrid: {import_price: 1}\n"
seed("repro-nul-cell", base, b"load\n1\n5\x00999999\n")
seed("repro-stray-timestamp", base, b"timestamp,load\n2026-01-01T00:00,1\n2026-01-01T01:00,1\n9999-12-31T23:59,1\n")
seed("repro-duplicate-row", base, b"timestamp,load\n2026-01-01T00:00,1\n2026-01-01T00:00,1\n")
for v in ["5e-324", "1e-300", "1e308"]:
    seed(f"repro-step-{v}", f"name: s\nhorizon: {{steps: 2, step_hours: {v}}}\nloads: {{electricity: 1}}\n")
seed("repro-duplicate-key", "name: a\nhorizon: {steps: 2}\nloads: {electricity: 1}\nname: b\n")
seed("repro-invalid-utf8", b"name: a\ndescription: caf\xe9\nhorizon: {steps: 1}\nloads: {electricity: 1}\n")
seed("repro-huge-load", "name: h\nhorizon: {steps: 2}\nloads: {electricity: 1e308}\n")
