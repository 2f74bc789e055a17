//! `framing validate sample` and `framing validate report` end to end on a corpus and lexicon of the
//! test's own: the design (strata, probabilities, blind sheet, same seed same sample), figures worked out
//! here from sample.json, and a clear error for every bad sheet.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Twelve articles of four sentences; "tax" and "budget" sentences are the ones the lexicon marks,
/// "price" sentences carry money too but the lexicon misses them.
fn corpus() -> String {
    let mut out = String::new();
    for a in 0..12 {
        let sentences = [
            format!("The council met on day {a} to talk about the park."),
            if a % 2 == 0 {
                format!("The new tax on shops rose by {a} percent.")
            } else {
                format!("The budget for roads grew by {a} million.")
            },
            if a % 3 == 0 {
                format!("Bread prices went up again in week {a}.")
            } else {
                format!("Children played football in the square {a} times.")
            },
            format!("Residents said the weather on day {a} was mild."),
        ];
        out.push_str(
            &serde_json::json!({"id": format!("art{a:02}"), "text": sentences.join(" ")})
                .to_string(),
        );
        out.push('\n');
    }
    out
}

struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("corpus.jsonl"), corpus()).unwrap();
        let lex = dir.path().join("lex");
        std::fs::create_dir(&lex).unwrap();
        std::fs::write(
            lex.join("money.toml"),
            "name = \"money\"\ndefinition = \"Money at stake.\"\nterms = [\"tax\", \"budget\"]\n",
        )
        .unwrap();
        Scratch { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_framing"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("run framing")
    }

    fn sample(&self, out: &str, seed: &str) -> Output {
        self.run(&[
            "validate",
            "sample",
            "--corpus",
            "corpus.jsonl",
            "--lexicons",
            "lex",
            "--n",
            "16",
            "--seed",
            seed,
            "--out",
            out,
        ])
    }
}

fn ok(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "failed: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The sheet's rows as (unit id, text), in order.
fn sheet_rows(path: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let id = l.split(',').next().unwrap().to_string();
            (id, l.to_string())
        })
        .collect()
}

/// A filled sheet: the header, then each unit with `code(text)` in the money column.
fn filled(sample: &Path, code: impl Fn(&str, usize) -> &'static str) -> String {
    let sheet = std::fs::read_to_string(sample.join("sheet.csv")).unwrap();
    let mut lines = sheet.lines();
    let mut out = format!("{}\n", lines.next().unwrap());
    for (i, line) in lines.enumerate() {
        // The two empty trailing cells are money and note.
        let row = line.strip_suffix(",,").expect("empty code cells");
        out.push_str(&format!("{row},{},\n", code(row, i)));
    }
    out
}

/// People's truth: a sentence carries money when it speaks of a tax, a budget or prices.
fn truth(row: &str) -> bool {
    row.contains(" tax ") || row.contains("budget") || row.contains("prices")
}

#[test]
fn sample_is_stratified_blind_and_reproducible() {
    let s = Scratch::new();
    let printed = ok(&s.sample("coding", "3"));
    assert!(printed.contains("marked:money"), "{printed}");
    let design = json(&s.path("coding/sample.json"));
    let strata = design["strata"].as_array().unwrap();
    // 48 sentences: 12 mark money (one per article), 36 do not; half of 16 from each side.
    assert_eq!(strata[0]["name"], "marked:money");
    assert_eq!(strata[0]["population"], 12);
    assert_eq!(strata[0]["sampled"], 8);
    assert_eq!(strata[1]["name"], "unmarked");
    assert_eq!(strata[1]["population"], 36);
    assert_eq!(strata[1]["sampled"], 8);
    assert!((strata[1]["probability"].as_f64().unwrap() - 8.0 / 36.0).abs() < 1e-12);
    let units = design["units"].as_array().unwrap();
    assert_eq!(units.len(), 16);
    let marked = units
        .iter()
        .filter(|u| u["lexicon"]["money"] == true)
        .count();
    assert_eq!(marked, 8);
    for u in units {
        let w = u["weight"].as_f64().unwrap();
        let p = u["probability"].as_f64().unwrap();
        assert!((w * p - 1.0).abs() < 1e-12);
    }
    // Blind: the sheet's header and empty code cells say nothing about the lexicon's marks.
    let sheet = std::fs::read_to_string(s.path("coding/sheet.csv")).unwrap();
    assert_eq!(
        sheet.lines().next().unwrap(),
        "unit_id,article_id,before,text,after,money,note"
    );
    let rows = sheet_rows(&s.path("coding/sheet.csv"));
    assert_eq!(rows.len(), 16);
    assert!(rows.iter().all(|(_, line)| line.ends_with(",,")));
    // Marked and unmarked units are interleaved, not in blocks a coder could read off.
    let first_half_marked = units[..8]
        .iter()
        .filter(|u| u["lexicon"]["money"] == true)
        .count();
    assert!(first_half_marked > 0 && first_half_marked < 8);
    // Same seed, same sample; another seed, another sample.
    ok(&s.sample("again", "3"));
    assert_eq!(
        std::fs::read(s.path("again/sheet.csv")).unwrap(),
        sheet.as_bytes()
    );
    ok(&s.sample("other", "4"));
    assert_ne!(
        std::fs::read(s.path("other/sheet.csv")).unwrap(),
        sheet.as_bytes()
    );
}

#[test]
fn report_figures_match_the_design_weights_worked_out_here() {
    let s = Scratch::new();
    ok(&s.sample("coding", "3"));
    let coding = s.path("coding");
    std::fs::write(
        s.path("ana.csv"),
        filled(&coding, |row, _| if truth(row) { "1" } else { "0" }),
    )
    .unwrap();
    std::fs::write(
        s.path("ben.csv"),
        filled(&coding, |row, _| if truth(row) { "1" } else { "0" }),
    )
    .unwrap();
    ok(&s.run(&[
        "validate", "report", "--sample", "coding", "ana.csv", "ben.csv", "--out", "report",
    ]));
    // Expected figures from sample.json: weights N_h / n_h, the truth rule as the coders' code.
    let design = json(&coding.join("sample.json"));
    let strata = design["strata"].as_array().unwrap();
    let rows: BTreeMap<String, String> =
        sheet_rows(&coding.join("sheet.csv")).into_iter().collect();
    let (mut both, mut lexicon, mut human) = (0.0, 0.0, 0.0);
    let (mut fn_, mut fp) = (0, 0);
    for u in design["units"].as_array().unwrap() {
        let h = u["stratum"].as_u64().unwrap() as usize;
        let w = strata[h]["population"].as_f64().unwrap() / strata[h]["sampled"].as_f64().unwrap();
        let l = u["lexicon"]["money"] == true;
        let t = truth(&rows[u["id"].as_str().unwrap()]);
        both += w * f64::from(u8::from(l && t));
        lexicon += w * f64::from(u8::from(l));
        human += w * f64::from(u8::from(t));
        fn_ += usize::from(t && !l);
        fp += usize::from(l && !t);
    }
    assert!(fn_ > 0, "the sample should hold a missed price sentence");
    assert_eq!(fp, 0);
    let accuracy = std::fs::read_to_string(s.path("report/accuracy.csv")).unwrap();
    let header: Vec<&str> = accuracy.lines().next().unwrap().split(',').collect();
    let values: Vec<&str> = accuracy.lines().nth(1).unwrap().split(',').collect();
    let get = |name: &str| -> f64 {
        values[header.iter().position(|h| *h == name).unwrap()]
            .parse()
            .unwrap()
    };
    assert!((get("precision") - both / lexicon).abs() < 1e-9);
    assert!((get("recall") - both / human).abs() < 1e-9, "{accuracy}");
    assert_eq!(get("fn") as usize, fn_);
    // The sample's own recall overstates the corpus's: unmarked units are under-sampled.
    assert!(get("sample_recall") > get("recall"));
    assert!(get("recall_lo") <= get("recall") && get("recall") <= get("recall_hi"));
    // Two coders in full agreement.
    let agreement = std::fs::read_to_string(s.path("report/agreement.csv")).unwrap();
    let line = agreement.lines().nth(1).unwrap();
    assert!(line.starts_with("money,16,1.0,"), "{agreement}");
    let disagreements = std::fs::read_to_string(s.path("report/disagreements.csv")).unwrap();
    assert_eq!(disagreements.lines().count(), 1 + fn_);
    assert!(disagreements.contains("false negative") && disagreements.contains("prices"));
    for f in [
        "report.html",
        "report.md",
        "accuracy.png",
        "accuracy.svg",
        "accuracy.parquet",
    ] {
        assert!(s.path("report").join(f).exists(), "{f}");
    }
}

#[test]
fn ties_are_listed_and_left_out_and_gold_overrides_the_majority() {
    let s = Scratch::new();
    ok(&s.sample("coding", "3"));
    let coding = s.path("coding");
    std::fs::write(s.path("ana.csv"), filled(&coding, |_, _| "1")).unwrap();
    std::fs::write(
        s.path("ben.csv"),
        filled(&coding, |_, i| if i < 4 { "1" } else { "0" }),
    )
    .unwrap();
    let printed = ok(&s.run(&[
        "validate", "report", "--sample", "coding", "ana.csv", "ben.csv", "--out", "r1",
    ]));
    assert!(printed.contains("12 tied units left out"), "{printed}");
    let accuracy = std::fs::read_to_string(s.path("r1/accuracy.csv")).unwrap();
    assert!(
        accuracy.lines().nth(1).unwrap().starts_with("money,4,12,"),
        "{accuracy}"
    );
    ok(&s.run(&[
        "validate", "report", "--sample", "coding", "ana.csv", "ben.csv", "--gold", "ana", "--out",
        "r2",
    ]));
    let accuracy = std::fs::read_to_string(s.path("r2/accuracy.csv")).unwrap();
    // Against ana, who marks everything: every unit compared, precision 1.
    assert!(
        accuracy
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("money,16,0,8,0,8,0,1.0,"),
        "{accuracy}"
    );
}

/// A bad sheet: exit 1, the message names the file and line and what to do, no output written.
fn rejects(sheet: &str, expected: &[&str]) {
    let s = Scratch::new();
    ok(&s.sample("coding", "3"));
    std::fs::write(s.path("bad.csv"), sheet).unwrap();
    let out = s.run(&[
        "validate", "report", "--sample", "coding", "bad.csv", "--out", "report",
    ]);
    let message = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(!message.contains("panicked"), "{message}");
    for e in expected {
        assert!(message.contains(e), "message lacks {e:?}: {message}");
    }
    assert!(!s.path("report").exists(), "output written on failure");
}

fn good_sheet() -> (Scratch, String) {
    let s = Scratch::new();
    ok(&s.sample("coding", "3"));
    let sheet = filled(&s.path("coding"), |_, _| "0");
    (s, sheet)
}

#[test]
fn a_sheet_from_another_sample_is_refused() {
    let s = Scratch::new();
    ok(&s.sample("other", "99"));
    let other = filled(&s.path("other"), |_, _| "1");
    rejects(
        &other,
        &["bad.csv:", "not in this sample", "another sample"],
    );
}

#[test]
fn a_code_other_than_0_1_or_empty_is_refused() {
    let (_s, sheet) = good_sheet();
    let mut lines: Vec<String> = sheet.lines().map(String::from).collect();
    lines[3] = lines[3].replacen(",0,", ",yes,", 1);
    rejects(
        &(lines.join("\n") + "\n"),
        &["bad.csv:4", "\"money\"", "\"yes\"", "code 1"],
    );
}

#[test]
fn a_missing_category_column_is_refused() {
    let (_s, sheet) = good_sheet();
    let sheet = sheet.replacen(",money,note", ",economy,note", 1);
    rejects(
        &sheet,
        &["bad.csv:1", "no column for the category \"money\""],
    );
}

#[test]
fn a_duplicated_unit_is_refused() {
    let (_s, sheet) = good_sheet();
    let mut lines: Vec<&str> = sheet.lines().collect();
    let second = lines[2];
    lines.push(second);
    rejects(
        &(lines.join("\n") + "\n"),
        &["bad.csv:18", "appears twice (first on line 3)"],
    );
}

/// The README's worked example (`scripts/coding_example.py`): the committed codes still fit the sample the
/// current binary draws from the 2k subset, and the report gives alpha and the weighted figures.
#[test]
fn worked_example_on_the_2k_subset() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("FRAMING_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"));
    if !shared
        .join("corpora/article-bias-prediction/articles-2k.jsonl.gz")
        .exists()
    {
        println!(
            "SKIPPED: {} has no corpora/article-bias-prediction/articles-2k.jsonl.gz; set FRAMING_SHARED",
            shared.display()
        );
        return;
    }
    let out = std::process::Command::new("python3")
        .arg(root.join("scripts/coding_example.py"))
        .env("FRAMING_BIN", env!("CARGO_BIN_EXE_framing"))
        .env("FRAMING_SHARED", &shared)
        .output()
        .expect("python3");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{report}");
    assert!(report.contains("coders: ana, ben"), "{report}");
    let row = report
        .lines()
        .find(|l| l.starts_with("| economic_consequences | 94 |"))
        .expect("accuracy row with 94 units compared");
    assert!(row.contains("35 / 10 / 4 / 45"), "{row}");
}

#[test]
fn a_lexicon_changed_since_the_draw_is_pointed_out() {
    let s = Scratch::new();
    ok(&s.sample("coding", "3"));
    std::fs::write(s.path("ana.csv"), filled(&s.path("coding"), |_, _| "0")).unwrap();
    let args = [
        "validate", "report", "--sample", "coding", "ana.csv", "--out", "r",
    ];
    assert!(!ok(&s.run(&args)).contains("has changed"));
    std::fs::write(
        s.path("lex/money.toml"),
        "name = \"money\"\ndefinition = \"Money at stake.\"\nterms = [\"tax\", \"budget\", \"prices\"]\n",
    )
    .unwrap();
    assert!(ok(&s.run(&args)).contains("the lexicon lex has changed since the sample was drawn"));
}
