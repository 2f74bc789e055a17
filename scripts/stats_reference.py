#!/usr/bin/env python3
"""Generate tests/fixtures/stats_reference.json: reference values for src/stats/mod.rs.

An independent implementation (numpy + scipy, written from the papers and from quanteda's and
scipy's sources, not from the Rust code) of:

  * the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008):
    delta, sigma^2 and z per word, for a pooled prior, a "background" prior and a uniform prior,
    unscaled and scaled to a chosen prior size alpha_0;
  * quanteda's keyness: signed chi2 with its Yates rule, signed G2 with Williams' correction,
    and their chi-square(1 df) p-values;
  * the Mann-Whitney U test via scipy.stats.mannwhitneyu(method="asymptotic",
    use_continuity=True), with Cliff's delta by brute force over all pairs;
  * erfc, the normal and chi-square(1) upper tails, and numpy's default percentile.

Inputs, all written into the fixture so the Rust test needs nothing else:
  * word counts of the two corpus articles, data/000_7859b8436fd98fa9.txt (opinion) and
    data/004_d5acae6dd57a4709.txt (wire): the whole file lowercased, curly apostrophes mapped
    to "'", tokens = regex [a-z0-9]+(?:'[a-z]+)?;
  * a "news background" prior defined below (made-up counts for common words, plus 1 for every
    word of the two articles so that no word has a zero prior);
  * a hand-made tiny case with tied counts, zero counts and words missing from its background;
  * lists of numbers with ties for the Mann-Whitney test.

Output: json.dump(..., sort_keys=True, indent=1), floats at repr precision, so reruns are
byte-identical. Usage, from the repository root:  python3 scripts/stats_reference.py
Requirements: scripts/requirements.txt (numpy, scipy).
"""

import json
import math
import re
from importlib.metadata import version
from pathlib import Path

import numpy as np
import scipy.special
import scipy.stats

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "stats_reference.json"
ARTICLES = {
    "opinion": ROOT / "data" / "000_7859b8436fd98fa9.txt",
    "wire": ROOT / "data" / "004_d5acae6dd57a4709.txt",
}
TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def tokenise(text):
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return TOKEN.findall(text)


def count(tokens):
    counts = {}
    for t in tokens:
        counts[t] = counts.get(t, 0) + 1
    return counts


def desc_key(value, word):
    """Sort key: value descending (+0.0 before -0.0, as Rust's total order), then word."""
    return (-value, 0 if math.copysign(1.0, value) > 0 else 1, word)


# ---------------------------------------------------------------------------------------------
# Log-odds ratio with informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, eqs. 16-20)
# ---------------------------------------------------------------------------------------------


def log_odds(ci, cj, prior, prior_size):
    """prior: ("pooled",), ("background", counts) or ("uniform", value)."""
    vocab = sorted({w for m in (ci, cj) for w, c in m.items() if c > 0})
    n_i = float(sum(ci.values()))
    n_j = float(sum(cj.values()))
    kind = prior[0]
    if kind == "pooled":
        raw = {w: float(ci.get(w, 0) + cj.get(w, 0)) for w in vocab}
        raw0 = n_i + n_j
    elif kind == "background":
        bg = prior[1]
        raw = {w: float(bg.get(w, 0)) for w in vocab}
        raw0 = float(sum(bg.values()))  # alpha_0 sums the whole background vocabulary
    elif kind == "uniform":
        raw = {w: prior[1] for w in vocab}
        raw0 = prior[1] * len(vocab)
    else:
        raise ValueError(kind)
    scale = 1.0 if prior_size is None else prior_size / raw0
    a0 = raw0 * scale
    rows = []
    for w in vocab:
        yi, yj, a = float(ci.get(w, 0)), float(cj.get(w, 0)), raw[w] * scale
        num_i, den_i = yi + a, n_i + a0 - yi - a
        num_j, den_j = yj + a, n_j + a0 - yj - a
        if min(num_i, den_i, num_j, den_j) <= 0.0:
            continue  # delta is +-inf or undefined: the word is left out
        delta = math.log(num_i / den_i) - math.log(num_j / den_j)
        var = 1.0 / (yi + a) + 1.0 / (yj + a)
        rows.append(
            {
                "word": w,
                "count_i": int(yi),
                "count_j": int(yj),
                "alpha": a,
                "delta": delta,
                "variance": var,
                "z": delta / math.sqrt(var),
            }
        )
    rows.sort(key=lambda r: desc_key(r["z"], r["word"]))
    return rows


# ---------------------------------------------------------------------------------------------
# quanteda keyness. Followed (quanteda.textstats, src/keyness.cpp, commit 23dd4dd0):
#   lines 17-35  yates_correction(): 0.5 if |ad - bc| >= N/2 and any of the four expected
#                counts (a+b)(a+c)/N, (a+b)(b+d)/N, (a+c)(c+d)/N, (c+d)(b+d)/N is < 5, else 0;
#   lines 37-46  williams_correction(): 1 if a*b*c*d == 0, else
#                1 + (N/(a+b) + N/(c+d) - 1) * (N/(a+c) + N/(b+d) - 1) / (6N);
#   lines 48-62  chisq_lambda(): c = tN - a, d = rN - b, E = (a+b)(a+c)/N,
#                N (|ad - bc| - N delta)^2 / ((a+b)(c+d)(a+c)(b+d) * (a > E ? 1 : -1)), where
#                delta = yates_correction() for correction "default"/"yates";
#   lines 64-92  lr_lambda(): 2 * sum(x * log(x / E_x + epsilon)) * (a > E ? 1 : -1), divided by
#                williams_correction() for correction "williams" (no Yates shift of the cells
#                then); epsilon = 1e-9 (line 7, "the same value as R code").
# and the same formulas in quanteda 2.x R/textstat_keyness.R, keyness_chi2_dt() (cor_app rule
# with >=) and keyness_lr(); p-values as in R/textstat_keyness.R,
#   result$p <- 1 - stats::pchisq(abs(result$stat), 1)
# here computed as scipy.stats.chi2.sf(abs(stat), 1) (no cancellation below 1e-16).
# ---------------------------------------------------------------------------------------------

EPSILON = 0.000000001


def yates_applies(a, b, c, d):
    n = a + b + c + d
    small = (
        (a + b) * (a + c) / n < 5
        or (a + b) * (b + d) / n < 5
        or (a + c) * (c + d) / n < 5
        or (c + d) * (b + d) / n < 5
    )
    return abs(a * d - b * c) >= n / 2 and small


def williams_q(a, b, c, d):
    if a * b * c * d == 0:
        return 1.0
    n = a + b + c + d
    return 1.0 + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0) / (6.0 * n)


def chi2_quanteda(a, b, c, d):
    n = a + b + c + d
    e = (a + b) * (a + c) / n
    delta = 0.5 if yates_applies(a, b, c, d) else 0.0
    num = n * (abs(a * d - b * c) - n * delta) ** 2
    den = (a + b) * (c + d) * (a + c) * (b + d) * (1.0 if a > e else -1.0)
    return num / den


def g2_williams_quanteda(a, b, c, d):
    n = a + b + c + d
    e = (a + b) * (a + c) / n
    g2 = (
        2
        * (
            a * math.log(a / ((a + b) * (a + c) / n) + EPSILON)
            + b * math.log(b / ((a + b) * (b + d) / n) + EPSILON)
            + c * math.log(c / ((a + c) * (c + d) / n) + EPSILON)
            + d * math.log(d / ((b + d) * (c + d) / n) + EPSILON)
        )
        * (1.0 if a > e else -1.0)
    )
    return g2 / williams_q(a, b, c, d)


def p_chi2(stat):
    return float(scipy.stats.chi2.sf(abs(stat), 1))


def table_row(a, b, c, d):
    chi2 = chi2_quanteda(a, b, c, d)
    g2 = g2_williams_quanteda(a, b, c, d)
    return {
        "a": a,
        "b": b,
        "c": c,
        "d": d,
        "yates_applies": yates_applies(a, b, c, d),
        "williams_q": williams_q(a, b, c, d),
        "chi2": chi2,
        "chi2_p": p_chi2(chi2),
        "g2": g2,
        "g2_p": p_chi2(g2),
    }


def keyness(target, reference):
    t_total = float(sum(target.values()))
    r_total = float(sum(reference.values()))
    vocab = sorted({w for m in (target, reference) for w, c in m.items() if c > 0})
    rows = []
    for w in vocab:
        a, b = float(target.get(w, 0)), float(reference.get(w, 0))
        c, d = t_total - a, r_total - b
        if min(a + b, c + d, a + c, b + d) <= 0:
            continue
        row = table_row(a, b, c, d)
        rows.append(
            {
                "word": w,
                "n_target": int(a),
                "n_reference": int(b),
                "chi2": row["chi2"],
                "chi2_p": row["chi2_p"],
                "g2": row["g2"],
                "g2_p": row["g2_p"],
            }
        )
    rows.sort(key=lambda r: desc_key(r["chi2"], r["word"]))
    return rows


# ---------------------------------------------------------------------------------------------
# Mann-Whitney U (scipy) and Cliff's delta (brute force)
# ---------------------------------------------------------------------------------------------


def mann_whitney(name, x, y):
    res = scipy.stats.mannwhitneyu(
        x, y, alternative="two-sided", method="asymptotic", use_continuity=True
    )
    n1, n2 = len(x), len(y)
    n = n1 + n2
    u1 = float(res.statistic)
    u2 = n1 * n2 - u1
    # z and sigma as scipy's _get_mwu_z (scipy/stats/_mannwhitneyu.py), for the record; scipy's
    # own p-value is what the fixture checks. sigma = 0 (all tied): z reported as 0, p = 1.
    _, t = np.unique(np.concatenate([x, y]), return_counts=True)
    tie_term = float(np.sum(t.astype(float) ** 3 - t))
    sigma = math.sqrt(n1 * n2 / 12 * ((n + 1) - tie_term / (n * (n - 1))))
    z = (max(u1, u2) - n1 * n2 / 2 - 0.5) / sigma if sigma > 0 else 0.0
    p = float(res.pvalue)
    if sigma > 0:
        assert math.isclose(p, min(1.0, 2 * scipy.stats.norm.sf(z)), rel_tol=1e-12), name
    xs, ys = np.asarray(x, float), np.asarray(y, float)
    cliff = float(np.sign(xs[:, None] - ys[None, :]).sum()) / (n1 * n2)
    return {
        "name": name,
        "x": [float(v) for v in x],
        "y": [float(v) for v in y],
        "u1": u1,
        "u2": float(u2),
        "z": z,
        "sigma": sigma,
        "p": p,
        "cliffs_delta": cliff,
    }


def main():
    corpora = {name: count(tokenise(path.read_text(encoding="utf-8"))) for name, path in ARTICLES.items()}

    # A made-up background corpus of general news (counts of common words), floored at 1 for
    # every word of the two articles, plus words neither article uses (they still count in
    # alpha_0).
    base = {
        "the": 6000, "of": 3000, "and": 2800, "to": 2700, "a": 2400, "in": 2200, "that": 1100,
        "is": 1000, "for": 900, "it": 800, "was": 700, "on": 700, "he": 650, "with": 600,
        "as": 550, "by": 500, "his": 480, "at": 450, "said": 400, "from": 400, "has": 350,
        "have": 340, "be": 330, "but": 300, "not": 280, "who": 250, "are": 240, "they": 230,
        "been": 200, "had": 190, "its": 180, "were": 170, "which": 160, "this": 150,
        "government": 60, "war": 40, "people": 90, "killed": 20, "strike": 15, "syria": 8,
        "iran": 8, "us": 70, "president": 50, "military": 25, "weather": 30, "football": 25,
        "market": 40, "economy": 35, "zebra": 2,
    }
    vocab = {w for m in corpora.values() for w in m}
    background = dict(base)
    for w in vocab:
        background[w] = background.get(w, 0) + 1

    tiny_i = {"alpha": 3, "beta": 3, "gamma": 0, "delta": 5, "eps": 1, "zeta": 1, "only_i": 2}
    tiny_j = {"alpha": 3, "beta": 3, "gamma": 4, "delta": 1, "zeta": 1, "eta": 0, "only_j": 2}
    # No floor: "eps" (absent from tiny_j) and "only_j" (absent from tiny_i) have alpha = 0 and
    # drop out of the background cases; "unused" only adds to alpha_0.
    tiny_background = {"alpha": 10, "beta": 10, "gamma": 5, "delta": 2, "zeta": 1, "only_i": 1, "unused": 20}

    inputs = {
        "opinion": corpora["opinion"],
        "wire": corpora["wire"],
        "news_background": background,
        "tiny_i": tiny_i,
        "tiny_j": tiny_j,
        "tiny_background": tiny_background,
    }

    def lo_case(name, i, j, prior, prior_size):
        spec = {"kind": prior[0]}
        if prior[0] == "background":
            spec["background"] = prior[1]
            prior = ("background", inputs[prior[1]])
        elif prior[0] == "uniform":
            spec["value"] = prior[1]
        return {
            "name": name,
            "i": i,
            "j": j,
            "prior": spec,
            "prior_size": prior_size,
            "expected": log_odds(inputs[i], inputs[j], prior, prior_size),
        }

    log_odds_cases = [
        lo_case("articles_pooled", "opinion", "wire", ("pooled",), None),
        lo_case("articles_background_a0_1000", "opinion", "wire", ("background", "news_background"), 1000.0),
        lo_case("articles_uniform_0.01", "opinion", "wire", ("uniform", 0.01), None),
        lo_case("tiny_pooled", "tiny_i", "tiny_j", ("pooled",), None),
        lo_case("tiny_pooled_a0_3", "tiny_i", "tiny_j", ("pooled",), 3.0),
        lo_case("tiny_background", "tiny_i", "tiny_j", ("background", "tiny_background"), None),
        lo_case("tiny_background_a0_5", "tiny_j", "tiny_i", ("background", "tiny_background"), 5.0),
        lo_case("tiny_uniform_0.5_a0_10", "tiny_i", "tiny_j", ("uniform", 0.5), 10.0),
    ]

    keyness_cases = [
        {"name": n, "target": t, "reference": r, "expected": keyness(inputs[t], inputs[r])}
        for n, t, r in [
            ("opinion_vs_wire", "opinion", "wire"),
            ("tiny", "tiny_i", "tiny_j"),
            ("tiny_reversed", "tiny_j", "tiny_i"),
        ]
    ]

    tables = [
        table_row(*map(float, t))
        for t in [
            (1, 0, 1, 2),  # |ad - bc| = N/2 exactly: Yates applies (>=)
            (1, 1, 1, 1),  # ad - bc = 0: no Yates, chi2 = -0.0 (a == E is "not more frequent")
            (2, 1, 1, 2),  # |ad - bc| = 3 = N/2 again, with a > E: chi2 = +0.0
            (3, 1, 7, 9),  # small expected counts, Yates
            (50, 20, 950, 980),  # all expected >= 5: no Yates
            (0, 10, 100, 90),  # zero cell: Williams q = 1, G2 term 0 * log(eps)
            (10, 0, 90, 100),
            (4, 4, 996, 996),  # a == E
            (120, 3, 5000, 7000),
            (7, 30, 1000, 1200),
            (1, 1, 1139, 644),
            (250000, 125000, 1000000, 1200000),  # large counts
        ]
    ]

    rng = np.random.default_rng(20200110)
    mw = [
        mann_whitney("ties", [1, 2, 2, 3, 3, 3, 5.5, 7, 7, 10], [2, 3, 4, 4, 6, 7, 8, 9, 9, 11, 12]),
        mann_whitney("all_tied", [1, 1, 1], [1, 1]),
        mann_whitney("single_x", [5], [1, 2, 3, 4, 5]),
        mann_whitney("one_each", [0.5], [-0.25]),
        mann_whitney("disjoint", [10, 11, 12, 13, 14, 15, 16, 17], [1, 2, 3, 4, 5, 6, 7]),
        mann_whitney("equal_samples", [1, 2, 3, 4], [1, 2, 3, 4]),
        mann_whitney(
            "compounds_with_zeros",
            [0.0, 0.0, 0.0, -0.5423, 0.4019, 0.0, -0.7003, -0.7003, 0.2732, 0.0, -0.9531, 0.34],
            [0.0, 0.0, -0.3182, 0.0, 0.0, -0.6908, 0.0, 0.4404, 0.0, -0.5994, 0.0, 0.0, -0.34, 0.0],
        ),
        mann_whitney(
            "rounded_normals",
            [round(float(v), 1) for v in rng.normal(0.1, 0.5, 60)],
            [round(float(v), 1) for v in rng.normal(0.0, 0.5, 45)],
        ),
        mann_whitney(
            "large_continuous",
            [float(v) for v in rng.normal(0.2, 1.0, 400)],
            [float(v) for v in rng.normal(0.0, 1.0, 300)],
        ),
    ]

    erfc_x = [-6.0, -3.0, -1.0, -0.5, -0.1, -1e-20, 0.0, 1e-20, 1e-10, 0.1, 0.3, 0.46875, 0.4688,
              0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0, 3.99, 4.0, 4.01, 4.5, 5.0, 6.0, 8.0, 10.0, 15.0,
              20.0, 25.0, 26.5, 27.0]
    erfc_rows = [{"x": x, "erfc": float(scipy.special.erfc(x))} for x in erfc_x]
    chi2_rows = [{"x": x, "sf": float(scipy.stats.chi2.sf(x, 1))}
                 for x in [0.0, 1e-12, 0.001, 0.1, 0.5, 1.0, 2.0, 3.841458820694124, 5.0, 10.0,
                           20.0, 50.0, 100.0, 200.0, 500.0, 1000.0]]
    norm_rows = [{"z": z, "sf": float(scipy.stats.norm.sf(z))}
                 for z in [-5.0, -1.96, -0.5, 0.0, 0.3, 1.0, 1.959963984540054, 2.5, 4.0, 8.0,
                           12.0, 30.0]]
    pct_values = [
        [3.0],
        [1.0, 2.0],
        [5.0, 1.0, 4.0, 2.0, 3.0],
        [0.1, 0.7, -0.3, 0.7, 2.5, 1.1, -1.25, 0.0, 0.9, 3.3, 0.2],
        [float(v) for v in rng.normal(0.0, 1.0, 200)],
    ]
    pct_q = [0.0, 2.5, 25.0, 33.3, 50.0, 97.5, 99.9, 100.0]
    pct_rows = [
        {"values": v, "q": pct_q, "expected": [float(np.percentile(np.asarray(v), q)) for q in pct_q]}
        for v in pct_values
    ]

    fixture = {
        "meta": {
            "generator": "scripts/stats_reference.py",
            "numpy": version("numpy"),
            "scipy": version("scipy"),
            "tokeniser": "lowercase, curly apostrophes -> ', regex [a-z0-9]+(?:'[a-z]+)?",
            "articles": {k: str(v.relative_to(ROOT)) for k, v in ARTICLES.items()},
        },
        "inputs": inputs,
        "log_odds": log_odds_cases,
        "keyness": keyness_cases,
        "keyness_tables": tables,
        "mann_whitney": mw,
        "erfc": erfc_rows,
        "chi2_sf_1df": chi2_rows,
        "normal_sf": norm_rows,
        "percentile": pct_rows,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        json.dump(fixture, f, sort_keys=True, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(log_odds_cases)} log-odds cases, "
          f"{len(keyness_cases)} keyness cases, {len(tables)} tables, {len(mw)} Mann-Whitney cases")


if __name__ == "__main__":
    main()
