//! `framing analyze --corpus FILE`: JSON-lines corpora (plain or .gz) with bad records set aside and
//! reported by line, and tables that do not depend on the thread count on the shared 2,000-article subset.

mod common;

use std::io::Write;

use common::{snapshot, stderr, Scratch};

const GOOD: &str = r#"{"id": "a1", "outlet": "Wire A", "bias": "left", "text": "Shelling hit the city on Monday. \"We have nothing left,\" said Amal Haddad, a teacher."}"#;
const GOOD2: &str = r#"{"id": "a2", "outlet": "Paper B", "bias": "right", "text": "The ceasefire held for a week. Aid convoys reached the north."}"#;

#[test]
fn bad_records_are_reported_with_their_lines_and_the_run_goes_on() {
    let s = Scratch::new();
    let path = s.path().join("corpus.jsonl");
    let mut f = std::fs::File::create(&path).expect("create");
    f.write_all(GOOD.as_bytes()).expect("write");
    f.write_all(b"\n{\"id\": \"a3\", \"bias\": \"left\", \"text\": \"   \"}\n")
        .expect("empty text, line 2");
    f.write_all(b"{\"id\": \"a4\", \"bias\": \"left\", \"text\": \"caf\xe9\"}\n")
        .expect("not UTF-8, line 3");
    f.write_all(b"{\"id\": \"a5\", \"bias\": \"left\"}\n")
        .expect("no text field, line 4");
    f.write_all(GOOD2.as_bytes()).expect("write line 5");
    f.write_all(b"\n{\"id\": \"a6\", \"bias\": \"left\", \"text\": \"cut off")
        .expect("truncated last line, line 6");
    drop(f);
    let out = s.run(&["analyze", "--corpus", "corpus.jsonl", "--group-by", "bias"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("skipped 4 corpus records"),
        "{}",
        stderr(&out)
    );
    let rejects =
        std::fs::read_to_string(s.path().join("output/rejects.csv")).expect("rejects.csv");
    let lines: Vec<&str> = rejects.lines().collect();
    assert_eq!(lines[0], "line,id,reason,left_out_of");
    assert!(lines[1].starts_with("2,a3,empty text"), "{rejects}");
    assert!(lines[2].starts_with("3,,not valid UTF-8"), "{rejects}");
    assert!(
        lines[3].starts_with("4,a5,") && lines[3].contains("no \"\"text\"\" field"),
        "{rejects}"
    );
    assert!(lines[4].starts_with("6,,malformed JSON"), "{rejects}");
    // The summary names them too.
    let summary = std::fs::read_to_string(s.path().join("output/summary.md")).expect("summary.md");
    assert!(
        summary.contains("4 corpus record(s) were skipped")
            && summary.contains("line 2 (a3): empty text")
            && summary.contains("line 3: not valid UTF-8"),
        "{summary}"
    );
    let articles =
        std::fs::read_to_string(s.path().join("output/articles.csv")).expect("articles.csv");
    assert_eq!(articles.lines().count(), 3, "two good articles: {articles}");
}

#[test]
fn tables_are_identical_across_thread_counts_on_the_2k_subset() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let corpus = shared.join("corpora/article-bias-prediction/articles-2k.jsonl.gz");
    let s = Scratch::new();
    let corpus = corpus.to_string_lossy().into_owned();
    let mut snaps = Vec::new();
    for threads in ["1", "2"] {
        let out = s.run_env(
            &[
                "analyze",
                "--corpus",
                &corpus,
                "--group-by",
                "bias",
                "--replicates",
                "50",
            ],
            &[
                ("RAYON_NUM_THREADS", threads),
                ("POLARS_MAX_THREADS", threads),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let tables: Vec<_> = snapshot(&s.path().join("output"))
            .into_iter()
            .filter(|(name, _)| name.ends_with(".csv") || name.ends_with(".parquet"))
            .collect();
        snaps.push(tables);
    }
    assert!(
        snaps[0] == snaps[1],
        "tables differ between 1 and 2 threads"
    );
}

/// The same small corpus as JSON lines, CSV and Parquet gives the same tables.
#[test]
fn jsonl_csv_and_parquet_corpora_give_the_same_tables() {
    use polars::prelude::*;
    let s = Scratch::new();
    let records = [
        ("a1", "Wire A", "left", "Shelling hit the city on Monday. \"We have nothing left,\" said Amal Haddad, a teacher."),
        ("a2", "Paper B", "right", "The ceasefire held for a week. Aid convoys reached the north."),
        ("a3", "Paper C", "right", "Officials said the talks, which began in May, would resume. Critics were unconvinced."),
    ];
    let jsonl: String = records
        .iter()
        .map(|(id, outlet, bias, text)| {
            format!(
                "{}\n",
                serde_json::json!({"id": id, "outlet": outlet, "bias": bias, "text": text})
            )
        })
        .collect();
    std::fs::write(s.path().join("c.jsonl"), jsonl).expect("write jsonl");
    let mut df = df!(
        "id" => records.iter().map(|r| r.0).collect::<Vec<_>>(),
        "outlet" => records.iter().map(|r| r.1).collect::<Vec<_>>(),
        "bias" => records.iter().map(|r| r.2).collect::<Vec<_>>(),
        "text" => records.iter().map(|r| r.3).collect::<Vec<_>>(),
    )
    .expect("frame");
    let mut csv = std::fs::File::create(s.path().join("c.csv")).expect("csv");
    CsvWriter::new(&mut csv).finish(&mut df).expect("write csv");
    let parquet = std::fs::File::create(s.path().join("c.parquet")).expect("parquet");
    ParquetWriter::new(parquet)
        .finish(&mut df)
        .expect("write parquet");
    let mut outputs = Vec::new();
    for file in ["c.jsonl", "c.csv", "c.parquet"] {
        let out = s.run(&[
            "analyze",
            "--corpus",
            file,
            "--group-by",
            "bias",
            "--sentences",
            "--out",
            file.replace('.', "_").as_str(),
        ]);
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        let dir = s.path().join(file.replace('.', "_"));
        let tables: Vec<(String, Vec<u8>)> = [
            "articles.csv",
            "sentences.csv",
            "groups.csv",
            "sentiment_tests.csv",
        ]
        .iter()
        .map(|t| (t.to_string(), std::fs::read(dir.join(t)).expect("table")))
        .collect();
        outputs.push(tables);
    }
    assert!(outputs[0] == outputs[1], "CSV differs from JSON lines");
    assert!(outputs[0] == outputs[2], "Parquet differs from JSON lines");
}
