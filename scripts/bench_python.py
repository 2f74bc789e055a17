#!/usr/bin/env python3
"""Benchmarks of the Python package (issue 18), every ratio from this one run (the machine is shared and noisy).

    target/venv/bin/python scripts/bench_python.py        (after scripts/test_python.sh built the venv)

1. `framing.score` on the 23,703 sentences of the four ICWSM 2014 sets (../shared/eval/vader-icwsm2014, or
   FRAMING_SHARED), from a Python list, at 1 and 2 threads, against vaderSentiment 3.3.2's `polarity_scores` loop in
   the same process (targets: 25x and 45x). Each framing figure is the best of 3 runs; the loop runs once.
2. `framing.analyze` on the 2k subset held in a polars DataFrame against `framing analyze` on the same file
   (`--group-by bias`), alternating, median of 3 each (target: within 1.2x of the CLI).
"""

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import polars as pl
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import framing

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
BIN = os.environ.get("FRAMING_BIN", str(ROOT / "target" / "release" / "framing"))


def timed(f):
    start = time.perf_counter()
    f()
    return time.perf_counter() - start


def main():
    texts = []
    for f in sorted((SHARED / "eval" / "vader-icwsm2014").glob("*_GroundTruth.txt")):
        for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split("\t", 2)
            if len(parts) == 3:
                texts.append(parts[2])
    analyzer = SentimentIntensityAnalyzer()
    reference = timed(lambda: [analyzer.polarity_scores(t) for t in texts])
    one = min(timed(lambda: framing.score(texts, threads=1)) for _ in range(3))
    two = min(timed(lambda: framing.score(texts, threads=2)) for _ in range(3))
    print(f"1. score, {len(texts)} ICWSM sentences from a Python list")
    print(f"   vaderSentiment 3.3.2 loop: {reference:.2f} s; framing.score 1 thread: {one:.3f} s "
          f"= {reference / one:.1f}x (target 25x); 2 threads: {two:.3f} s = {reference / two:.1f}x (target 45x)")

    corpus = SHARED / "corpora" / "article-bias-prediction" / "articles-2k.jsonl.gz"
    df = pl.read_ndjson(corpus)
    fields = ",".join(c for c in df.columns if c not in ("id", "text"))
    cli, py = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(3):
            cli.append(timed(lambda: subprocess.run(
                [BIN, "analyze", "--corpus", str(corpus), "--fields", fields, "--group-by", "bias",
                 "--out", f"{tmp}/cli", "--quiet"], check=True)))
            py.append(timed(lambda: framing.analyze(df, group_by="bias")))
    c, p = statistics.median(cli), statistics.median(py)
    print(f"2. analyze, {df.height} articles, --group-by bias")
    print(f"   CLI on the file: {c:.2f} s; framing.analyze on the DataFrame: {p:.2f} s = {p / c:.2f}x the CLI "
          f"(target <= 1.2x)")


if __name__ == "__main__":
    main()
