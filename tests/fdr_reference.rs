//! Benjamini–Hochberg q-values equal statsmodels' `multipletests(method="fdr_bh")`:
//! `tests/fixtures/fdr_reference.json`, written by `scripts/fdr_reference.py`, holds q-values of test
//! vectors and of the default corpus's own families (every content word of the contrast for keyness
//! and the log-odds z, the measures of one contrast and voice scope for the sentiment tests), computed
//! there independently of framing. Tolerance: 1e-12 on the vectors, 1e-9 on the corpus.

mod common;

use std::collections::HashMap;

use common::{stderr, Scratch};
use serde_json::Value;

fn fixture() -> Value {
    let path = common::repo().join("tests/fixtures/fdr_reference.json");
    let text = std::fs::read_to_string(&path).expect("fixture");
    serde_json::from_str(&text).expect("fixture JSON")
}

fn number(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

fn close(got: f64, want: f64, tol: f64) -> bool {
    (got.is_nan() && want.is_nan()) || (got - want).abs() <= tol
}

fn table(path: &std::path::Path) -> Vec<HashMap<String, String>> {
    common::csv_maps(path)
}

fn cell(row: &HashMap<String, String>, name: &str) -> f64 {
    row[name].parse().unwrap_or(f64::NAN)
}

#[test]
fn q_values_of_test_vectors_equal_statsmodels() {
    let f = fixture();
    let cases = f["vectors"].as_array().expect("vectors");
    assert!(cases.len() >= 5);
    for case in cases {
        let p: Vec<f64> = case["p"]
            .as_array()
            .expect("p")
            .iter()
            .map(number)
            .collect();
        let want: Vec<f64> = case["q"]
            .as_array()
            .expect("q")
            .iter()
            .map(number)
            .collect();
        let got = framing::stats::bh_q_values(&p);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert!(close(*g, *w, 1e-12), "p[{i}] = {}: q {g} against {w}", p[i]);
        }
    }
}

#[test]
fn q_values_of_the_default_corpus_equal_statsmodels() {
    let f = fixture();
    let corpus = &f["corpus"];
    let s = Scratch::new();
    let run = s.run(&["analyze", "--out", "out", "--quiet"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = s.path().join("out");
    let keyness = table(&out.join("keyness.csv"));
    assert!(keyness.len() > 100);
    for row in &keyness {
        let want = &corpus["keyness"][&row["word"]];
        assert!(
            want.is_array(),
            "{} is in the reference family",
            row["word"]
        );
        for (i, column) in ["chi2_q", "g2_q"].iter().enumerate() {
            let (got, want) = (cell(row, column), number(&want[i]));
            assert!(
                close(got, want, 1e-9),
                "{} {column}: {got} against {want}",
                row["word"]
            );
        }
    }
    let words = table(&out.join("distinctive_words.csv"));
    for row in &words {
        let want = &corpus["log_odds"][&row["word"]];
        for (i, column) in ["p_value", "q_value"].iter().enumerate() {
            let (got, want) = (cell(row, column), number(&want[i]));
            assert!(
                close(got, want, 1e-9),
                "{} {column}: {got} against {want}",
                row["word"]
            );
        }
    }
    let tests = table(&out.join("sentiment_tests.csv"));
    for row in &tests {
        let key = format!("{}|{}|{}", row["contrast"], row["voice"], row["measure"]);
        let want = number(&corpus["sentiment_tests"][&key]);
        let got = cell(row, "q_value");
        assert!(close(got, want, 1e-9), "{key}: {got} against {want}");
    }
}
