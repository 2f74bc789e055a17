//! The matching rules stated in `lexicons/README.md`, each on category files written as a user would,
//! and `framing lexicon check` on good and malformed files.

mod common;

use std::path::Path;

use framing::aggregate::FrameCount;
use framing::frames::{Lexicon, Matcher};

/// Writes `files` (name, TOML) into a fresh directory and loads it.
fn lexicon(files: &[(&str, &str)]) -> (tempfile::TempDir, Lexicon) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).expect("write category");
    }
    let lex = Lexicon::load_dir(dir.path()).expect("lexicon loads");
    (dir, lex)
}

fn category(name: &str, terms: &str) -> String {
    format!("name = \"{name}\"\ndefinition = \"Test category.\"\nterms = [{terms}]\n")
}

/// (category, matched text, negated) for every hit.
fn hits(lex: &Lexicon, text: &str) -> Vec<(String, String, bool)> {
    Matcher::new(lex)
        .find(text)
        .into_iter()
        .map(|h| {
            (
                lex.categories[h.category].name.clone(),
                text[h.span].to_string(),
                h.negated,
            )
        })
        .collect()
}

fn plain(cat: &str, matched: &str) -> (String, String, bool) {
    (cat.to_string(), matched.to_string(), false)
}

#[test]
fn case_insensitive_on_token_boundaries() {
    let (_d, lex) = lexicon(&[("a.toml", &category("a", "\"war\", \"so\""))]);
    assert_eq!(
        hits(&lex, "WAR, the warden said. War also so-called."),
        [plain("a", "WAR"), plain("a", "War"), plain("a", "so")]
    );
}

#[test]
fn longest_phrase_wins_and_its_words_are_not_counted_again() {
    let (_d, lex) = lexicon(&[(
        "g.toml",
        &category("g", "\"influence\", \"sphere of influence\", \"sphere\""),
    )]);
    assert_eq!(
        hits(
            &lex,
            "Iran's ‘sphere of influence’ grew, and so did its influence."
        ),
        [plain("g", "sphere of influence"), plain("g", "influence")]
    );
}

#[test]
fn globs_match_prefixes_suffixes_and_infixes() {
    let (_d, lex) = lexicon(&[(
        "c.toml",
        &category("c", "\"cleans*\", \"*militia*\", \"scorched earth\""),
    )]);
    assert_eq!(
        hits(
            &lex,
            "Towns were cleansed by paramilitias and militiamen in a scorched earth campaign."
        ),
        [
            plain("c", "cleansed"),
            plain("c", "paramilitias"),
            plain("c", "militiamen"),
            plain("c", "scorched earth")
        ]
    );
}

#[test]
fn hyphenated_and_possessive_forms_match_their_base_entry() {
    let (_d, lex) = lexicon(&[(
        "p.toml",
        &category("p", "\"iran\", \"assad\", \"scorched earth\""),
    )]);
    assert_eq!(
        hits(
            &lex,
            "Iran-backed forces defended Assad's scorched-earth strategy; Assad’s rule."
        ),
        [
            plain("p", "Iran"),
            plain("p", "Assad's"),
            plain("p", "scorched-earth"),
            plain("p", "Assad’s")
        ]
    );
}

#[test]
fn one_token_counts_for_several_categories() {
    let (_d, lex) = lexicon(&[
        ("law.toml", &category("law", "\"war crime*\"")),
        ("mil.toml", &category("mil", "\"war\"")),
    ]);
    assert_eq!(
        hits(&lex, "They denied war crimes."),
        [plain("law", "war crimes"), plain("mil", "war")]
    );
}

#[test]
fn exclude_phrases_block_matches_inside_them() {
    let (_d, lex) = lexicon(&[(
        "m.toml",
        "name = \"m\"\ndefinition = \"x\"\nterms = [{ term = \"good\", exclude = [\"good bye\", \"for good measure\"] }]\n",
    )]);
    assert_eq!(
        hits(
            &lex,
            "A good plan. Good bye, and for good measure, good luck."
        ),
        [plain("m", "good"), plain("m", "good")]
    );
}

#[test]
fn negated_hits_are_marked_within_three_tokens_of_their_clause() {
    let (_d, lex) = lexicon(&[(
        "v.toml",
        &category("v", "\"victory\", \"ceasefire\", \"aid\""),
    )]);
    let got = hits(
        &lex,
        "It was not a real victory. There is no ceasefire, aid arrived. They left without any aid. Victory, not defeat.",
    );
    let negated: Vec<(String, bool)> = got.into_iter().map(|(_, m, n)| (m, n)).collect();
    assert_eq!(
        negated,
        [
            ("victory".to_string(), true), // "not a real victory": negator three tokens back
            ("ceasefire".to_string(), true), // "no ceasefire"
            ("aid".to_string(), false),    // the comma ends the negator's clause
            ("aid".to_string(), true),     // "without any aid"
            ("Victory".to_string(), false), // a negator after the hit does not count
        ]
    );
    let (_d, lex) = lexicon(&[("v.toml", &category("v", "\"victory\""))]);
    assert!(hits(&lex, "It wasn't victory.")[0].2, "n't negates");
    assert!(
        !hits(&lex, "Not that it was then a victory.")[0].2,
        "four tokens back is out of reach"
    );
}

#[test]
fn categories_can_exclude_negated_hits_which_are_still_reported() {
    let (_d, lex) = lexicon(&[(
        "v.toml",
        "name = \"v\"\ndefinition = \"x\"\nexclude_negated = true\nterms = [\"victory\"]\n",
    )]);
    let found = Matcher::new(&lex).find("No victory yet, but victory soon.");
    let count = FrameCount::of(&found, &[0], &lex);
    assert_eq!((count.hits, count.negated), (1, 1));
}

#[test]
fn weights_and_parents_roll_up() {
    let (_d, lex) = lexicon(&[
        ("harm.toml", &category("harm", "\"harm\"")),
        (
            "civ.toml",
            "name = \"civilian_harm\"\ndefinition = \"x\"\nparent = \"harm\"\nterms = [{ term = \"civilians\", weight = 2.0 }]\n",
        ),
        ("loss.toml", "name = \"loss\"\ndefinition = \"x\"\nparent = \"damage\"\nterms = [\"ruins\"]\n"),
    ]);
    // "damage" is named as a parent without a file of its own: it is added, gathering its children.
    assert_eq!(lex.names(), ["civilian_harm", "damage", "harm", "loss"]);
    let found = Matcher::new(&lex).find("Harm to civilians left the town in ruins.");
    let rollup = lex.rollup();
    let harm = FrameCount::of(&found, &rollup[lex.index_of("harm").unwrap_or(0)], &lex);
    assert_eq!((harm.hits, harm.weight), (2, 3.0));
    let damage = FrameCount::of(&found, &rollup[lex.index_of("damage").unwrap_or(0)], &lex);
    assert_eq!(damage.hits, 1);
}

#[test]
fn parent_cycles_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.toml"),
        "name = \"a\"\ndefinition = \"x\"\nparent = \"b\"\nterms = [\"x\"]\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("b.toml"),
        "name = \"b\"\ndefinition = \"x\"\nparent = \"a\"\nterms = [\"y\"]\n",
    )
    .expect("write");
    let err = Lexicon::load_dir(dir.path()).expect_err("cycle");
    assert!(err.to_string().contains("parent cycle"), "{err}");
}

/// Runs `framing lexicon check DIR` and returns (exit code, stdout + stderr).
fn check(dir: &Path) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_framing"))
        .args(["lexicon", "check"])
        .arg(dir)
        .current_dir(common::repo())
        .output()
        .expect("run framing");
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn lexicon_check_accepts_the_shipped_lexicon() {
    let (code, text) = check(&common::repo().join("lexicons/frames"));
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("ok: 10 categories"), "{text}");
}

#[test]
fn lexicon_check_names_file_line_and_fix_for_each_error() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("unknown key", "name = \"a\"\ndefinition = \"x\"\ncolour = \"#ffffff\"\nterms = [\"x\"]\n", &["bad.toml:3", "colour"]),
        ("empty term", "name = \"a\"\ndefinition = \"x\"\nterms = [\n  \"ok\",\n  \"  \",\n]\n", &["bad.toml:5", "empty term"]),
        ("bad glob", "name = \"a\"\ndefinition = \"x\"\nterms = [\"war\", \"**\"]\n", &["bad.toml:3", "only `*`"]),
        ("bad character", "name = \"a\"\ndefinition = \"x\"\nterms = [\"war!\"]\n", &["bad.toml:3", "contains '!'"]),
        ("bad name", "name = \"Bad Name\"\ndefinition = \"x\"\nterms = [\"x\"]\n", &["bad.toml:1", "a-z, 0-9 and _"]),
        ("bad weight", "name = \"a\"\ndefinition = \"x\"\nterms = [{ term = \"x\", weight = -1 }]\n", &["bad.toml:3", "positive"]),
        ("short exclude", "name = \"a\"\ndefinition = \"x\"\nterms = [{ term = \"good day\", exclude = [\"good\"] }]\n", &["bad.toml:3", "longer"]),
        ("missing terms", "name = \"a\"\ndefinition = \"x\"\n", &["bad.toml", "terms"]),
        ("not toml", "name = \"a\ndefinition\n", &["bad.toml:1"]),
    ];
    for (what, body, expected) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("bad.toml"), body).expect("write");
        let (code, text) = check(dir.path());
        assert_eq!(code, Some(1), "{what}: {text}");
        assert!(!text.contains("panicked"), "{what}: {text}");
        for e in *expected {
            assert!(text.contains(e), "{what}: expected {e:?} in\n{text}");
        }
    }
    // A duplicate category name across two files names both files.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("one.toml"), category("same", "\"x\"")).expect("write");
    std::fs::write(dir.path().join("two.toml"), category("same", "\"y\"")).expect("write");
    let (code, text) = check(dir.path());
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("duplicate category name \"same\"")
            && text.contains("one.toml")
            && text.contains("two.toml"),
        "{text}"
    );
}

#[test]
fn lexicon_check_warns_about_duplicates_shared_terms_and_broad_globs() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.toml"),
        category("a", "\"war\", \"War\", \"t*\""),
    )
    .expect("write");
    std::fs::write(dir.path().join("b.toml"), category("b", "\"war\"")).expect("write");
    let (code, text) = check(dir.path());
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("\"War\" appears more than once in category a"),
        "{text}"
    );
    assert!(
        text.contains("\"war\" is in several categories (a, b)"),
        "{text}"
    );
    assert!(text.contains("glob \"t*\" in category a matches"), "{text}");
}
