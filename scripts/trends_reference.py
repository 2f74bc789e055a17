#!/usr/bin/env python3
"""Reference figures for the `trends` table of `framing analyze --time-field date --cluster-by outlet`.

Writes the dated corpus tests/fixtures/trends_corpus.jsonl (written here, in our own words: six outlets,
two bias groups, four months with one empty, and a few articles with no usable date), runs framing on it,
rebuilds every (group, month, outlet) cluster from the article tables (`articles.csv`, `frames.csv`), and
computes with numpy and scipy what the trends table should hold:

  - per (group, month): articles, tokens, sentences, and for the mean compound, each category's hits per
    1,000 tokens and its share of sentences, the ratio of sums R = Σy/Σx over the outlets and its 95%
    normal interval R ± z·√Var(R), Var(R) = m/(m−1) · Σ(y_i − R·x_i)² / (Σx)², z = scipy's
    norm.ppf(0.975), the bounds clipped to the measure's range;
  - the normal-theory limit of a difference of two such ratios (the interval the frame differences use
    beyond 5,000 clusters), on the same clusters, for tests/trends.rs to compare with
    `stats::normal_rate_difference`, and the ratio of the two rates with its log-scale interval
    (`stats::normal_ratio_of_rates`, the frame differences' `rate_ratio` columns).

tests/trends.rs requires framing's figures to equal these to 1e-9.

    python3 scripts/trends_reference.py        (after cargo build --release)
"""

import csv
import json
import os
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy.stats import norm

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "trends_corpus.jsonl"
FIXTURE = ROOT / "tests" / "fixtures" / "trends_reference.json"

OUTLETS = [
    ("North Star", "left"), ("Daily Lamp", "left"), ("Civic Ledger", "left"),
    ("Harbor Post", "right"), ("Frontier Wire", "right"), ("Plains Herald", "right"),
]
TAGS = ["amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heath"]
# 2020-03 has no article: the table must still have its rows.
DAYS = ["2020-01-06", "2020-01-20", "2020-02-03T09:30:00Z", "February 17, 2020",
        "2020-04-06", "2020/04/20", "6 Jan 2020", "2020-02-10"]
BAD = {("Daily Lamp", 7): "", ("Harbor Post", 7): "03/04/2020", ("Plains Herald", 6): "2020-02-30"}


def write_corpus():
    lines, n = [], 0
    for o, (outlet, bias) in enumerate(OUTLETS):
        for i, tag in enumerate(TAGS):
            n += 1
            month = i % 4
            war = f"The {tag} army launched an offensive and the troops attacked the rebels. " * (1 + (2 * o + month) % 5)
            peace = f"In {tag} diplomats urged a ceasefire and talks on humanitarian aid. " * (1 + (i + o) % 2)
            mood = ["Residents of {t} were glad and hopeful.", "Families in {t} grieved a terrible loss.",
                    "The {t} market opened on time."][(o + i) % 3].format(t=tag)
            text = f"{war}\n\n{peace}\n\n{mood} Officials in {tag} met to discuss the budget."
            date = BAD.get((outlet, i), DAYS[i])
            lines.append(json.dumps({"id": f"t{n:02}", "outlet": outlet, "bias": bias,
                                     "date": date, "text": text}))
    CORPUS.write_text("\n".join(lines) + "\n")


def month_of(date):
    """The month bin of the dates this corpus uses, or None for the unusable ones."""
    if not date or date in ("03/04/2020", "2020-02-30"):
        return None
    if date[:4] == "2020" and date[4] in "-/":
        return "2020-" + date[5:7]
    months = {"Jan": "01", "February": "02"}
    for name, m in months.items():
        if name in date:
            return "2020-" + m
    raise ValueError(date)


def clusters(out_dir):
    """{(group, month): {outlet: {tokens, sentences, compound, weights{cat}, with{cat}, articles}}}."""
    dates = {}
    for line in CORPUS.read_text().splitlines():
        r = json.loads(line)
        dates[r["id"]] = month_of(r["date"])
    cells = defaultdict(lambda: defaultdict(lambda: {
        "tokens": 0, "sentences": 0, "compound": 0, "weights": defaultdict(int),
        "with": defaultdict(int)}))
    articles = defaultdict(int)
    meta = {}
    with open(out_dir / "articles.csv", newline="") as f:
        for r in csv.DictReader(f):
            key = (r["bias"], dates[r["article_id"]] or "undated")
            articles[key] += 1
            if not r["sentences"] or int(r["sentences"]) == 0:
                continue
            c = cells[key][r["outlet"]]
            n = int(r["sentences"])
            c["tokens"] += int(r["tokens"])
            c["sentences"] += n
            # compound_mean is a sum of 0.0001 units over n sentences.
            c["compound"] += round(float(r["compound_mean"]) * n * 1e4)
            meta[r["article_id"]] = (key, r["outlet"])
    with open(out_dir / "frames.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["article_id"] in meta:
                key, outlet = meta[r["article_id"]]
                c = cells[key][outlet]
                c["weights"][r["category"]] += round(float(r["weighted_hits"]) * 1e6)
                c["with"][r["category"]] += int(r["sentences_with_frame"])
    return cells, articles


def ratio_interval(y, x, per, lo, hi):
    y, x = np.asarray(y, dtype=float), np.asarray(x, dtype=float)
    m = len(x)
    if x.sum() == 0:
        return [None, None, None]
    r = y.sum() / x.sum()
    if m < 2:
        return [per * r, None, None]
    var = m / (m - 1) * np.sum((y - r * x) ** 2) / x.sum() ** 2
    z = norm.ppf(0.975)
    half = z * np.sqrt(var)
    return [per * r, float(np.clip(per * (r - half), lo, hi)), float(np.clip(per * (r + half), lo, hi))]


def main():
    write_corpus()
    binary = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run(
            [binary, "analyze", "--corpus", str(CORPUS), "--group-by", "bias", "--cluster-by", "outlet",
             "--time-field", "date", "--out", str(tmp / "out"), "--quiet"],
            check=True,
        )
        cells, articles = clusters(tmp / "out")
    categories = sorted({c for cell in cells.values() for o in cell.values() for c in o["weights"]})
    rows = {}
    for key in sorted(set(cells) | set(articles)):
        outlets = [cells[key][o] for o in sorted(cells[key])]
        toks = [o["tokens"] for o in outlets]
        sents = [o["sentences"] for o in outlets]
        row = {
            "articles": articles[key], "clusters": len(outlets), "tokens": sum(toks),
            "sentences": sum(sents),
            "compound_mean": ratio_interval([o["compound"] / 1e4 for o in outlets], sents, 1.0, -1, 1),
        }
        for cat in categories:
            row[f"{cat}_per_1000"] = ratio_interval(
                [o["weights"][cat] / 1e6 for o in outlets], toks, 1000.0, 0, np.inf)
            row[f"{cat}_share"] = ratio_interval([o["with"][cat] for o in outlets], sents, 1.0, 0, 1)
        rows[f"{key[0]} {key[1]}"] = row
    # A difference of two ratios in its normal-theory limit: left vs right, all months, per outlet.
    pooled = defaultdict(lambda: defaultdict(lambda: [0.0, 0.0]))
    for (group, _), cell in cells.items():
        for outlet, o in cell.items():
            pooled[group][outlet][0] += o["weights"]["military_security"] / 1e6
            pooled[group][outlet][1] += o["tokens"]
    sides = {g: [pooled[g][o] for o in sorted(pooled[g])] for g in ("left", "right")}
    est, var = [], []
    for g in ("left", "right"):
        y, x = np.array([c[0] for c in sides[g]]), np.array([c[1] for c in sides[g]])
        r, m = y.sum() / x.sum(), len(x)
        est.append(r)
        var.append(m / (m - 1) * np.sum((y - r * x) ** 2) / x.sum() ** 2)
    d = 1000 * (est[0] - est[1])
    se = 1000 * np.sqrt(var[0] + var[1])
    z = norm.ppf(0.975)
    # The ratio of the two rates, its interval on the log scale (delta method).
    rr = est[0] / est[1]
    se_log = np.sqrt(var[0] / est[0] ** 2 + var[1] / est[1] ** 2)
    FIXTURE.write_text(json.dumps({
        "generator": "scripts/trends_reference.py",
        "corpus": "tests/fixtures/trends_corpus.jsonl",
        "command": "framing analyze --corpus tests/fixtures/trends_corpus.jsonl --group-by bias "
                   "--cluster-by outlet --time-field date",
        "rows": rows,
        "normal_difference": {
            "category": "military_security", "left": sides["left"], "right": sides["right"],
            "estimate": d, "std_error": se, "lower": d - z * se, "upper": d + z * se,
            "rate_ratio": [rr, rr * np.exp(-z * se_log), rr * np.exp(z * se_log)],
        },
    }, indent=1, sort_keys=True) + "\n")
    print(f"wrote {CORPUS} and {FIXTURE}")


if __name__ == "__main__":
    main()
