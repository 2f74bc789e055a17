//! Scorer throughput on one thread over the sentences of the four human-rated sets of the VADER paper
//! (`$FRAMING_SHARED/eval/vader-icwsm2014/`): VADER alone, then `Scorer::score_text` as `framing score` and
//! `framing.score` call it (VADER, the domain layers' probe, frame matching with the built-in frames set,
//! token count), in the same run. Run with `cargo run --release --example bench_score`.

use std::time::Instant;

use framing::sentiment::Vader;
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
    let lexicon = framing::frames::Lexicon::load_dir(
        &framing::lexicons::resolve(std::path::Path::new("frames")).expect("built-in frames"),
    )
    .expect("frames set");
    let domain = framing::sentiment::DomainLayer::load_dir(
        &framing::lexicons::resolve(std::path::Path::new("sentiment")).expect("built-in sentiment"),
    )
    .expect("sentiment layers");
    let scorer = framing::score::Scorer::new(lexicon, domain);
    let mut checksum = 0.0;
    let mut best = |f: &dyn Fn(&str) -> f64| {
        let mut fastest = f64::INFINITY;
        for _ in 0..6 {
            let start = Instant::now();
            for t in &texts {
                checksum += f(t);
            }
            fastest = fastest.min(start.elapsed().as_secs_f64());
        }
        texts.len() as f64 / fastest
    };
    let alone = best(&|t| vader.polarity_scores(t).compound);
    let scored = best(&|t| scorer.score_text(t).sentiment.compound);
    println!(
        "sentences per second, best of 6 passes over {} sentences: VADER alone {alone:.0}, score_text {scored:.0} ({:.2}x VADER's time) [checksum {checksum:.1}]",
        texts.len(),
        alone / scored
    );
}
