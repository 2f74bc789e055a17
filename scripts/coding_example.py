#!/usr/bin/env python3
"""The README's worked example of the human-coding loop, end to end on the 2k subset.

    python3 scripts/coding_example.py [OUT_DIR]

1. `framing validate sample` draws 100 sentences of ../shared/corpora/article-bias-prediction/articles-2k.jsonl.gz
   (FRAMING_SHARED overrides ../shared) for the generic `economic_consequences` category, seed 1.
2. The committed codes of two coders (eval/coding/economic_consequences_2k/*.csv: unit_id and code only, no
   text, since the texts belong to their publishers) are written into copies of the blind sheet, as a coder's
   spreadsheet would save them.
3. `framing validate report` gives alpha, precision, recall and F1 with their intervals; its report.md is printed.
Uses target/release/framing (FRAMING_BIN overrides). OUT_DIR defaults to a temporary folder.
"""

import csv
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
BIN = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))
CODES = ROOT / "eval" / "coding" / "economic_consequences_2k"
CATEGORY = "economic_consequences"


def framing(*args):
    done = subprocess.run([BIN, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"framing {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def main(out: Path):
    corpus = SHARED / "corpora" / "article-bias-prediction" / "articles-2k.jsonl.gz"
    if not corpus.exists():
        sys.exit(f"{corpus} not found; set FRAMING_SHARED to the folder holding corpora/")
    sample = out / "sample"
    framing("validate", "sample", "--corpus", str(corpus), "--lexicons", "generic", "--categories", CATEGORY,
            "--n", "100", "--seed", "1", "--out", str(sample))
    with (sample / "sheet.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header, rows = reader.fieldnames, list(reader)
    sheets = []
    for codes_file in sorted(CODES.glob("*.csv")):
        with codes_file.open(encoding="utf-8", newline="") as f:
            codes = {r["unit_id"]: r[CATEGORY] for r in csv.DictReader(f)}
        missing = [r["unit_id"] for r in rows if r["unit_id"] not in codes]
        if missing:
            sys.exit(f"{codes_file}: no code for {len(missing)} units of the sample (first {missing[0]}); "
                     "the sample drawn differs from the one coded")
        sheet = out / codes_file.name
        with sheet.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=header)
            writer.writeheader()
            for r in rows:
                writer.writerow({**r, CATEGORY: codes[r["unit_id"]]})
        sheets.append(str(sheet))
    framing("validate", "report", "--sample", str(sample), *sheets, "--out", str(out / "report"))
    print((out / "report" / "report.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        target = Path(sys.argv[1])
        target.mkdir(parents=True, exist_ok=True)
        main(target)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(Path(tmp))
