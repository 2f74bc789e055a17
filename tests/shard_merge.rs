//! `analyze --shard I/N` then `merge` gives the same tables as one whole run, for N = 1, 2, 3 and 8 over
//! the shared 2,000-article subset. The tables are compared byte for byte (stronger than the required
//! "counts exactly, floating sums within 1e-9 relative").

mod common;

use common::{snapshot, stderr, Scratch};

#[test]
fn merged_shards_equal_the_whole_run() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let corpus = shared.join("corpora/article-bias-prediction/articles-2k.jsonl.gz");
    let corpus = corpus.to_string_lossy().into_owned();
    let s = Scratch::new();
    let common_args = ["--corpus", corpus.as_str(), "--group-by", "bias", "--quiet"];
    let whole = s.run(&[&["analyze", "--out", "whole"][..], &common_args[..]].concat());
    assert!(whole.status.success(), "{}", stderr(&whole));
    let tables = |dir: &str| -> Vec<(String, Vec<u8>)> {
        snapshot(&s.path().join(dir))
            .into_iter()
            .filter(|(name, _)| name.ends_with(".csv") || name.ends_with(".parquet"))
            .collect()
    };
    let expected = tables("whole");
    assert!(expected.len() > 20);
    for n in [1usize, 2, 3, 8] {
        let mut dirs = Vec::new();
        for i in 0..n {
            let dir = format!("shard-{n}-{i}");
            let shard = format!("{i}/{n}");
            let out = s.run(
                &[
                    &["analyze", "--out", dir.as_str(), "--shard", shard.as_str()][..],
                    &common_args[..],
                ]
                .concat(),
            );
            assert!(out.status.success(), "shard {shard}: {}", stderr(&out));
            dirs.push(dir);
        }
        let merged = format!("merged-{n}");
        let mut args = vec!["merge", "--out", merged.as_str(), "--quiet"];
        args.extend(dirs.iter().map(String::as_str));
        let out = s.run(&args);
        assert!(out.status.success(), "merge of {n}: {}", stderr(&out));
        let got = tables(&merged);
        assert_eq!(got.len(), expected.len(), "N = {n}: same tables");
        for ((name, bytes), (want_name, want)) in got.iter().zip(&expected) {
            assert_eq!(name, want_name);
            assert!(bytes == want, "N = {n}: {name} differs from the whole run");
        }
    }
}

#[test]
fn a_shard_without_articles_merges_too() {
    // The two-article default corpus in three shards: shard 2 gets no article.
    let s = Scratch::new();
    let whole = s.run(&["analyze", "--out", "whole", "--quiet"]);
    assert!(whole.status.success(), "{}", stderr(&whole));
    let mut dirs = Vec::new();
    for i in 0..3 {
        let dir = format!("shard-{i}");
        let shard = format!("{i}/3");
        let out = s.run(&["analyze", "--out", &dir, "--shard", &shard, "--quiet"]);
        assert!(out.status.success(), "shard {shard}: {}", stderr(&out));
        dirs.push(dir);
    }
    let mut args = vec!["merge", "--out", "merged", "--quiet"];
    args.extend(dirs.iter().map(String::as_str));
    let out = s.run(&args);
    assert!(out.status.success(), "merge: {}", stderr(&out));
    let tables = |dir: &str| -> Vec<(String, Vec<u8>)> {
        snapshot(&s.path().join(dir))
            .into_iter()
            .filter(|(name, _)| name.ends_with(".csv"))
            .collect()
    };
    let (got, want) = (tables("merged"), tables("whole"));
    assert_eq!(
        got.iter().map(|t| &t.0).collect::<Vec<_>>(),
        want.iter().map(|t| &t.0).collect::<Vec<_>>()
    );
    for ((name, bytes), (_, expected)) in got.iter().zip(&want) {
        assert!(bytes == expected, "{name} differs from the whole run");
    }
}

#[test]
fn shard_option_is_checked() {
    let s = Scratch::new();
    for bad in ["3/3", "1", "a/2", "0/0"] {
        let out = s.run(&["analyze", "--shard", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("shard"), "{bad}: {}", stderr(&out));
    }
    let out = s.run(&["merge", "nowhere"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nowhere/shard.json"),
        "{}",
        stderr(&out)
    );
}

/// `framing analyze` of the corpus of [`corpus_with_a_duplicate_id`], grouped by its `side` field.
const DUP_ANALYZE: [&str; 8] = [
    "analyze",
    "--corpus",
    "dup.jsonl",
    "--fields",
    "side",
    "--group-by",
    "side",
    "--quiet",
];

/// Forty articles whose first two lines share an id, in a JSON-lines file of the scratch directory.
fn corpus_with_a_duplicate_id(s: &Scratch) {
    let mut corpus = String::new();
    let words = [
        "army", "town", "talks", "aid", "water", "school", "market", "bridge",
    ];
    for i in 0..40 {
        let id = if i < 2 {
            "a0".to_string()
        } else {
            format!("a{i}")
        };
        let text: Vec<&str> = (0..10)
            .map(|k| words[(i * 7 + k * 3) % words.len()])
            .collect();
        corpus.push_str(&format!(
            "{{\"id\": \"{id}\", \"side\": \"{}\", \"text\": \"The {} met on day {i}. Officials spoke of {} later.\"}}\n",
            if i % 2 == 0 { "x" } else { "y" },
            text.join(" "),
            text[..5].join(" ")
        ));
    }
    std::fs::write(s.path().join("dup.jsonl"), corpus).unwrap();
}

#[test]
fn a_duplicate_id_is_rejected_across_shards_as_in_a_whole_run() {
    let s = Scratch::new();
    corpus_with_a_duplicate_id(&s);
    // With the survey off too: then only the main pass reads the corpus, once per shard.
    for survey in [
        &[][..],
        &["--furniture", "off", "--near-duplicates", "off"][..],
    ] {
        let base = DUP_ANALYZE;
        let run = |extra: &[&str]| {
            let out = s.run(&[&base[..], survey, extra].concat());
            assert!(out.status.success(), "{}", stderr(&out));
        };
        run(&["--out", "whole"]);
        run(&["--out", "p0", "--shard", "0/2"]);
        run(&["--out", "p1", "--shard", "1/2"]);
        let out = s.run(&["merge", "p0", "p1", "--out", "merged", "--quiet"]);
        assert!(out.status.success(), "{}", stderr(&out));
        for dir in ["whole", "merged"] {
            let articles =
                std::fs::read_to_string(s.path().join(dir).join("articles.csv")).unwrap();
            assert_eq!(articles.lines().count(), 1 + 39, "{dir} ({survey:?})");
            let rejects = std::fs::read_to_string(s.path().join(dir).join("rejects.csv")).unwrap();
            assert!(rejects.contains("2,a0,duplicate id"), "{dir}: {rejects}");
        }
    }
}

#[test]
fn merge_refuses_parts_that_share_articles() {
    let s = Scratch::new();
    corpus_with_a_duplicate_id(&s);
    let base = DUP_ANALYZE;
    for (out, shard) in [("p0", "0/2"), ("q0", "0/3")] {
        let done = s.run(&[&base[..], &["--out", out, "--shard", shard]].concat());
        assert!(done.status.success(), "{}", stderr(&done));
    }
    // The same shard twice, and shards of two different counts: both parts named.
    for (parts, says) in [
        (["p0", "p0"], "is shard 0/2, given twice (also p0)"),
        (["p0", "q0"], "is shard 0/3, but p0 is one of 2"),
    ] {
        let out = s.run(&["merge", parts[0], parts[1], "--out", "merged", "--quiet"]);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{message}");
        assert!(message.contains(says), "{message}");
        assert!(message.contains(parts[1]), "{message}");
        assert!(!s.path().join("merged").exists());
    }
}

/// Writes shard `i` of `n` of the corpus with a duplicate id into `out`, with `extra` arguments.
fn shard(s: &Scratch, out: &str, i: usize, n: usize, extra: &[&str]) {
    let spec = format!("{i}/{n}");
    let done = s.run(&[&DUP_ANALYZE[..], &["--out", out, "--shard", &spec], extra].concat());
    assert!(done.status.success(), "{}", stderr(&done));
}

/// Asserts that `framing merge PARTS --out merged` fails naming `part` and saying `says`, and writes nothing.
fn refused(s: &Scratch, parts: &[&str], extra: &[&str], part: &str, says: &str) {
    let args = [
        &["merge"][..],
        parts,
        &["--out", "merged", "--quiet"],
        extra,
    ]
    .concat();
    let out = s.run(&args);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(
        message.contains(part) && message.contains(says),
        "{message}"
    );
    assert!(!s.path().join("merged").exists());
}

#[test]
fn merge_refuses_a_missing_shard_other_lexicons_and_another_version() {
    let s = Scratch::new();
    corpus_with_a_duplicate_id(&s);
    for i in 0..3 {
        shard(&s, &format!("p{i}"), i, 3, &[]);
    }
    refused(&s, &["p0", "p2"], &[], "p0", "shard 1/3 is missing");
    // A shard scored with another lexicon set, and a merge with other lexicons than the shards'.
    shard(&s, "g1", 1, 3, &["--lexicons", "generic"]);
    refused(&s, &["p0", "g1", "p2"], &[], "g1", "other lexicons");
    refused(
        &s,
        &["p0", "p1", "p2"],
        &["--lexicons", "generic"],
        "p0",
        "other lexicons",
    );
    // A part written by another version of the tool.
    let info = s.path().join("p1").join("shard.json");
    let text = std::fs::read_to_string(&info).unwrap();
    let version = format!("\"tool\":\"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&version), "{text}");
    std::fs::write(&info, text.replace(&version, "\"tool\":\"0.0.1\"")).unwrap();
    refused(
        &s,
        &["p0", "p1", "p2"],
        &[],
        "p1",
        "written by framing 0.0.1",
    );
    // The whole set, each once, merges.
    std::fs::write(&info, text).unwrap();
    let out = s.run(&["merge", "p2", "p0", "p1", "--out", "merged", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn shards_sharing_one_survey_equal_the_whole_run() {
    let s = Scratch::new();
    corpus_with_a_duplicate_id(&s);
    let base = DUP_ANALYZE;
    let run = |extra: &[&str]| {
        let out = s.run(&[&base[..], extra].concat());
        assert!(out.status.success(), "{}", stderr(&out));
    };
    run(&["--out", "whole"]);
    run(&["--survey-out", "survey.json"]);
    for i in 0..3 {
        let (out, shard) = (format!("p{i}"), format!("{i}/3"));
        run(&["--out", &out, "--shard", &shard, "--survey", "survey.json"]);
    }
    let out = s.run(&["merge", "p0", "p1", "p2", "--out", "merged", "--quiet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tables = |dir: &str| -> Vec<(String, Vec<u8>)> {
        snapshot(&s.path().join(dir))
            .into_iter()
            .filter(|(name, _)| name.ends_with(".csv") || name.ends_with(".parquet"))
            .collect()
    };
    assert_eq!(tables("merged"), tables("whole"));
    let rejects = std::fs::read_to_string(s.path().join("merged/rejects.csv")).unwrap();
    assert!(rejects.contains("2,a0,duplicate id"), "{rejects}");
    // A shard with other options than the survey's is refused.
    let other = s.run(
        &[
            &base[..],
            &[
                "--out",
                "q",
                "--shard",
                "0/3",
                "--survey",
                "survey.json",
                "--furniture",
                "off",
            ],
        ]
        .concat(),
    );
    let message = stderr(&other);
    assert_eq!(other.status.code(), Some(1), "{message}");
    assert!(
        message.contains("survey.json: surveyed with other options"),
        "{message}"
    );
}
