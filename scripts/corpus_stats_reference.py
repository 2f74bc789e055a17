#!/usr/bin/env python3
"""Reference statistics for the corpus in data/, from an independent implementation.

Reads the inputs the tool measured — word counts per group (output/word_counts.csv) and sentence
compound scores (output/sentences.csv) of `cargo run --release -- analyze` — and computes from them,
with numpy/scipy and the formulas in scripts/stats_reference.py (Monroe et al.'s log-odds, quanteda's
keyness), the statistics the tool reports for the opinion-vs-wire contrast:

  - log-odds delta, variance and z for every word (pooled prior),
  - keyness: signed chi-square (quanteda's Yates rule), signed G2 with Williams' correction, p-values,
  - Mann-Whitney U (scipy, asymptotic, continuity-corrected, two-sided), its p-value, Cliff's delta,
    for compound and compound_domain, over all running text and per voice side.

Writes tests/fixtures/corpus_stats_reference.json; tests/corpus_stats.rs checks the tool's tables
against it to 1e-9 relative. Run from the repository root after `cargo run --release -- analyze`:

    python3 scripts/corpus_stats_reference.py
"""

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import stats_reference as ref  # noqa: E402  (the independent formulas)

OUT = ROOT / "output"
FIXTURE = ROOT / "tests" / "fixtures" / "corpus_stats_reference.json"


def main():
    counts = {}
    with open(OUT / "word_counts.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            counts.setdefault(row["group"], {})[row["word"]] = int(row["count"])
    groups = sorted(counts)
    if len(groups) != 2:
        sys.exit(f"expected two groups in output/word_counts.csv, found {groups}")
    a, b = groups
    sentences = []
    with open(OUT / "sentences.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["running_text"] == "true":
                sentences.append(row)
    tests = []
    for scope in ["all", "author", "quoted"]:
        for measure in ["compound", "compound_domain"]:
            pick = lambda g: [
                float(s[measure])
                for s in sentences
                if s["group"] == g and (scope == "all" or s["voice_side"] == scope)
            ]
            x, y = pick(a), pick(b)
            if not x or not y:
                continue
            mw = ref.mann_whitney(f"{scope}/{measure}", x, y)
            tests.append(
                {
                    "voice": scope,
                    "measure": measure,
                    "u1": mw["u1"],
                    "p": mw["p"],
                    "cliffs_delta": mw["cliffs_delta"],
                }
            )
    result = {
        "contrast": f"{a} vs {b}",
        "log_odds": ref.log_odds(counts[a], counts[b], ("pooled",), None),
        "keyness": ref.keyness(counts[a], counts[b]),
        "sentiment_tests": tests,
    }
    with open(FIXTURE, "w", encoding="utf-8") as f:
        json.dump(result, f, sort_keys=True, indent=1)
        f.write("\n")
    print(f"wrote {FIXTURE.relative_to(ROOT)}: {len(result['log_odds'])} words, {len(tests)} tests")


if __name__ == "__main__":
    main()
