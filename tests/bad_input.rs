//! Bad input gets one readable message naming the file (and line), a non-zero exit, no panic, and leaves
//! the previous `output/` exactly as it was.

mod common;

use std::path::Path;

use common::{snapshot, stderr, Scratch};

/// Runs a good analysis first, breaks something with `breakage`, runs `args`, and checks the failure.
fn fails_cleanly(breakage: impl FnOnce(&Path), args: &[&str], expected: &[&str]) {
    let s = Scratch::new();
    let first = s.run(&["analyze"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&s.path().join("output"));
    breakage(s.path());
    let out = s.run(args);
    let message = stderr(&out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code for {args:?}: {message}"
    );
    assert!(!message.contains("panicked"), "panic: {message}");
    for e in expected {
        assert!(message.contains(e), "message lacks {e:?}:\n{message}");
    }
    assert!(
        snapshot(&s.path().join("output")) == before,
        "output/ changed"
    );
    let leftovers: Vec<_> = std::fs::read_dir(s.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".output"))
        .collect();
    assert!(leftovers.is_empty(), "staging directories left behind");
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).expect("write");
}

const WIRE: &str = "data/004_d5acae6dd57a4709.txt";

#[test]
fn missing_data_directory() {
    fails_cleanly(
        |_| {},
        &["analyze", "--data", "nowhere"],
        &["nowhere", "corpus not found", "--data"],
    );
}

#[test]
fn missing_manifest() {
    // Without its manifest, data/ is a folder of .txt files, which has no genre to group by.
    fails_cleanly(
        |p| std::fs::remove_file(p.join("data/corpus.toml")).expect("rm"),
        &["analyze"],
        &[
            "data: no article has the field \"genre\"",
            "metadata.csv",
            "--name-fields",
        ],
    );
    // With neither a manifest nor text files, there is no corpus.
    fails_cleanly(
        |p| {
            for entry in std::fs::read_dir(p.join("data")).expect("list") {
                std::fs::remove_file(entry.expect("entry").path()).expect("rm");
            }
        },
        &["analyze"],
        &["corpus.toml", "corpus not found", ".txt files"],
    );
}

#[test]
fn missing_article_file() {
    fails_cleanly(
        |p| std::fs::remove_file(p.join(WIRE)).expect("rm"),
        &["analyze"],
        &["004_d5acae6dd57a4709.txt", "does not exist", "afp-wire"],
    );
}

#[test]
fn empty_article() {
    fails_cleanly(
        |p| std::fs::write(p.join(WIRE), " \n\n ").expect("write"),
        &["analyze"],
        &["004_d5acae6dd57a4709.txt", "is empty"],
    );
}

#[test]
fn invalid_utf8_article() {
    fails_cleanly(
        |p| {
            let mut bytes = std::fs::read(p.join(WIRE)).expect("read");
            bytes.extend_from_slice(b"\nCaf\xe9 au lait\n");
            std::fs::write(p.join(WIRE), bytes).expect("write");
        },
        &["analyze"],
        &["004_d5acae6dd57a4709.txt", "invalid UTF-8", "line 57"],
    );
}

#[test]
fn unknown_genre() {
    fails_cleanly(
        |p| {
            edit(
                &p.join("data/corpus.toml"),
                "genre = \"wire\"",
                "genre = \"poetry\"",
            )
        },
        &["analyze"],
        &["corpus.toml:", "unknown genre \"poetry\"", "opinion"],
    );
}

#[test]
fn malformed_manifest_names_line() {
    fails_cleanly(
        |p| {
            edit(
                &p.join("data/corpus.toml"),
                "outlet = \"AFP\"",
                "outlet = AFP",
            )
        },
        &["analyze"],
        &["corpus.toml:18", "invalid string"],
    );
}

#[test]
fn malformed_lexicon_names_file_and_line() {
    fails_cleanly(
        |p| {
            std::fs::write(
                p.join("lexicons/frames/broken.toml"),
                "name = \"broken\"\ndefinition = \"x\"\nterms = [\"ok\",\n  \"\",\n]\n",
            )
            .expect("write")
        },
        &["analyze"],
        &["broken.toml:4", "empty term"],
    );
}

#[test]
fn lexicon_with_unknown_key_names_file_and_line() {
    fails_cleanly(
        |p| {
            std::fs::write(
                p.join("lexicons/frames/typo.toml"),
                "name = \"typo\"\ndefinition = \"x\"\ntrems = [\"ok\"]\n",
            )
            .expect("write")
        },
        &["analyze"],
        &["typo.toml:", "terms"],
    );
}

#[test]
fn duplicate_category() {
    fails_cleanly(
        |p| {
            std::fs::copy(
                p.join("lexicons/frames/humanitarian.toml"),
                p.join("lexicons/frames/zz_copy.toml"),
            )
            .expect("copy");
        },
        &["analyze"],
        &[
            "zz_copy.toml",
            "duplicate category name \"humanitarian\"",
            "humanitarian.toml",
        ],
    );
}

#[test]
fn unwritable_output_directory() {
    // A path below a regular file cannot be created, even by root (permission bits would not stop root).
    fails_cleanly(
        |_| {},
        &["analyze", "--out", "data/corpus.toml/out"],
        &["corpus.toml", "cannot write", "--out"],
    );
}

#[test]
fn refuses_to_replace_a_directory_it_did_not_create() {
    fails_cleanly(
        |_| {},
        &["analyze", "--out", "data"],
        &["data", "not written by framing", "refusing"],
    );
}

#[test]
fn unknown_group_field() {
    fails_cleanly(
        |_| {},
        &["analyze", "--group-by", "colour"],
        &["colour", "--group-by", "genre"],
    );
}
