//! `framing validate labels` end to end: figures worked out by hand on a small labelled file, the clear
//! errors for bad input, and on GVFC (when ../shared is present) every figure against scikit-learn's, from
//! `scripts/validate_reference.py`, to 1e-9.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

/// A small lexicon and labelled file of the test's own, in a scratch directory.
fn scratch(records: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let lex = dir.path().join("lex");
    std::fs::create_dir(&lex).unwrap();
    std::fs::write(
        lex.join("money.toml"),
        "name = \"money\"\ndefinition = \"Money.\"\nterms = [\"tax\", \"taxes\", \"budget\"]\n",
    )
    .unwrap();
    std::fs::write(
        lex.join("courts.toml"),
        "name = \"courts\"\ndefinition = \"Courts.\"\nterms = [\"court\", \"judge\"]\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("labelled.jsonl"), records).unwrap();
    dir
}

const RECORDS: &str = r#"{"id": "a", "text": "The budget and the taxes rose.", "frames": ["economy"], "fold": 1}
{"id": "b", "text": "A judge spoke.", "frames": ["law"], "fold": 0}
{"id": "c", "text": "The court raised taxes.", "frames": ["law"], "fold": 1}
{"id": "d", "text": "Nothing here at all.", "frames": ["economy"], "fold": 0}
{"id": "e", "text": "Rain fell.", "frames": [], "fold": 1}
"#;

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_framing"))
        .arg("validate")
        .arg("labels")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run framing")
}

/// `run` on `file` with the scratch lexicon, the map of its two labels, output to `v`, and `extra`.
fn run_mapped(dir: &Path, file: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        file,
        "--lexicons",
        "lex",
        "--map",
        "economy=money,law=courts",
        "--out",
        "v",
    ];
    args.extend_from_slice(extra);
    run(dir, &args)
}

/// The rows of a CSV table the tool wrote (no quoted commas in the tables read here), by first column.
fn table(path: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("table written");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    lines
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            let row: BTreeMap<String, String> = header
                .iter()
                .zip(&cells)
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect();
            (cells[0].to_string(), row)
        })
        .collect()
}

fn number(row: &BTreeMap<String, String>, column: &str) -> Option<f64> {
    row.get(column)
        .filter(|v| !v.is_empty())
        .map(|v| v.parse().expect("a number"))
}

#[test]
fn figures_match_a_hand_count() {
    let dir = scratch(RECORDS);
    let out = run_mapped(dir.path(), "labelled.jsonl", &["--primary"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Per label"), "{stdout}");
    let labels = table(&dir.path().join("v/labels.csv"));
    // economy: predicted a and c, labelled a and d.
    let economy = &labels["economy"];
    assert_eq!(number(economy, "tp"), Some(1.0));
    assert_eq!(number(economy, "fp"), Some(1.0));
    assert_eq!(number(economy, "fn"), Some(1.0));
    assert_eq!(number(economy, "tn"), Some(2.0));
    assert_eq!(number(economy, "precision"), Some(0.5));
    assert_eq!(number(economy, "f1"), Some(0.5));
    // Densities a > c > 0 = b = d = e; positives a, d: pairs won 1+1+1, tied 0.5+0.5, lost 1: 4 of 6.
    assert!((number(economy, "auc").unwrap() - 4.0 / 6.0).abs() < 1e-12);
    let law = &labels["law"];
    assert_eq!(number(law, "f1"), Some(1.0));
    assert_eq!(number(law, "auc"), Some(1.0));
    let lo = number(economy, "f1_lo").unwrap();
    let hi = number(economy, "f1_hi").unwrap();
    assert!(
        (0.0..=0.5).contains(&lo) && (0.5..=1.0).contains(&hi),
        "{lo} {hi}"
    );

    let overall = table(&dir.path().join("v/overall.csv"));
    assert_eq!(number(&overall["macro_f1"], "value"), Some(0.75));
    assert_eq!(number(&overall["micro_f1"], "value"), Some(0.75));
    // Single label: a and b right; c ties (1 and 1) and goes to economy; d predicts none; e is none.
    assert_eq!(number(&overall["accuracy"], "value"), Some(0.6));
    let confusion = std::fs::read_to_string(dir.path().join("v/confusion.csv")).unwrap();
    assert!(confusion.contains("law,economy,1"), "{confusion}");
    assert!(confusion.contains("none,none,1"), "{confusion}");

    let errors = std::fs::read_to_string(dir.path().join("v/errors.csv")).unwrap();
    assert!(errors.contains("c,3,economy,false_positive"), "{errors}");
    assert!(errors.contains("taxes ×1 (money)"), "{errors}");
    assert!(errors.contains("d,4,economy,false_negative"), "{errors}");
    for name in ["labels", "overall", "errors", "predictions", "confusion"] {
        assert!(
            dir.path().join(format!("v/{name}.parquet")).is_file(),
            "{name}"
        );
    }
    let html = std::fs::read_to_string(dir.path().join("v/report.html")).unwrap();
    assert!(html.contains("Per label") && html.contains("<table"));
}

#[test]
fn csv_with_single_labels_gives_the_same_figures() {
    let dir = scratch("");
    // The same texts as single-label CSV (e has no label: an empty cell).
    std::fs::write(
        dir.path().join("labelled.csv"),
        "id,text,frame\na,The budget and the taxes rose.,economy\nb,A judge spoke.,law\n\
         c,The court raised taxes.,law\nd,Nothing here at all.,economy\ne,Rain fell.,\n",
    )
    .unwrap();
    let out = run_mapped(dir.path(), "labelled.csv", &[]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let overall = table(&dir.path().join("v/overall.csv"));
    assert_eq!(number(&overall["macro_f1"], "value"), Some(0.75));
    assert_eq!(number(&overall["accuracy"], "value"), Some(0.6));
    // CSV lines count the header as line 1.
    let errors = std::fs::read_to_string(dir.path().join("v/errors.csv")).unwrap();
    assert!(errors.contains("c,4,economy,false_positive"), "{errors}");
}

#[test]
fn tuning_uses_one_split_and_scores_the_rest() {
    let dir = scratch(RECORDS);
    let out = run_mapped(dir.path(), "labelled.jsonl", &["--tune-on", "fold=0"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let labels = table(&dir.path().join("v/labels.csv"));
    // Scored on fold 1 only (a, c, e); law's threshold comes from b alone (1 weighted hit).
    assert_eq!(number(&labels["law"], "texts"), Some(3.0));
    assert_eq!(number(&labels["law"], "threshold"), Some(1.0));
}

#[test]
fn bad_input_is_named_with_its_file_and_line() {
    let dir = scratch(RECORDS);
    let cases: &[(&[&str], &str)] = &[
        (
            &["--map", "economy=money,law=courts,sport=money"],
            "unknown label \"sport\" in --map",
        ),
        (&[], "label \"economy\" has no category"),
        (
            &["--map", "economy=cash,law=courts"],
            "category \"cash\" of label \"economy\" is not in the lexicon",
        ),
        (&["--map", "economy"], "is not label=category"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["labelled.jsonl", "--lexicons", "lex", "--out", "v"];
        args.extend_from_slice(extra);
        let out = run(dir.path(), &args);
        assert!(!out.status.success(), "{extra:?} should fail");
        let err = common::stderr(&out);
        assert!(err.contains(expected), "{extra:?}: {err}");
    }
    std::fs::write(
        dir.path().join("missing.jsonl"),
        "{\"id\": \"a\", \"text\": \"tax\", \"frames\": []}\n{\"id\": \"b\", \"frames\": []}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.jsonl"), "").unwrap();
    std::fs::write(
        dir.path().join("broken.jsonl"),
        "{\"id\": \"a\", \"text\": \"tax\", \"frames\": []}\n{oops\n",
    )
    .unwrap();
    for (file, expected) in [
        ("missing.jsonl", "missing.jsonl:2: no \"text\" field"),
        ("broken.jsonl", "broken.jsonl:2: malformed JSON"),
        ("empty.jsonl", "empty.jsonl: no records"),
    ] {
        let out = run(dir.path(), &[file, "--lexicons", "lex", "--out", "v"]);
        assert!(!out.status.success());
        let err = common::stderr(&out);
        assert!(err.contains(expected), "{file}: {err}");
    }
    assert!(
        !dir.path().join("v").exists(),
        "a failed run writes nothing"
    );
}

#[test]
fn gvfc_figures_equal_scikit_learn() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let fixture: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::repo().join("tests/fixtures/validate_gvfc_policy.json"))
            .expect("fixture"),
    )
    .expect("fixture is JSON");
    let dir = tempfile::tempdir().unwrap();
    let gvfc = shared.join("eval/frames/gvfc.jsonl");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_framing"))
        .args(["validate", "labels"])
        .arg(&gvfc)
        .args([
            "--lexicons",
            "lexicons/policy",
            "--map",
            "eval/gvfc-policy.map",
        ])
        .args(["--primary", "--replicates", "200", "--out"])
        .arg(dir.path().join("v"))
        .current_dir(common::repo())
        .output()
        .expect("run framing");
    assert!(out.status.success(), "{}", common::stderr(&out));
    let v = dir.path().join("v");
    let predictions = std::fs::read(v.join("predictions.csv")).unwrap();
    let digest = framing::render::report::sha256_hex(&predictions);
    assert_eq!(
        Some(digest.as_str()),
        fixture["predictions_sha256"].as_str(),
        "the policy lexicon's matches changed: regenerate the fixture with\n  \
         framing validate labels {} --lexicons lexicons/policy --map eval/gvfc-policy.map --primary --out /tmp/v\n  \
         python3 scripts/validate_reference.py {} /tmp/v/predictions.csv tests/fixtures/validate_gvfc_policy.json lexicons/policy eval/gvfc-policy.map --primary",
        gvfc.display(),
        gvfc.display()
    );
    let close = |ours: Option<f64>, theirs: &serde_json::Value, what: &str| match theirs.as_f64() {
        None => assert_eq!(ours, None, "{what}"),
        Some(t) => {
            let o = ours.unwrap_or_else(|| panic!("{what}: ours is empty, sklearn {t}"));
            assert!((o - t).abs() < 1e-9, "{what}: ours {o}, sklearn {t}");
        }
    };
    let labels = table(&v.join("labels.csv"));
    let expected = fixture["labels"].as_object().unwrap();
    assert_eq!(labels.len(), expected.len());
    for (label, figures) in expected {
        let row = &labels[label];
        for column in ["tp", "fp", "fn", "tn", "precision", "recall", "f1", "auc"] {
            close(
                number(row, column),
                &figures[column],
                &format!("{label} {column}"),
            );
        }
    }
    let overall = table(&v.join("overall.csv"));
    for (name, value) in fixture["overall"].as_object().unwrap() {
        close(number(&overall[name], "value"), value, name);
    }
    let confusion = table_rows(&v.join("confusion.csv"));
    let expected = fixture["confusion"].as_object().unwrap();
    assert_eq!(confusion.len(), expected.len());
    for (cell, count) in expected {
        assert_eq!(confusion.get(cell).copied(), count.as_u64(), "{cell}");
    }
}

/// The confusion table as "gold|predicted" → texts.
fn table_rows(path: &Path) -> BTreeMap<String, u64> {
    std::fs::read_to_string(path)
        .expect("confusion table")
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (format!("{}|{}", c[0], c[1]), c[2].parse().unwrap())
        })
        .collect()
}

#[test]
fn sentence_units_need_one_sentence_to_reach_min_hits() {
    let dir = scratch(
        "{\"id\": \"spread\", \"text\": \"Taxes rose. The budget fell.\", \"frames\": [\"economy\"]}\n\
         {\"id\": \"dense\", \"text\": \"Taxes and the budget both moved. Rain fell.\", \"frames\": [\"economy\"]}\n\
         {\"id\": \"none\", \"text\": \"A judge spoke.\", \"frames\": []}\n",
    );
    // Two weighted hits are needed: the whole of "spread" has them, none of its sentences does.
    std::fs::write(
        dir.path().join("lex/money.toml"),
        "name = \"money\"\ndefinition = \"Money.\"\nmin_hits = 2\nterms = [\"taxes\", \"budget\"]\n",
    )
    .unwrap();
    let predicted = |unit: &str| {
        let out = run(
            dir.path(),
            &[
                "labelled.jsonl",
                "--lexicons",
                "lex",
                "--map",
                "economy=money",
                "--unit",
                unit,
                "--out",
                "v",
            ],
        );
        assert!(out.status.success(), "{}", common::stderr(&out));
        number(&table(&dir.path().join("v/labels.csv"))["economy"], "tp")
    };
    assert_eq!(predicted("text"), Some(2.0));
    assert_eq!(predicted("sentence"), Some(1.0));
}
