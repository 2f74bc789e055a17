#!/usr/bin/env bash
# Benchmarks, quoted as ratios measured in the same run (the machine is shared and noisy).
#   1. VADER scorer alone, one thread, against the 400,000 sentences/s target and vaderSentiment 3.3.2.
#   2. The whole pipeline on a corpus file (default: the 2,000-article subset), wall time and peak memory,
#      at 1 and 2 threads.
# Usage: scripts/bench.sh [CORPUS.jsonl.gz]     (needs ../shared or FRAMING_SHARED; python3 with vaderSentiment)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${FRAMING_SHARED:-../shared}"
CORPUS="${1:-$SHARED/corpora/article-bias-prediction/articles-2k.jsonl.gz}"
cargo build --release --quiet --example bench_vader
cargo build --release --quiet

echo "== VADER scorer, one thread"
rust_line=$(FRAMING_SHARED="$SHARED" ./target/release/examples/bench_vader)
echo "$rust_line"
rust_rate=$(echo "$rust_line" | awk '{print $2}')
py_rate=$(SHARED="$SHARED" python3 - <<'PY'
import os, time
from pathlib import Path
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
d = Path(os.environ["SHARED"]) / "eval" / "vader-icwsm2014"
texts = []
for f in sorted(d.glob("*_GroundTruth.txt")):
    for line in f.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t", 2)
        if len(parts) == 3:
            texts.append(parts[2])
texts = texts[:5000]
a = SentimentIntensityAnalyzer()
start = time.perf_counter()
for t in texts:
    a.polarity_scores(t)
print(f"{len(texts) / (time.perf_counter() - start):.0f}")
PY
)
echo "vaderSentiment 3.3.2: $py_rate sentences/s; framing / vaderSentiment = $(awk -v r="$rust_rate" -v p="$py_rate" 'BEGIN{printf "%.1f", r/p}')x"

echo "== whole pipeline on $CORPUS"
for threads in 1 2; do
  out=$(mktemp -d)
  /usr/bin/time -f "threads=$threads wall_s=%e peak_rss_mb=%M" -o "$out/time" \
    env RAYON_NUM_THREADS=$threads POLARS_MAX_THREADS=$threads \
    ./target/release/framing analyze --corpus "$CORPUS" --group-by bias --out "$out/output" --quiet 2>/dev/null || true
  awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^peak_rss_mb=/) { split($i, a, "="); $i = "peak_rss_mb=" int(a[2] / 1024) } print }' "$out/time"
  rm -rf "$out"
done

echo "== against the Python reference pipeline (pysbd + vaderSentiment + pandas + regex frames), same corpus"
out=$(mktemp -d)
start=$(date +%s.%N)
./target/release/framing analyze --corpus "$CORPUS" --group-by bias --out "$out/output" --quiet
framing_s=$(echo "$(date +%s.%N) - $start" | bc)
python_s=$(python3 scripts/reference_pipeline.py "$CORPUS" 2>/dev/null | awk '{print $2}')
rm -rf "$out"
echo "framing ${framing_s}s, python reference ${python_s}s: framing is $(echo "scale=1; $python_s / $framing_s" | bc)x faster (target 100x)"
