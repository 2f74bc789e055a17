//! Distinctive and key words are words: pure numbers and single letters stay in `word_counts` but are
//! not listed among the distinctive or key words unless `--all-words` asks for them.

mod common;

/// The `word` column of a table the run wrote.
fn words(dir: &std::path::Path, table: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join(format!("output/{table}.csv"))).expect("table");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let w = header
        .iter()
        .position(|h| *h == "word")
        .expect("a word column");
    lines
        .map(|l| l.split(',').nth(w).unwrap_or("").to_string())
        .collect()
}

fn is_number_or_letter(w: &str) -> bool {
    w.chars().count() == 1 || w.chars().all(|c| c.is_ascii_digit())
}

#[test]
fn numbers_and_single_letters_are_not_listed_unless_asked() {
    let scratch = common::Scratch::new();
    let out = scratch.run(&["analyze", "--quiet"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    for table in ["distinctive_words", "keyness"] {
        let listed = words(scratch.path(), table);
        assert!(!listed.is_empty(), "{table} lists words");
        let bad: Vec<&String> = listed.iter().filter(|w| is_number_or_letter(w)).collect();
        assert!(bad.is_empty(), "{table} lists {bad:?}");
    }
    // They are still counted.
    let counted = words(scratch.path(), "word_counts");
    assert!(
        counted.iter().any(|w| w == "2015"),
        "word_counts keeps numbers"
    );
    assert!(
        counted.iter().any(|w| w == "a"),
        "word_counts keeps single letters"
    );

    let out = scratch.run(&["analyze", "--quiet", "--all-words"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let listed = words(scratch.path(), "keyness");
    assert!(
        listed.iter().any(|w| is_number_or_letter(w)),
        "--all-words lists them"
    );
}
