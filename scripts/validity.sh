#!/usr/bin/env bash
# The README's validity tables: the policy and generic sets against GVFC's human frame labels, on the headline
# (what the coders read) and on headline + lead. Writes each run's tables and report under docs/validity/.
# Then the held-out half of the project's own texts written for each frame (tests/fixtures/frames_own/).
# Usage: scripts/validity.sh [SHARED_DIR]   (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${1:-${FRAMING_SHARED:-../shared}}"
gvfc="$shared/eval/frames/gvfc.jsonl"
cargo build --release --quiet
for set in policy generic; do
  for field in title text; do
    out="docs/validity/$set-$field"
    ./target/release/framing validate labels "$gvfc" --lexicons "$set" --map "eval/gvfc-$set.map" \
      --text-field "$field" --primary --out "$out" > /dev/null
    # Only the report is kept in the repository: the tables hold the texts, which are not ours to publish.
    find "$out" -type f ! -name report.md ! -name .framing-output -delete
    echo "== $set, $field: $out/report.md"
  done
done
for set in generic policy; do
  out="docs/validity/$set-own"
  ./target/release/framing validate labels "tests/fixtures/frames_own/$set.jsonl" --lexicons "$set" \
    --tune-on split=dev --out "$out" > /dev/null
  find "$out" -type f ! -name report.md ! -name .framing-output -delete
  echo "== $set, own texts (test half): $out/report.md"
done
