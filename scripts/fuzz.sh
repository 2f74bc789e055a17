#!/usr/bin/env bash
# Coverage-guided fuzzing of every target in fuzz/ with AFL++ (cargo-afl, stable toolchain), two at a time
# (one per core), each for SECONDS (default 240); then one line per target: executions, paths found,
# crashes and hangs, read from AFL++'s fuzzer_stats. Crashing inputs stay in target/fuzz-out/TARGET/default/crashes:
# copy each into fuzz/regressions/TARGET/ (tests/fuzz_replay.rs replays them) and fix the cause.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs `cargo install cargo-afl` (it builds AFL++ on first use: `cargo afl config --build`).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-240}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(segment_text score_jsonl segment_jsonl corpus_jsonl corpus_csv corpus_parquet lexicon_toml lexicon_dic lexicon_yaml)
fi
(cd fuzz && cargo afl build --release --quiet)
out=target/fuzz-out
mkdir -p "$out"
export AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
run() {
  local t=$1
  rm -rf "${out:?}/$t"
  cargo afl fuzz -i "fuzz/seeds/$t" -o "$out/$t" -V "$seconds" -m none -t 2000 \
    "fuzz/target/release/$t" > "$out/$t.log" 2>&1 || echo "$t: afl-fuzz exited with $? (see $out/$t.log)"
}
for ((i = 0; i < ${#targets[@]}; i += 2)); do
  run "${targets[i]}" &
  if [ $((i + 1)) -lt ${#targets[@]} ]; then run "${targets[i + 1]}" & fi
  wait
done
stat() { awk -F' *: *' -v k="$2" '$1 == k { print $2 }' "$out/$1/default/fuzzer_stats"; }
echo "| target | seconds | executions | per second | paths | crashes | hangs |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for t in "${targets[@]}"; do
  if [ -f "$out/$t/default/fuzzer_stats" ]; then
    echo "| $t | $(stat "$t" run_time) | $(stat "$t" execs_done) | $(stat "$t" execs_per_sec) | $(stat "$t" corpus_count) | $(stat "$t" saved_crashes) | $(stat "$t" saved_hangs) |"
  else
    echo "| $t | - | no stats (see $out/$t.log) | | | | |"
  fi
done
