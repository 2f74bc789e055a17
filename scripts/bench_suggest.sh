#!/usr/bin/env bash
# `framing lexicon suggest` against `framing analyze` on the same corpus, in one run (the machine is shared
# and noisy, so only figures taken together are compared): the two commands alternate ROUNDS times on the
# 37,554-article corpus (or CORPUS), and the ratio of their median wall times is printed.
#   suggest: economic_consequences of the generic set, sentences, two streamed passes
#   analyze: the same corpus and lexicon set, --group-by bias
# Usage: scripts/bench_suggest.sh [ROUNDS]   (needs ../shared or FRAMING_SHARED, or CORPUS=FILE)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${FRAMING_SHARED:-../shared}"
CORPUS="${CORPUS:-$SHARED/corpora/article-bias-prediction/articles.jsonl.gz}"
ROUNDS="${1:-3}"
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seconds() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null 2> "$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  end=$(date +%s%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f\n", (b - a) / 1e9 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: > "$work/suggest"; : > "$work/analyze"
for _ in $(seq "$ROUNDS"); do
  seconds ./target/release/framing lexicon suggest economic_consequences --lexicons generic --corpus "$CORPUS" \
    --dir "$work/suggestions" >> "$work/suggest"
  seconds ./target/release/framing analyze --corpus "$CORPUS" --lexicons generic --group-by bias \
    --out "$work/output" >> "$work/analyze"
done
s=$(median < "$work/suggest"); a=$(median < "$work/analyze")
echo "corpus: $CORPUS, $ROUNDS rounds"
echo "lexicon suggest: $(paste -sd' ' "$work/suggest") s (median $s s)"
echo "analyze:         $(paste -sd' ' "$work/analyze") s (median $a s)"
echo "suggest / analyze = $(awk -v s="$s" -v a="$a" 'BEGIN { printf "%.2f", s / a }')"
