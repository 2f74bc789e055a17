"""A notebook's worth of `framing` from Python: the 2k-article subset by outlet bias, one chart.

    python examples/notebook_bias.py [OUT.png]

Loads ../shared/corpora/article-bias-prediction/articles-2k.jsonl.gz (FRAMING_SHARED overrides ../shared) with
polars, analyses it by `bias` with the generic frames, prints the per-group frame table and plots the share of
sentences carrying each frame per group with matplotlib. Run by scripts/test_python.sh;
without the corpus it says so and stops (exit 0).
"""

import os
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import polars as pl  # noqa: E402

import framing  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))
corpus = SHARED / "corpora" / "article-bias-prediction" / "articles-2k.jsonl.gz"
if not corpus.exists():
    print(f"SKIPPED: {corpus} not found (set FRAMING_SHARED)")
    sys.exit(0)

articles = pl.read_ndjson(corpus)
print(articles.group_by("bias").len().sort("bias"))
result = framing.analyze(articles, group_by="bias", lexicons="generic", cluster_by="outlet")
frames = result.tables["group_frames"]
print(frames.head(10))

groups = frames["group"].unique().sort().to_list()
categories = frames["category"].unique().sort().to_list()
fig, ax = plt.subplots(figsize=(9, 4.5))
width = 0.8 / len(groups)
for k, group in enumerate(groups):
    rows = frames.filter(pl.col("group") == group).sort("category")
    ax.bar([i + k * width for i in range(len(categories))], rows["share_of_sentences"].to_list(), width, label=group)
ax.set_xticks([i + width * (len(groups) - 1) / 2 for i in range(len(categories))], categories, rotation=15)
ax.set_ylabel("share of sentences with the frame")
ax.set_title("Generic news frames by outlet bias (2,000 articles)")
ax.legend(title="bias")
fig.tight_layout()
out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("frames_by_bias.png")
fig.savefig(out, dpi=120)
print(f"chart: {out}")
