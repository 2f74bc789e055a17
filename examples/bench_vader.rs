//! VADER scorer throughput on one thread, over the sentences of the four human-rated sets of the VADER
//! paper (`$FRAMING_SHARED/eval/vader-icwsm2014/`). Prints sentences per second and the ratio against the
//! 400,000/s target. Run with `cargo run --release --example bench_vader` (scripts/bench.sh does).

use std::time::Instant;

use framing::sentiment::Vader;

const TARGET: f64 = 400_000.0;
const SETS: [&str; 4] = [
    "tweets_GroundTruth.txt",
    "movieReviewSnippets_GroundTruth.txt",
    "amazonReviewSnippets_GroundTruth.txt",
    "nytEditorialSnippets_GroundTruth.txt",
];

fn main() {
    let shared = std::env::var("FRAMING_SHARED").unwrap_or_else(|_| "../shared".into());
    let dir = std::path::Path::new(&shared).join("eval/vader-icwsm2014");
    let mut texts = Vec::new();
    for set in SETS {
        let raw = match std::fs::read(dir.join(set)) {
            Ok(raw) => raw,
            Err(e) => {
                eprintln!(
                    "cannot read {}: {e} (set FRAMING_SHARED)",
                    dir.join(set).display()
                );
                std::process::exit(1);
            }
        };
        for line in String::from_utf8_lossy(&raw).lines() {
            if let Some(text) = line.splitn(3, '\t').nth(2) {
                texts.push(text.trim_end_matches('\r').to_string());
            }
        }
    }
    let vader = Vader::new();
    // Warm up, then take the best of five passes: the machine is shared and noisy.
    let mut checksum = 0.0;
    for t in &texts {
        checksum += vader.polarity_scores(t).compound;
    }
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        for t in &texts {
            checksum += vader.polarity_scores(t).compound;
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let rate = texts.len() as f64 / best;
    println!(
        "vader_sentences_per_second {rate:.0} ({} sentences, best of 5 passes; target {TARGET:.0}; ratio {:.2}) [checksum {checksum:.1}]",
        texts.len(),
        rate / TARGET
    );
}
