//! Pearson r between VADER's compound score and the human ratings of the four sentence sets
//! of the VADER paper (Hutto & Gilbert, ICWSM 2014) must equal what vaderSentiment 3.3.2 gets
//! (figures from `../shared/README.md`).

use framing::sentiment::Vader;
use std::path::PathBuf;

/// (set name, Pearson r of vaderSentiment 3.3.2)
const SETS: [(&str, f64); 4] = [
    ("tweets", 0.8722),
    ("movieReviewSnippets", 0.4274),
    ("amazonReviewSnippets", 0.5896),
    ("nytEditorialSnippets", 0.5029),
];

/// The reference figures are rounded to 4 decimals; an exact port lands within rounding.
const TOLERANCE: f64 = 0.002;

fn shared_dir() -> PathBuf {
    std::env::var_os("FRAMING_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared")))
}

/// Lines are `id<TAB>mean rating<TAB>text` with CRLF ends (the last line has none). Only the
/// line terminator is removed, and the text is everything after the second tab, untrimmed:
/// the reference figures were computed on exactly that string.
fn read_set(path: &PathBuf) -> Vec<(f64, String)> {
    let raw = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    raw.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut fields = line.splitn(3, '\t');
            let (_id, rating, text) = (fields.next(), fields.next(), fields.next());
            let rating = rating
                .and_then(|r| r.trim().parse().ok())
                .unwrap_or_else(|| panic!("bad rating in {}: {line:?}", path.display()));
            (rating, text.unwrap_or_default().to_string())
        })
        .collect()
}

fn pearson(xs: &[f64], ys: &[f64]) -> f64 {
    let n = xs.len() as f64;
    let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    sxy / (sxx * syy).sqrt()
}

#[test]
fn pearson_r_matches_reference() {
    let dir = shared_dir().join("eval/vader-icwsm2014");
    if !dir.is_dir() {
        eprintln!("SKIPPED: ../shared not found (set FRAMING_SHARED)");
        return;
    }
    let vader = Vader::new();
    let mut wrong = Vec::new();
    for (set, reference) in SETS {
        let rows = read_set(&dir.join(format!("{set}_GroundTruth.txt")));
        let compound: Vec<f64> = rows
            .iter()
            .map(|(_, text)| vader.polarity_scores(text).compound)
            .collect();
        let ratings: Vec<f64> = rows.iter().map(|(rating, _)| *rating).collect();
        let r = pearson(&compound, &ratings);
        eprintln!(
            "{set}: {} sentences, r = {r:.4} (vaderSentiment 3.3.2: {reference})",
            rows.len()
        );
        if (r - reference).abs() > TOLERANCE {
            wrong.push(format!("{set}: r = {r:.4}, reference {reference}"));
        }
    }
    assert!(wrong.is_empty(), "Pearson r off: {}", wrong.join("; "));
}
