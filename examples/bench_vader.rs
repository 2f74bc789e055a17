//! VADER scorer throughput on one thread, over the sentences of the four human-rated sets of the VADER
//! paper (`$FRAMING_SHARED/eval/vader-icwsm2014/`). Prints sentences per second and the ratio against the
//! 400,000/s target, then on a second line the rate of `Scorer::score_text` as `framing score` and
//! `framing.score` call it (VADER, the domain layers' probe, frame matching with the built-in frames set,
//! token count) from the same run. Run with `cargo run --release --example bench_vader` (scripts/bench.sh
//! does and reads the first line).

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
    let resolve = |name: &str| framing::lexicons::resolve(std::path::Path::new(name)).expect(name);
    let scorer = framing::score::Scorer::new(
        framing::frames::Lexicon::load_dir(&resolve("frames")).expect("frames set"),
        framing::sentiment::DomainLayer::load_dir(&resolve("sentiment")).expect("sentiment layers"),
    );
    let mut best_scored = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        for t in &texts {
            checksum += scorer.score_text(t).sentiment.compound;
        }
        best_scored = best_scored.min(start.elapsed().as_secs_f64());
    }
    println!(
        "vader_sentences_per_second {rate:.0} ({} sentences, best of 5 passes; target {TARGET:.0}; ratio {:.2}) [checksum {checksum:.1}]",
        texts.len(),
        rate / TARGET
    );
    println!(
        "score_text_sentences_per_second {:.0} ({:.2}x VADER's time)",
        texts.len() as f64 / best_scored,
        best_scored / best
    );
}
