#!/usr/bin/env python3
"""Generate tests/fixtures/fdr_reference.json: Benjamini-Hochberg q-values from statsmodels.

Two parts:
  * "vectors": p-value vectors with ties, zeros, ones and NaN, and statsmodels'
    multipletests(p, method="fdr_bh") q-values (NaN left out of the family, as framing does);
  * "corpus": the default corpus's own families. Given `framing analyze` output of `data/`
    (word_counts.csv and sentiment_tests.csv), every content word of the contrast is one family:
    its keyness chi2 and G2 p-values and its log-odds z p-value (two-sided normal), computed here
    independently (scripts/stats_reference.py's formulas), then adjusted by statsmodels. The
    sentiment tests of one contrast and voice scope are one family.

Usage: cargo run --release -- analyze --out /tmp/fdr-out && python3 scripts/fdr_reference.py /tmp/fdr-out
"""

import csv
import json
import math
import sys
from importlib.metadata import version
from pathlib import Path

import numpy as np
import scipy.stats
from statsmodels.stats.multitest import multipletests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stats_reference import keyness, log_odds  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "fdr_reference.json"


def bh(p):
    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    if ok.any():
        q[ok] = multipletests(p[ok], method="fdr_bh")[1]
    return [None if math.isnan(v) else float(v) for v in q]


def is_content_word(w):
    return len(w) > 1 and not all(c.isdigit() or c in ".," for c in w)


def vectors():
    rng = np.random.default_rng(15)
    cases = [
        [0.01, 0.04, 0.03, 0.5, 0.2],
        [0.0, 0.0, 1.0, 1.0, 0.5],
        [0.02, 0.02, 0.02, 0.9],
        [0.3, float("nan"), 0.01, 0.04],
        [1e-300, 1e-12, 0.049, 0.05, 0.051],
    ]
    cases.append(list(rng.uniform(0, 1, 200)))
    cases.append(list(np.round(rng.beta(0.3, 4, 500), 3)))
    return [{"p": [None if math.isnan(x) else x for x in c], "q": bh(c)} for c in cases]


def corpus(out_dir):
    counts = {}
    with open(out_dir / "word_counts.csv", newline="") as f:
        for row in csv.DictReader(f):
            counts.setdefault(row["group"], {})[row["word"]] = int(row["count"])
    groups = sorted(counts)
    a, b = counts[groups[0]], counts[groups[1]]
    key = [r for r in keyness(a, b) if is_content_word(r["word"])]
    chi2_q = bh([r["chi2_p"] for r in key])
    g2_q = bh([r["g2_p"] for r in key])
    odds = [r for r in log_odds(a, b, ("pooled",), None) if is_content_word(r["word"])]
    p = [2 * float(scipy.stats.norm.sf(abs(r["z"]))) for r in odds]
    odds_q = bh(p)
    sentiment = {}
    with open(out_dir / "sentiment_tests.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    for voice in sorted({r["voice"] for r in rows}):
        family = [r for r in rows if r["voice"] == voice]
        qs = bh([float(r["p_value"]) if r["p_value"] else float("nan") for r in family])
        for r, q in zip(family, qs):
            sentiment[f"{r['contrast']}|{voice}|{r['measure']}"] = q
    return {
        "keyness": {r["word"]: [c, g] for r, c, g in zip(key, chi2_q, g2_q)},
        "log_odds": {r["word"]: [pv, q] for r, pv, q in zip(odds, p, odds_q)},
        "sentiment_tests": sentiment,
    }


def main():
    out_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "output")
    data = {
        "generator": "scripts/fdr_reference.py",
        "statsmodels": version("statsmodels"),
        "vectors": vectors(),
        "corpus": corpus(out_dir),
    }
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
