//! `framing lexicon suggest` end to end: counts and z-scores worked out here on a labelled file of the
//! test's own, the written category accepted by `lexicon check`, the unsupervised mode on the default
//! corpus, and (when ../shared is present) the GVFC loop of `scripts/gvfc_lexicon_loop.py` at or above
//! the Naive Bayes anchor of 0.58 mean macro-F1.

use std::path::{Path, PathBuf};
use std::process::Output;

fn framing(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_framing"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run framing")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Eight texts labelled `money` or not: "tax cuts" in four of the five money texts, "budget" in three,
/// "weather" only outside.
const LABELLED: &str = r#"{"id": "1", "text": "The tax cuts passed, and the budget shrank.", "frames": ["money"]}
{"id": "2", "text": "New tax cuts for the budget year.", "frames": ["money"]}
{"id": "3", "text": "Tax cuts again; the budget is tight.", "frames": ["money"]}
{"id": "4", "text": "Tax cuts, said the mayor.", "frames": ["money"]}
{"id": "5", "text": "Prices rose in the shops.", "frames": ["money"]}
{"id": "6", "text": "The weather was mild and the park was full.", "frames": []}
{"id": "7", "text": "Mild weather brought the budget debate outside.", "frames": ["other"]}
{"id": "8", "text": "The weather turned and the mayor spoke.", "frames": []}
"#;

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split(',').map(String::from).collect())
        .collect()
}

#[test]
fn supervised_counts_z_and_selection_match_the_formula() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("labelled.jsonl"), LABELLED).unwrap();
    let printed = ok(&framing(
        dir.path(),
        &[
            "lexicon",
            "suggest",
            "money",
            "--labels",
            "labelled.jsonl",
            "--min-count",
            "2",
            "--min-z",
            "0",
            "--out",
            "lex/money.toml",
        ],
    ));
    assert!(printed.contains("5 units carry it, 3 do not"), "{printed}");
    let rows = csv_rows(&dir.path().join("suggestions/suggestions.csv"));
    let header = &rows[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |term: &str| {
        rows.iter()
            .find(|r| r[col("term")] == term)
            .unwrap_or_else(|| panic!("{term} not suggested: {rows:?}"))
    };
    // "tax cuts": 4 money texts, 0 others. "budget": 3 and 1. The totals are every eligible phrase of
    // each side, counted once per text: worked out from the texts below.
    let tax_cuts = row("tax cuts");
    assert_eq!(tax_cuts[col("units_with")], "4");
    assert_eq!(tax_cuts[col("units_without")], "0");
    let budget = row("budget");
    assert_eq!(budget[col("units_with")], "3");
    assert_eq!(budget[col("units_without")], "1");
    // Phrases per text (1-3 words, no function word at either end, none across a comma or semicolon):
    // 1 tax, tax cuts, tax cuts passed, cuts, cuts passed, passed, budget, budget shrank, shrank = 9
    // 2 new, new tax, new tax cuts, tax, tax cuts, cuts, budget, budget year, year = 9
    // 3 tax, tax cuts, cuts, budget, budget is tight, tight = 6 ("again" is a function word)
    // 4 tax, tax cuts, cuts, mayor = 4;  5 prices, prices rose, rose, shops = 4  => n_with = 32
    // 6 weather, weather was mild, mild, park, park was full, full = 6
    // 7 mild, mild weather, mild weather brought, weather, weather brought, brought, brought the budget,
    //   budget, budget debate, budget debate outside, debate, debate outside, outside = 13
    // 8 weather, weather turned, turned, mayor, mayor spoke, spoke = 6  => n_without = 25
    let (n_i, n_j) = (32.0_f64, 25.0_f64);
    let z = |yi: f64, yj: f64| {
        let a = yi + yj;
        let a0 = n_i + n_j;
        let delta = ((yi + a) / (n_i + a0 - yi - a)).ln() - ((yj + a) / (n_j + a0 - yj - a)).ln();
        delta / (1.0 / (yi + a) + 1.0 / (yj + a)).sqrt()
    };
    let got = |r: &Vec<String>| r[col("z")].parse::<f64>().unwrap();
    assert!((got(tax_cuts) - z(4.0, 0.0)).abs() < 1e-9, "{tax_cuts:?}");
    assert!((got(budget) - z(3.0, 1.0)).abs() < 1e-9, "{budget:?}");
    // Greedy selection: "cuts", "tax" and "tax cuts" each reach texts 1-4 and nothing else (F1 8/9) and tie
    // on z, so the first by term, "cuts", is chosen; "budget" would add text 7 only, so it stops there.
    let chosen: Vec<(&str, &str)> = rows[1..]
        .iter()
        .filter(|r| !r[col("chosen")].is_empty())
        .map(|r| (r[col("term")].as_str(), r[col("chosen")].as_str()))
        .collect();
    assert_eq!(chosen, [("cuts", "1")]);
    let written = std::fs::read_to_string(dir.path().join("lex/money.toml")).unwrap();
    assert!(written.contains("name = \"money\""), "{written}");
    assert!(written.contains("  \"cuts\",  # in 4 units"), "{written}");
    assert!(!written.contains("\"weather\""), "{written}");
    let check = ok(&framing(dir.path(), &["lexicon", "check", "lex"]));
    assert!(check.starts_with("ok: 1 categories"), "{check}");
    // The category it wrote finds the money texts: four of five, and nothing else.
    ok(&framing(
        dir.path(),
        &[
            "validate",
            "labels",
            "labelled.jsonl",
            "--lexicons",
            "lex",
            "--map",
            "other=-",
            "--out",
            "v",
        ],
    ));
    let labels = csv_rows(&dir.path().join("v/labels.csv"));
    let h = &labels[0];
    let money = labels.iter().find(|r| r[0] == "money").unwrap();
    let get = |name: &str| &money[h.iter().position(|c| c == name).unwrap()];
    assert_eq!((get("tp").as_str(), get("fp").as_str()), ("4", "0"));
    // Refuses to overwrite a category file.
    let again = framing(
        dir.path(),
        &[
            "lexicon",
            "suggest",
            "money",
            "--labels",
            "labelled.jsonl",
            "--out",
            "lex/money.toml",
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn unknown_label_and_category_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("labelled.jsonl"), LABELLED).unwrap();
    let out = framing(
        dir.path(),
        &["lexicon", "suggest", "econ", "--labels", "labelled.jsonl"],
    );
    let message = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(
        message.contains("no text has the label \"econ\""),
        "{message}"
    );
    assert!(message.contains("money, other"), "{message}");
    let out = framing(
        &repo(),
        &[
            "lexicon",
            "suggest",
            "no_such_frame",
            "--dir",
            dir.path().to_str().unwrap(),
        ],
    );
    let message = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(message.contains("not in the lexicon set"), "{message}");
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `lexicon suggest ARGS --dir .. --out lex/NEW.toml` from the repository and checks the category file
/// it writes with `lexicon check`; returns what suggest printed and the term lines of the file.
fn suggest_and_check(args: &[&str]) -> (String, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lex/suggested.toml");
    let (s, o) = (dir.path().join("s"), out.to_str().unwrap().to_string());
    let mut all = vec!["lexicon", "suggest"];
    all.extend_from_slice(args);
    all.extend(["--dir", s.to_str().unwrap(), "--out", &o]);
    let printed = ok(&framing(&repo(), &all));
    let written = std::fs::read_to_string(&out).unwrap();
    let check = ok(&framing(
        &repo(),
        &["lexicon", "check", dir.path().join("lex").to_str().unwrap()],
    ));
    assert!(check.starts_with("ok: 1 categories"), "{check}");
    let terms = written
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(String::from)
        .collect();
    (printed, terms)
}

#[test]
fn unsupervised_on_the_default_corpus_writes_a_category_check_accepts() {
    let (printed, terms) = suggest_and_check(&["violence_retaliation", "--min-count", "2"]);
    assert!(printed.contains("sentences the category violence_retaliation marks"));
    assert!(!terms.is_empty(), "{printed}");
    // Every term comes with its evidence and a line of context.
    assert!(terms.iter().all(|l| l.contains("# in ") && l.contains('[')));
}

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("FRAMING_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    if dir.join("eval/frames/gvfc.jsonl").exists() {
        Some(dir)
    } else {
        println!(
            "SKIPPED: {} has no eval/frames/gvfc.jsonl; set FRAMING_SHARED",
            dir.display()
        );
        None
    }
}

#[test]
fn gvfc_lexicons_learned_from_four_folds_reach_the_naive_bayes_anchor() {
    let Some(shared) = shared() else { return };
    let out = std::process::Command::new("python3")
        .arg(repo().join("scripts/gvfc_lexicon_loop.py"))
        .env("FRAMING_BIN", env!("CARGO_BIN_EXE_framing"))
        .env("FRAMING_SHARED", &shared)
        .output()
        .expect("python3");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{printed}");
    let mean: f64 = printed
        .lines()
        .find(|l| l.contains("mean of the 5 folds"))
        .and_then(|l| l.split("**").nth(3))
        .and_then(|v| v.parse().ok())
        .expect("mean line");
    assert!(
        mean >= 0.58,
        "mean macro-F1 {mean} below the Naive Bayes 0.58"
    );
}

#[test]
fn unsupervised_on_the_2k_subset_writes_a_category_check_accepts() {
    let Some(shared) = shared() else { return };
    let corpus = shared.join("corpora/article-bias-prediction/articles-2k.jsonl.gz");
    if !corpus.exists() {
        println!("SKIPPED: {} not found", corpus.display());
        return;
    }
    let corpus = corpus.to_str().unwrap();
    let (printed, terms) = suggest_and_check(&[
        "economic_consequences",
        "--lexicons",
        "generic",
        "--corpus",
        corpus,
        "--top",
        "25",
    ]);
    assert_eq!(terms.len(), 25, "{printed}");
}
