#!/usr/bin/env python3
"""Reference figures for the cluster bootstrap of `framing analyze --cluster-by FIELD`.

The clusters are rebuilt here from the article-level tables (`articles.csv` for tokens and metadata,
`frames.csv` for each article's weighted hits): every value of the field, within a group, sums its
articles. Two modes:

  fixture   Writes tests/fixtures/cluster_bootstrap_reference.json. It writes the corpus of
            tests/cluster_unit.rs, runs framing on it with --cluster-by outlet --seed 7
            --replicates 300, and redoes the bootstrap with framing's own scheme (xoshiro256** streams
            seeded by SplitMix64, Lemire's unbiased draws, sums in draw order, numpy's linear
            percentile), so the test can require equal intervals; and framing's permutation test
            (every split of the six outlets; 300 Fisher-Yates draws of the 60 articles), equal too.
  corpus    python3 scripts/cluster_bootstrap_reference.py corpus OUT_DIR [FIELD] [REPLICATES]
            An independent outlet bootstrap with numpy's own generator on a framing output directory
            (e.g. the 37k run with --cluster-by outlet): for each contrast "G vs rest" and category,
            the 95% percentile interval of the difference in hits per 1,000 tokens, beside framing's.
            It agrees with framing's within Monte Carlo error, not exactly.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "cluster_bootstrap_reference.json"
M = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def mix64(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


class Xoshiro:
    def __init__(self, seed):
        s, state = [], seed
        for _ in range(4):
            state = (state + GAMMA) & M
            s.append(mix64(state))
        self.s = s

    @classmethod
    def for_stream(cls, seed, stream):
        return cls(mix64(seed ^ mix64((stream + GAMMA) & M)))

    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def below(self, n):
        threshold = ((1 << 64) - n) % n
        while True:
            m = self.next() * n
            if (m & M) >= threshold:
                return m >> 64


def percentile(sorted_values, q):
    n = len(sorted_values)
    h = (n - 1) * (q / 100.0)
    if h >= n - 1:
        return sorted_values[-1]
    i = int(h // 1)
    g = h - i
    lo, hi = sorted_values[i], sorted_values[i + 1]
    diff = hi - lo
    return hi - diff * (1.0 - g) if g >= 0.5 else lo + diff * g


def read_clusters(out_dir, field, group_by):
    """{group: {key: [tokens, {category: weight units}]}} from the article tables."""
    articles = {}
    with open(out_dir / "articles.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["tokens"] and int(r["tokens"]) > 0:
                articles[r["article_id"]] = (r[group_by], r[field], int(r["tokens"]))
    clusters = defaultdict(lambda: defaultdict(lambda: [0, defaultdict(int)]))
    for group, key, tokens in articles.values():
        clusters[group][key][0] += tokens
    with open(out_dir / "frames.csv", newline="") as f:
        for r in csv.DictReader(f):
            a = articles.get(r["article_id"])
            if a:
                units = round(float(r["weighted_hits"]) * 1e6)
                clusters[a[0]][a[1]][1][r["category"]] += units
    return clusters


def side(clusters, groups, category):
    """(numerator, denominator) per cluster, ordered as framing orders them: by key, then group."""
    rows = sorted((key, g, c) for g in groups for key, c in clusters[g].items())
    return [(c[1][category] / 1e6, float(c[0])) for _, _, c in rows]


def rate(cl, draws):
    num = den = 0.0
    for i in draws:
        num += cl[i][0]
        den += cl[i][1]
    return None if den == 0 else 1000.0 * num / den


def framing_bootstrap(a, b, seed, replicates):
    reps = []
    for r in range(replicates):
        rng = Xoshiro.for_stream(seed, r)
        da = [rng.below(len(a)) for _ in range(len(a))]
        db = [rng.below(len(b)) for _ in range(len(b))]
        ta, tb = rate(a, da), rate(b, db)
        if ta is not None and tb is not None:
            reps.append(ta - tb)
    reps.sort()
    return percentile(reps, 2.5), percentile(reps, 97.5)


SALT = 0x7065726D75746521


def permutation_p(a, b, seed, replicates, exact_limit=20000):
    """framing's permutation test of one rate: whole clusters permuted between the sides."""
    from itertools import combinations
    from math import comb

    pool = a + b
    n, n_a = len(pool), len(a)
    tot_n = tot_d = 0.0
    for c in pool:
        tot_n += c[0]
        tot_d += c[1]

    def diff(idx):
        num = den = 0.0
        for i in idx:
            num += pool[i][0]
            den += pool[i][1]
        nb, db = tot_n - num, tot_d - den
        if den == 0 or db == 0:
            return None
        return 1000.0 * (num / den - nb / db)

    d = diff(range(n_a))
    if d is None:
        return None, None

    def extreme(idx):
        x = diff(idx)
        return x is not None and abs(x) >= abs(d) * (1.0 - 1e-12)

    if comb(n, n_a) <= exact_limit:
        subsets = list(combinations(range(n), n_a))
        return sum(extreme(s) for s in subsets) / len(subsets), True
    count = 0
    for r in range(replicates):
        rng = Xoshiro.for_stream(seed ^ SALT, r)
        perm = list(range(n))
        for i in range(n - 1, 0, -1):
            j = rng.below(i + 1)
            perm[i], perm[j] = perm[j], perm[i]
        count += extreme(perm[:n_a])
    return (1 + count) / (1 + replicates), False


def numpy_bootstrap(a, b, replicates, rng):
    a, b = np.array(a), np.array(b)
    reps = []
    for _ in range(replicates):
        sa = a[rng.integers(0, len(a), len(a))].sum(axis=0)
        sb = b[rng.integers(0, len(b), len(b))].sum(axis=0)
        reps.append(1000 * sa[0] / sa[1] - 1000 * sb[0] / sb[1])
    return tuple(np.percentile(reps, [2.5, 97.5]))


def corpus_text(n):
    """The corpus of tests/cluster_unit.rs, line for line."""
    outlets = [
        ("North Star", "left"), ("Daily Lamp", "left"), ("Civic Ledger", "left"),
        ("Harbor Post", "right"), ("Frontier Wire", "right"), ("Plains Herald", "right"),
    ]
    tags = ["amber", "birch", "cedar", "delta", "ember", "fjord", "grove", "heath", "inlet", "juniper"]
    lines = []
    for o, (outlet, bias) in enumerate(outlets):
        for i, tag in enumerate(tags):
            n += 1
            war = f"The {tag} army launched an offensive and the troops attacked the rebels. " * (o + 1)
            peace = f"In {tag} diplomats urged a ceasefire and talks on humanitarian aid. " * (1 + i % 3)
            text = f"{war}\n\n{peace}\n\nOfficials in {tag} met to discuss the budget and the schools."
            lines.append(json.dumps({"id": f"n{n:02}", "outlet": outlet, "bias": bias, "text": text}))
    return "\n".join(lines) + "\n"


def fixture():
    binary = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "corpus.jsonl").write_text(corpus_text(0))
        subprocess.run(
            [binary, "analyze", "--corpus", "corpus.jsonl", "--group-by", "bias", "--cluster-by",
             "outlet", "--seed", "7", "--replicates", "300", "--out", "out", "--quiet"],
            cwd=tmp, check=True,
        )
        clusters = read_clusters(tmp / "out", "outlet", "bias")
        categories = sorted({c for g in clusters.values() for k in g.values() for c in k[1]})
        result, permutation = {}, {}
        for cat in categories:
            a, b = side(clusters, ["left"], cat), side(clusters, ["right"], cat)
            lo, hi = framing_bootstrap(a, b, 7, 300)
            result[cat] = [lo, hi]
            permutation[cat] = permutation_p(a, b, 7, 300)[0]
        # Articles as clusters: 60 of them, too many splits to enumerate, so drawn.
        subprocess.run(
            [binary, "analyze", "--corpus", "corpus.jsonl", "--group-by", "bias", "--cluster-by",
             "article", "--seed", "7", "--replicates", "300", "--out", "articles", "--quiet"],
            cwd=tmp, check=True,
        )
        by_article = read_clusters(tmp / "articles", "article_id", "bias")
        drawn = {}
        for cat in categories:
            a, b = side(by_article, ["left"], cat), side(by_article, ["right"], cat)
            drawn[cat] = permutation_p(a, b, 7, 300)[0]
    FIXTURE.write_text(json.dumps({
        "generator": "scripts/cluster_bootstrap_reference.py fixture",
        "seed": 7, "replicates": 300, "contrast": "left vs right", "voice": "all",
        "per_1000_ci": result,
        "per_1000_p_outlet_exact": permutation,
        "per_1000_p_article_drawn": drawn,
    }, indent=1, sort_keys=True) + "\n")
    print(f"wrote {FIXTURE}")


def corpus(out_dir, field, replicates):
    group_by = "bias"
    clusters = read_clusters(out_dir, field, group_by)
    groups = sorted(clusters)
    framing = {}
    with open(out_dir / "frame_differences.csv", newline="") as f:
        for r in csv.DictReader(f):
            if r["voice"] == "all":
                framing[(r["contrast"], r["category"])] = r
    rng = np.random.default_rng(2026)
    print("| contrast | category | difference | framing (outlets) | numpy reference (outlets) |")
    print("|---|---|---:|---:|---:|")
    for g in groups:
        rest = [x for x in groups if x != g]
        for cat in sorted({c for x in clusters.values() for k in x.values() for c in k[1]}):
            a, b = side(clusters, [g], cat), side(clusters, rest, cat)
            lo, hi = numpy_bootstrap(a, b, replicates, rng)
            fr = framing[(f"{g} vs rest", cat)]
            print(f"| {g} vs rest | {cat} | {float(fr['per_1000_difference']):+.2f} | "
                  f"{float(fr['per_1000_ci_lower']):+.2f} to {float(fr['per_1000_ci_upper']):+.2f} | "
                  f"{lo:+.2f} to {hi:+.2f} |")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "corpus":
        corpus(Path(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "outlet",
               int(sys.argv[4]) if len(sys.argv) > 4 else 2000)
    else:
        fixture()
