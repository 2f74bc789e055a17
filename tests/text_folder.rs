//! `framing analyze --data DIR` on a folder of `.txt` files with no `corpus.toml` (issue 20): metadata
//! from `metadata.csv` or from the file names gives the same tables as the manifest; unreadable files
//! are reported by name and left out; a metadata row for no file, or a name that does not split into
//! the fields named, is an error naming the file and the fix.

mod common;

use std::path::Path;

use common::{assert_same_tables, stderr, Scratch};

const OPINION: &str = "data/000_7859b8436fd98fa9.txt";
const WIRE: &str = "data/004_d5acae6dd57a4709.txt";
const WIRE_TITLE: &str = "For Syrians in Idlib, killing of Soleimani a 'victory'";

/// A folder `name` in the scratch directory holding the default corpus's two texts as `files`.
fn folder(s: &Scratch, name: &str, files: [&str; 2], metadata: Option<&str>) {
    let dir = s.path().join(name);
    std::fs::create_dir(&dir).expect("mkdir");
    for (from, to) in [OPINION, WIRE].iter().zip(files) {
        std::fs::copy(s.path().join(from), dir.join(to)).expect("copy text");
    }
    if let Some(csv) = metadata {
        std::fs::write(dir.join("metadata.csv"), csv).expect("write metadata");
    }
}

fn analyze(s: &Scratch, data: &str, out: &str, extra: &[&str]) -> std::process::Output {
    s.run(
        &[
            &["analyze", "--data", data, "--out", out, "--quiet"][..],
            extra,
        ]
        .concat(),
    )
}

fn succeeds(run: std::process::Output) {
    assert!(run.status.success(), "{}", stderr(&run));
}

#[test]
fn a_text_folder_with_metadata_csv_or_name_fields_analyses_as_the_manifest_does() {
    let s = Scratch::new();
    succeeds(analyze(&s, "data", "manifest", &[]));
    let csv = format!(
        "id,outlet,genre,published,title,standfirst\ntrt-opinion,TRT World,opinion,2020-01,,true\nafp-wire,AFP,wire,2020-01-10,\"{WIRE_TITLE}\",false\n"
    );
    folder(&s, "texts", ["trt-opinion.txt", "afp-wire.txt"], Some(&csv));
    succeeds(analyze(&s, "texts", "from-csv", &[]));
    assert_same_tables(
        &s.path().join("from-csv"),
        &s.path().join("manifest"),
        "metadata.csv",
    );
    // The fields in the names; what a name cannot hold (the headline, the standfirst) in the CSV.
    let csv = format!("id,title,standfirst\ntrt-opinion,,true\nafp-wire,\"{WIRE_TITLE}\",false\n");
    folder(
        &s,
        "named",
        [
            "TRT World_opinion_2020-01_trt-opinion.txt",
            "AFP_wire_2020-01-10_afp-wire.txt",
        ],
        Some(&csv),
    );
    let fields = ["--name-fields", "outlet,genre,published,id"];
    succeeds(analyze(&s, "named", "from-names", &fields));
    assert_same_tables(
        &s.path().join("from-names"),
        &s.path().join("manifest"),
        "--name-fields",
    );
}

/// The `title` cell of each row of an output's articles table, by article id.
fn titles(dir: &Path) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = common::csv_maps(&dir.join("articles.csv"))
        .into_iter()
        .map(|r| {
            (
                r["article_id"].clone(),
                r["title"].trim_matches('"').to_string(),
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn without_metadata_ids_come_from_names_titles_from_short_first_lines_and_bad_files_are_reported() {
    let s = Scratch::new();
    let dir = s.path().join("plain");
    std::fs::create_dir(&dir).expect("mkdir");
    let texts = [
        (
            "bbc_2020-01-03_a1",
            "Floods close the valley road\n\nRain fell for a week. The army brought boats.\n",
        ),
        (
            "bbc_2020-01-04_a2",
            "The river rose again on Tuesday.\n\nResidents left their homes.\n",
        ),
        (
            "cnn_2020-01-03_b1",
            "Rescue teams reach the town\n\nVolunteers handed out food and water.\n",
        ),
        (
            "cnn_2020-01-05_b2",
            "Officials said the dam held.\n\nThe mayor thanked the crews.\n",
        ),
    ];
    for (name, text) in texts {
        std::fs::write(dir.join(format!("{name}.txt")), text).expect("write text");
    }
    std::fs::write(
        dir.join("cnn_2020-01-06_b3.txt"),
        b"Caf\xe9 owners count the damage.\n",
    )
    .expect("latin-1");
    let fields = [
        "--name-fields",
        "outlet,date,id",
        "--group-by",
        "outlet",
        "--cluster-by",
        "paragraph",
    ];
    succeeds(analyze(&s, "plain", "out", &fields));
    assert_eq!(
        titles(&s.path().join("out")),
        [
            ("a1", "Floods close the valley road"),
            ("a2", ""),
            ("b1", "Rescue teams reach the town"),
            ("b2", ""),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let rejects = std::fs::read_to_string(s.path().join("out/rejects.csv")).expect("rejects");
    assert!(
        rejects.contains("b3")
            && rejects.contains("cnn_2020-01-06_b3.txt")
            && rejects.contains("invalid UTF-8"),
        "{rejects}"
    );
}

#[test]
fn a_stray_metadata_row_or_a_name_that_does_not_split_is_an_error_naming_the_file() {
    let s = Scratch::new();
    folder(
        &s,
        "texts",
        ["trt-opinion.txt", "afp-wire.txt"],
        Some("id,genre\ntrt-opinion,opinion\nafp-wier,wire\n"),
    );
    let run = analyze(&s, "texts", "out", &[]);
    let message = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{message}");
    assert!(
        message.contains("metadata.csv:3") && message.contains("\"afp-wier\" names no .txt file"),
        "{message}"
    );
    folder(&s, "named", ["TRT_opinion_x.txt", "AFP_wire.txt"], None);
    let run = analyze(&s, "named", "out", &["--name-fields", "outlet,genre,id"]);
    let message = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{message}");
    assert!(
        message.contains("AFP_wire.txt") && message.contains("has 2 parts"),
        "{message}"
    );
    assert!(!s.path().join("out").exists());
}
