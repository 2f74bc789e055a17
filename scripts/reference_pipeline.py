#!/usr/bin/env python3
"""What a researcher would otherwise write: the Python reference pipeline the benchmark times against.

pySBD for sentences, vaderSentiment 3.3.2 for scores, the framing lexicons' terms as regular expressions,
pandas for the group means. Reads a JSON-lines corpus (plain or .gz), prints rows/s and the group means.

    python3 scripts/reference_pipeline.py ../shared/corpora/article-bias-prediction/articles-2k.jsonl.gz [--limit N]
"""

import argparse
import gzip
import json
import re
import sys
import time
import tomllib
from pathlib import Path

import pandas as pd
import pysbd
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

ROOT = Path(__file__).resolve().parent.parent


def frame_patterns():
    """One compiled regex per category: each term a word-bounded, case-insensitive alternative, `*` as \\w*."""
    patterns = {}
    for path in sorted((ROOT / "lexicons" / "frames").glob("*.toml")):
        category = tomllib.loads(path.read_text(encoding="utf-8"))
        alternatives = []
        for term in category["terms"]:
            text = term if isinstance(term, str) else term["term"]
            words = [re.escape(w).replace(r"\*", r"\w*") for w in re.split(r"[\s-]+", text.strip()) if w]
            alternatives.append(r"[\s-]+".join(words))
        patterns[category["name"]] = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)
    return patterns


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--group-by", default="bias")
    args = parser.parse_args()
    opener = gzip.open if args.corpus.endswith(".gz") else open
    start = time.perf_counter()
    segmenter = pysbd.Segmenter(language="en", clean=False)
    analyzer = SentimentIntensityAnalyzer()
    patterns = frame_patterns()
    rows = []
    with opener(args.corpus, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if args.limit is not None and n >= args.limit:
                break
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            text = record.get("text") or ""
            for paragraph in re.split(r"\n\s*\n", text):
                for sentence in segmenter.segment(paragraph):
                    if not sentence.strip():
                        continue
                    row = {"group": record.get(args.group_by, ""), "compound": analyzer.polarity_scores(sentence)["compound"]}
                    for name, pattern in patterns.items():
                        row[name] = len(pattern.findall(sentence))
                    rows.append(row)
    table = pd.DataFrame(rows)
    means = table.groupby("group").mean(numeric_only=True)
    seconds = time.perf_counter() - start
    print(means.round(4).to_string(), file=sys.stderr)
    print(f"reference_pipeline_seconds {seconds:.2f} articles {n + 1 if args.limit is None else min(n + 1, args.limit)} sentences {len(table)}")


if __name__ == "__main__":
    main()
