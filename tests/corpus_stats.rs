//! The tool's statistics for the corpus equal an independent implementation's
//! (`scripts/corpus_stats_reference.py`, numpy/scipy and quanteda's formulas, run on the word counts
//! and sentence scores the tool measured), to 1e-9 relative.

mod common;

use std::collections::HashMap;

use framing::compare::contrast::{statistics, Options};
use framing::frames::Lexicon;
use framing::render::{numbers, strings};
use framing::score::Scorer;
use framing::sentiment::DomainLayer;
use serde_json::Value;

/// Relative tolerance (absolute near zero): the two implementations differ only in floating-point
/// evaluation order.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-3)
}

#[test]
fn corpus_statistics_match_the_reference() {
    let repo = common::repo();
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(repo.join("tests/fixtures/corpus_stats_reference.json"))
            .expect("fixture"),
    )
    .expect("fixture JSON");
    let articles = framing::corpus::load_dir(&repo.join("data")).expect("corpus");
    let lexicon = Lexicon::load_dir(&repo.join("lexicons/frames")).expect("lexicon");
    let domain = DomainLayer::load_dir(&repo.join("lexicons/sentiment")).expect("domain");
    let scorer = Scorer::new(lexicon, domain);
    let (tables, summary) =
        framing::aggregate::aggregate(articles, &scorer, "genre", false).expect("tables");
    let groups = strings(&tables.groups, "group").expect("groups");
    let st =
        statistics(&summary, &scorer.lexicon, &groups, &Options::default()).expect("statistics");
    assert_eq!(
        st.contrasts[0].label(),
        fixture["contrast"].as_str().unwrap_or("")
    );

    let by_word = |key: &str| -> HashMap<String, Value> {
        fixture[key]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| (r["word"].as_str().unwrap_or("").to_string(), r.clone()))
            .collect()
    };
    let mut checked = 0;
    let lo = by_word("log_odds");
    let w = &st.distinctive_words;
    let words = strings(w, "word").expect("word");
    for (column, field) in [
        ("delta", "delta"),
        ("variance", "variance"),
        ("z", "z"),
        ("prior", "alpha"),
    ] {
        let values = numbers(w, column).expect(column);
        for (word, v) in words.iter().zip(values) {
            let want = lo[word][field].as_f64().expect("reference value");
            let got = v.expect("value");
            assert!(
                close(got, want),
                "log-odds {column} of {word:?}: {got} vs {want}"
            );
            checked += 1;
        }
    }
    let key = by_word("keyness");
    let k = &st.keyness;
    let words = strings(k, "word").expect("word");
    for column in ["chi2", "chi2_p", "g2", "g2_p"] {
        let values = numbers(k, column).expect(column);
        for (word, v) in words.iter().zip(values) {
            let want = key[word][column].as_f64().expect("reference value");
            let got = v.expect("value");
            assert!(
                close(got, want),
                "keyness {column} of {word:?}: {got} vs {want}"
            );
            checked += 1;
        }
    }
    let t = &st.sentiment_tests;
    let (voice, measure) = (
        strings(t, "voice").expect("voice"),
        strings(t, "measure").expect("measure"),
    );
    let (u, p, d) = (
        numbers(t, "mann_whitney_u").expect("u"),
        numbers(t, "p_value").expect("p"),
        numbers(t, "cliffs_delta").expect("delta"),
    );
    let reference = fixture["sentiment_tests"].as_array().expect("tests");
    assert!(!reference.is_empty());
    for r in reference {
        let i = (0..voice.len())
            .find(|&i| {
                voice[i] == r["voice"].as_str().unwrap_or("")
                    && measure[i] == r["measure"].as_str().unwrap_or("")
            })
            .expect("the tool reports this test");
        for (got, field) in [(u[i], "u1"), (p[i], "p"), (d[i], "cliffs_delta")] {
            let want = r[field].as_f64().expect("reference value");
            let got = got.expect("value");
            assert!(
                close(got, want),
                "{} {}: {field} {got} vs {want}",
                r["voice"],
                r["measure"]
            );
            checked += 1;
        }
    }
    eprintln!("{checked} statistics equal the reference to 1e-9 relative");
}
