//! `--csv-safe` (issue 20): text cells a spreadsheet would run as formulas get a leading `'` in the
//! CSV tables; without the option, and in every number and every Parquet file, nothing changes.

mod common;

use common::{stderr, Scratch};

#[test]
fn csv_safe_prefixes_formula_cells_and_leaves_numbers_and_parquet_alone() {
    let s = Scratch::new();
    let mut corpus = String::new();
    for i in 0..4 {
        let (id, bias) = if i % 2 == 0 {
            (format!("=1+{i}"), "left")
        } else {
            (format!("@a{i}"), "right")
        };
        corpus.push_str(&format!(
            "{{\"id\":\"{id}\",\"bias\":\"{bias}\",\"text\":\"Headline {i}\\n\\n=HYPERLINK(\\\"http://example.com\\\",\\\"click\\\") appeared in the feed. Prices fell and the war went on.\\n\\n-- Aleppo battle -\\n\\nThe army shelled the town.\"}}\n"
        ));
    }
    std::fs::write(s.path().join("corpus.jsonl"), corpus).expect("write corpus");
    let run = |out: &str, extra: &[&str]| {
        let args = [
            &[
                "analyze",
                "--corpus",
                "corpus.jsonl",
                "--fields",
                "bias",
                "--group-by",
                "bias",
                "--out",
                out,
                "--quiet",
                "--sentences",
            ][..],
            extra,
        ]
        .concat();
        let done = s.run(&args);
        assert!(done.status.success(), "{}", stderr(&done));
    };
    run("plain", &[]);
    run("safe", &["--csv-safe"]);
    let read = |dir: &str, name: &str| std::fs::read(s.path().join(dir).join(name)).expect("table");
    let plain = String::from_utf8(read("plain", "sentences.csv")).expect("utf-8");
    let safe = String::from_utf8(read("safe", "sentences.csv")).expect("utf-8");
    assert!(
        plain.contains("\n=1+0,") && plain.contains("\"=HYPERLINK("),
        "{plain}"
    );
    assert!(
        safe.contains("\n'=1+0,") && safe.contains("\"'=HYPERLINK("),
        "{safe}"
    );
    assert!(
        safe.contains("\n'@a1,") && safe.contains(",'-- Aleppo battle -"),
        "{safe}"
    );
    assert!(!safe.contains("\n=") && !safe.contains(",=") && !safe.contains(",@"));
    // Cell by cell, the only change is the prefix, and no number changes (negative compounds
    // among them).
    let cells = |text: &str| -> Vec<String> {
        text.lines()
            .flat_map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>())
            .collect()
    };
    let (p, q) = (cells(&plain), cells(&safe));
    assert_eq!(p.len(), q.len());
    let mut prefixed = 0;
    for (a, b) in p.iter().zip(&q) {
        if a != b {
            let unquoted = b.trim_start_matches('"');
            assert!(unquoted.starts_with('\''), "{a} -> {b}");
            assert!(
                a.trim_start_matches('"').parse::<f64>().is_err(),
                "number {a} changed"
            );
            prefixed += 1;
        }
    }
    assert!(prefixed >= 8, "{prefixed} cells prefixed");
    assert!(
        plain.contains(",-0.") || plain.contains(",-1"),
        "a negative number to keep"
    );
    // The Parquet tables are typed and stay as they were.
    for name in ["sentences.parquet", "articles.parquet"] {
        assert!(read("plain", name) == read("safe", name), "{name} changed");
    }
}
