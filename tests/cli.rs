//! `framing score` and `framing segment` as a user calls them: JSON lines in, JSON lines out, and a clear
//! error naming the line for malformed input.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn framing(args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_framing"))
        .args(args)
        .current_dir(common::repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn framing");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    child.wait_with_output().expect("wait")
}

fn lines(out: &std::process::Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn score_keeps_fields_and_matches_the_reference() {
    // Expected values from vaderSentiment 3.3.2 (tests/fixtures/vader_reference.jsonl has them too).
    let fixture =
        std::fs::read_to_string(common::repo().join("tests/fixtures/vader_reference.jsonl"))
            .expect("fixture");
    let cases: Vec<Value> = fixture
        .lines()
        .take(40)
        .map(|l| serde_json::from_str(l).expect("fixture line"))
        .collect();
    let input: String = cases
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{}\n", serde_json::json!({"id": i, "text": c["text"]})))
        .collect();
    let out = framing(&["score"], &input);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let got = lines(&out);
    assert_eq!(got.len(), cases.len());
    for (g, c) in got.iter().zip(&cases) {
        assert_eq!(g["text"], c["text"]);
        assert!(g["id"].is_number());
        for field in ["neg", "neu", "pos", "compound"] {
            let (a, b) = (
                g[field].as_f64().expect("score"),
                c[field].as_f64().expect("ref"),
            );
            assert!(
                (a - b).abs() <= 0.001,
                "{field} of {}: {a} vs {b}",
                c["text"]
            );
        }
        assert!(g["frames"]["humanitarian"].is_number());
    }
}

#[test]
fn score_counts_frames() {
    let out = framing(
        &["score"],
        "{\"text\": \"Civilians fled the shelling; refugees and civilians.\"}\n",
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let got = lines(&out);
    assert!(
        got[0]["frames"]["humanitarian"].as_u64().unwrap_or(0) >= 3,
        "{}",
        got[0]
    );
}

#[test]
fn score_names_the_bad_line() {
    let out = framing(&["score"], "{\"text\": \"fine\"}\n{\"text\": oops}\n");
    assert_eq!(out.status.code(), Some(1));
    let err = common::stderr(&out);
    assert!(
        err.contains("stdin:2") && err.contains("not valid JSON"),
        "{err}"
    );
    let out = framing(&["score"], "{\"body\": \"no text field\"}\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(common::stderr(&out).contains("missing field \"text\""));
}

#[test]
fn segment_emits_typed_units_with_offsets() {
    let text = "Strikes hit Idlib\n\nBEIRUT, March 3 (AP) — Jets struck the town. \"We ran,\" said Ali.\n\nAftermath\n\nThe U.S. Embassy said nothing.";
    let out = framing(
        &["segment"],
        &format!("{}\n", serde_json::json!({"id": "a1", "text": text})),
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let got = lines(&out);
    assert_eq!(got[0]["id"], "a1");
    let units = got[0]["units"].as_array().expect("units");
    let kinds: Vec<&str> = units
        .iter()
        .map(|u| u["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        kinds,
        ["headline", "dateline", "body", "body", "heading", "body"]
    );
    for u in units {
        let (s, e) = (
            u["start"].as_u64().unwrap_or(0) as usize,
            u["end"].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(&text[s..e], u["text"].as_str().unwrap_or(""));
    }
    assert_eq!(units[1]["text"], "BEIRUT, March 3 (AP) —");
    assert_eq!(units[5]["text"], "The U.S. Embassy said nothing.");
}

#[test]
fn explain_shows_every_rule_and_ends_in_the_scores_of_score() {
    let text = "It is not a good day, but the rescue was AMAZING!!!";
    let out = framing(&["explain", text], "");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    for rule in [
        "negation 1.9 -> ",
        "by \"not\"",
        "but ",
        "all_caps 2.8 -> ",
        "punctuation ",
        "normalise ",
    ] {
        assert!(shown.contains(rule), "explain lacks {rule:?}:\n{shown}");
    }
    let scored = lines(&framing(
        &["score"],
        &format!("{}\n", serde_json::json!({ "text": text })),
    ));
    let s = &scored[0];
    let last = format!(
        "neg {}  neu {}  pos {}  compound {}",
        s["neg"], s["neu"], s["pos"], s["compound"]
    );
    assert!(
        shown.contains(&last),
        "explain does not end in {last:?}:\n{shown}"
    );
    // The same through JSON, field by field.
    let json = framing(&["explain", "--json", text], "");
    let v: Value = serde_json::from_slice(&json.stdout).expect("explain --json");
    for field in ["neg", "neu", "pos", "compound"] {
        assert_eq!(v["vader"]["sentiment"][field], s[field], "{field}");
    }
}

#[test]
fn explain_a_corpus_sentence_shows_frames_and_the_domain_layer() {
    let out = framing(
        &["explain", "--article", "trt-opinion", "--sentence", "2"],
        "",
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        shown.contains("civilian*") && shown.contains("\"cleansing\" at 4..13"),
        "{shown}"
    );
    assert!(
        shown.contains("-3 domain") && shown.contains("conflict.tsv"),
        "{shown}"
    );
    let missing = framing(&["explain", "--article", "nope", "--sentence", "0"], "");
    assert_eq!(missing.status.code(), Some(1));
    assert!(common::stderr(&missing).contains("no article \"nope\""));
}

#[test]
fn kwic_shows_matches_in_context_for_a_term_and_a_category() {
    let out = framing(&["kwic", "cleans*", "--window", "3"], "");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(shown.lines().count(), 8, "{shown}");
    assert!(
        shown.contains("Syrians had been [cleansed] from Idlib"),
        "{shown}"
    );
    let category = framing(&["kwic", "human_interest"], "");
    let shown = String::from_utf8_lossy(&category.stdout).into_owned();
    assert!(
        shown.contains("[year-old son]") && shown.contains("(year old son)"),
        "{shown}"
    );
    let bad = framing(&["kwic", "war!"], "");
    assert_eq!(bad.status.code(), Some(1));
    assert!(common::stderr(&bad).contains("neither a category nor a valid term"));
}

#[test]
fn lexicon_list_coverage_and_import() {
    let sets = framing(&["lexicon", "list"], "");
    let shown = String::from_utf8_lossy(&sets.stdout).into_owned();
    assert!(sets.status.success() && shown.contains("policy"), "{shown}");
    let list = framing(&["lexicon", "list", "lexicons/frames"], "");
    let shown = String::from_utf8_lossy(&list.stdout).into_owned();
    assert!(
        list.status.success() && shown.lines().count() == 11,
        "{shown}"
    );
    assert!(
        shown.contains("humanitarian")
            && shown.contains("Suffering, needs and protection of civilians")
    );
    let coverage = framing(&["lexicon", "coverage"], "");
    let shown = String::from_utf8_lossy(&coverage.stdout).into_owned();
    assert!(coverage.status.success(), "{}", common::stderr(&coverage));
    assert!(
        shown.contains("never matched") && shown.contains("morality_justice"),
        "{shown}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let dic = common::repo().join("tests/fixtures/dictionaries/test2007.dic");
    let out_dir = dir.path().join("imported");
    let import = framing(
        &[
            "lexicon",
            "import",
            &dic.to_string_lossy(),
            "--out",
            &out_dir.to_string_lossy(),
        ],
        "",
    );
    assert!(import.status.success(), "{}", common::stderr(&import));
    let check = framing(&["lexicon", "check", &out_dir.to_string_lossy()], "");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
