//! Page furniture and near-duplicates, end to end on a corpus written here: three outlets whose articles
//! share a newsletter line and a photo-gallery block, and wire copies reprinted by two outlets. The
//! learned strings, the duplicate clusters and the three `--near-duplicates` modes are checked, and the
//! tables are the same at 1 and 2 threads and after `--shard` + `merge`. On the shared 2k subset (when
//! present), no page-furniture word or number is among the 15 most distinctive words of any side.

mod common;

use std::path::Path;

use common::{stderr, Scratch};

/// A made-up word from a number: letters only, so texts share shingles only where they share words.
fn word(mut k: u64) -> String {
    let mut w = String::new();
    k = k.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40;
    for _ in 0..6 {
        w.push((b'a' + (k % 26) as u8) as char);
        k /= 26;
    }
    w
}

fn sentence(seed: u64, n: usize) -> String {
    let words: Vec<String> = (0..n as u64).map(|i| word(seed * 1000 + i)).collect();
    let mut s = words.join(" ");
    s.replace_range(0..1, &s[0..1].to_uppercase());
    s + "."
}

fn story(seed: u64) -> String {
    (0..6)
        .map(|p| sentence(seed * 10 + p, 25))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// 36 articles: outlets A (left), B and C (right); every A article carries a sign-up line, every B
/// article a gallery; the wire story 1 appears in A, B and C, wire story 2 twice in B.
fn write_corpus(path: &Path) {
    let mut lines = Vec::new();
    let mut n = 0;
    for (outlet, bias) in [
        ("Alpha Daily", "left"),
        ("Beta Post", "right"),
        ("Gamma", "right"),
    ] {
        for i in 0..12u64 {
            n += 1;
            let mut text = match (outlet, i) {
                (_, 0) => story(1),
                ("Beta Post", 1) => story(2),
                ("Beta Post", 2) => format!("{}\n\nUpdated with a new line here.", story(2)),
                _ => story(100 + n as u64),
            };
            match outlet {
                "Alpha Daily" => text.push_str(&format!(
                    "\n\nSign up for the Alpha Daily newsletter, {} days a week",
                    i + 2
                )),
                "Beta Post" => text.push_str(&format!(
                    "\n\nPhotos: A day in the city People walk. Hide Caption 1 of {i} Photos: A day"
                )),
                _ => {}
            }
            let record = serde_json::json!({
                "id": format!("a{n:02}"), "outlet": outlet, "bias": bias, "text": text,
            });
            lines.push(record.to_string());
        }
    }
    std::fs::write(path, lines.join("\n") + "\n").expect("write corpus");
}

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).expect("table");
    let mut reader_lines = text.lines();
    reader_lines.next();
    reader_lines
        .map(|l| {
            l.split(',')
                .map(|c| c.trim_matches('"').to_string())
                .collect()
        })
        .collect()
}

fn analyze(s: &Scratch, out: &str, extra: &[&str]) {
    analyze_env(s, out, extra, &[]);
}

fn analyze_env(s: &Scratch, out: &str, extra: &[&str], env: &[(&str, &str)]) {
    let extra: Vec<&str> = extra.iter().copied().chain(["--quiet"]).collect();
    common::analyze_corpus(s, out, &extra, env);
}

#[test]
fn furniture_is_learned_per_outlet_and_duplicates_are_clustered() {
    let s = Scratch::new();
    write_corpus(&s.path().join("corpus.jsonl"));
    analyze(&s, "out", &[]);
    let out = s.path().join("out");
    let boilerplate = std::fs::read_to_string(out.join("boilerplate.csv")).expect("table");
    assert!(
        boilerplate.contains(
            "Alpha Daily,learned,\"sign up for the alpha daily newsletter, 0 days a week\""
        ),
        "{boilerplate}"
    );
    assert!(boilerplate.contains("Beta Post,artefact,"), "{boilerplate}");
    assert!(
        !boilerplate.contains("Gamma"),
        "Gamma has no furniture: {boilerplate}"
    );
    let outlets = csv_rows(&out.join("boilerplate_outlets.csv"));
    let alpha = outlets
        .iter()
        .find(|r| r[0] == "Alpha Daily")
        .expect("Alpha row");
    assert_eq!((alpha[1].as_str(), alpha[2].as_str()), ("12", "12"));
    // Clusters: story 1 in three outlets, story 2 twice (the update with one more line) in Beta.
    let dups = csv_rows(&out.join("duplicates.csv"));
    let members: Vec<(&str, &str, &str)> = dups
        .iter()
        .map(|r| (r[0].as_str(), r[1].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        members,
        [
            ("1", "a01", ""),
            ("1", "a13", "a01"),
            ("1", "a25", "a01"),
            ("2", "a14", ""),
            ("2", "a15", "a14")
        ]
    );
    let articles = std::fs::read_to_string(out.join("articles.csv")).expect("articles");
    let header: Vec<&str> = articles.lines().next().unwrap_or("").split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "duplicate_of")
        .expect("duplicate_of column");
    let a15 = articles
        .lines()
        .find(|l| l.starts_with("a15,"))
        .expect("a15 row");
    assert_eq!(a15.split(',').nth(col), Some("a14"));
    let report = std::fs::read_to_string(out.join("report.md")).expect("report");
    assert!(report.contains("### Page furniture") && report.contains("### Near-duplicates"));
    assert!(
        report.contains("**Warning:**"),
        "copies above 5% of a group are warned about"
    );

    // drop-within-group keeps one copy per cluster and group: a25 (right, after a13) and a15 go.
    analyze(&s, "within", &["--near-duplicates", "drop-within-group"]);
    let kept = |dir: &str| -> Vec<String> {
        csv_rows(&s.path().join(dir).join("articles.csv"))
            .into_iter()
            .map(|r| r[0].clone())
            .collect()
    };
    let within = kept("within");
    assert_eq!(within.len(), 34);
    assert!(!within.contains(&"a25".to_string()) && !within.contains(&"a15".to_string()));
    assert!(within.contains(&"a13".to_string()));
    analyze(&s, "drop", &["--near-duplicates", "drop"]);
    assert_eq!(kept("drop").len(), 33);

    // --furniture off keeps every line: no furniture, more tokens.
    analyze(&s, "off", &["--furniture", "off"]);
    let off = csv_rows(&s.path().join("off").join("boilerplate.csv"));
    assert!(off.is_empty());
}

#[test]
fn furniture_tables_do_not_depend_on_threads_or_shards() {
    let s = Scratch::new();
    write_corpus(&s.path().join("corpus.jsonl"));
    common::assert_thread_and_shard_stable(&s, &[], 2);
    // Parts surveyed differently do not merge.
    analyze(&s, "odd", &["--shard", "1/2", "--furniture", "off"]);
    let refused = s.run(&["merge", "--out", "bad", "shard-0", "odd"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("survey"), "{}", stderr(&refused));
}

#[test]
fn no_furniture_word_or_number_leads_the_distinctive_words_of_the_2k_subset() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let corpus = shared.join("corpora/article-bias-prediction/articles-2k.jsonl.gz");
    let s = Scratch::new();
    let corpus = corpus.to_string_lossy().into_owned();
    let run = s.run(&[
        "analyze",
        "--corpus",
        &corpus,
        "--group-by",
        "bias",
        "--out",
        "out",
        "--quiet",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let rows = csv_rows(&s.path().join("out/distinctive_words.csv"));
    let furniture = [
        "photos",
        "hide",
        "caption",
        "replay",
        "watched",
        "playback",
        "copyright",
        "image",
        "u",
        "s",
    ];
    let mut sides = std::collections::BTreeMap::<(String, String), Vec<String>>::new();
    for r in rows {
        // contrast, side, rank, word, ...
        sides
            .entry((r[0].clone(), r[1].clone()))
            .or_default()
            .push(r[3].clone());
    }
    assert_eq!(sides.len(), 6, "three contrasts of two sides");
    for (side, words) in sides {
        for w in words.iter().take(15) {
            assert!(
                !furniture.contains(&w.as_str()),
                "{side:?} lists {w:?}: {words:?}"
            );
            assert!(
                !w.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ','),
                "{side:?} lists the number {w:?}"
            );
        }
    }
}
