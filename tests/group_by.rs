//! `--group-by` with one, two and three groups: one group has nothing to compare, two give a − b, three
//! or more give each group against the rest.

mod common;

use common::{stderr, Scratch};

fn read(s: &Scratch, file: &str) -> String {
    std::fs::read_to_string(s.path().join("output").join(file)).expect(file)
}

/// Contrast labels found in a statistics table.
fn contrasts(csv: &str) -> Vec<String> {
    let mut seen: Vec<String> = csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next().map(str::to_string))
        .collect();
    seen.dedup();
    seen
}

#[test]
fn one_group_runs_with_nothing_to_compare() {
    let s = Scratch::new();
    let manifest = s.path().join("data/corpus.toml");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    std::fs::write(
        &manifest,
        text.replace("genre = ", "desk = \"world\"\ngenre = "),
    )
    .expect("write");
    let out = s.run(&["analyze", "--group-by", "desk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(contrasts(&read(&s, "sentiment_tests.csv")).is_empty());
    assert_eq!(
        read(&s, "groups.csv").lines().count(),
        2,
        "header and one group"
    );
    assert!(
        read(&s, "report.md").contains("one group"),
        "the report says so"
    );
}

#[test]
fn two_groups_compare_first_minus_second() {
    let s = Scratch::new();
    let out = s.run(&["analyze"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        contrasts(&read(&s, "sentiment_tests.csv")),
        ["opinion vs wire"]
    );
    assert_eq!(
        contrasts(&read(&s, "frame_differences.csv")),
        ["opinion vs wire"]
    );
}

#[test]
fn three_groups_compare_each_with_the_rest() {
    let s = Scratch::new();
    std::fs::write(
        s.path().join("data/feature.txt"),
        "Life returns to the market\n\nTraders reopened their stalls on Sunday. Children played in the square.\n\n\"We are tired of war,\" said Samir Haddad, a baker. \"We want bread and peace.\"\n\nThe ceasefire has held for a week.",
    )
    .expect("write article");
    let manifest = s.path().join("data/corpus.toml");
    let mut text = std::fs::read_to_string(&manifest).expect("manifest");
    text.push_str("\n[[article]]\nid = \"feature\"\nfile = \"feature.txt\"\noutlet = \"Test\"\ngenre = \"feature\"\ntitle = \"Life returns to the market\"\n");
    std::fs::write(&manifest, text).expect("write manifest");
    let out = s.run(&["analyze", "--group-by", "genre"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        contrasts(&read(&s, "sentiment_tests.csv")),
        ["feature vs rest", "opinion vs rest", "wire vs rest"]
    );
    assert_eq!(contrasts(&read(&s, "distinctive_words.csv")).len(), 3);
    // Grouping by outlet (three outlets) works the same way.
    let out = s.run(&["analyze", "--group-by", "outlet"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(contrasts(&read(&s, "sentiment_tests.csv")).len(), 3);
}
