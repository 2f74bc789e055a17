//! Time per pipeline stage on one thread, over a corpus file (default: the 2k subset of the shared
//! article-bias-prediction corpus): reading, segmentation (structure, sentences and voice), scoring
//! (frames and VADER), each the best of three passes. A tool for finding where the time of
//! `framing analyze` goes; `scripts/bench.sh` gives the figures the targets are checked against.
//!
//! `cargo run --release --example bench_stages [CORPUS]`

use std::path::{Path, PathBuf};
use std::time::Instant;

use framing::corpus::records::{stream_file, FieldMap};

/// Best of three timings of `f`, in seconds, with what its last run returned.
fn best_of_three<T>(mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut last = None;
    for _ in 0..3 {
        let start = Instant::now();
        last = Some(f());
        best = best.min(start.elapsed().as_secs_f64());
    }
    (best, last.expect("three runs"))
}

fn main() -> anyhow::Result<()> {
    let shared = std::env::var("FRAMING_SHARED").unwrap_or_else(|_| "../shared".into());
    let corpus = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(&shared).join("corpora/article-bias-prediction/articles-2k.jsonl.gz")
        });
    let fields = FieldMap::default();
    let (read, articles) = best_of_three(|| {
        let mut articles = Vec::new();
        stream_file(
            &corpus,
            &fields,
            4096,
            |_| true,
            |batch| {
                articles.extend(batch);
                Ok(())
            },
        )
        .map(|_| articles)
    });
    let articles = articles?;
    let lexicon = framing::frames::Lexicon::load_dir(Path::new("lexicons/frames"))?;
    let domain = framing::sentiment::DomainLayer::load_dir(Path::new("lexicons/sentiment"))?;
    let scorer = framing::score::Scorer::new(lexicon, domain);
    let (segment, units) = best_of_three(|| {
        articles
            .iter()
            .map(framing::segment::segment_article)
            .collect::<Vec<_>>()
    });
    let (score, sentences) = best_of_three(|| {
        articles
            .iter()
            .zip(&units)
            .map(|(a, u)| framing::score::score_article(a, 0, u, &scorer).len())
            .sum::<usize>()
    });
    let total = read + segment + score;
    println!(
        "{} articles, {sentences} scored units, one thread",
        articles.len()
    );
    for (stage, s) in [("read", read), ("segment", segment), ("score", score)] {
        println!("{stage:>8}: {:7.1} ms  {:4.1}%", s * 1e3, 100.0 * s / total);
    }
    Ok(())
}
