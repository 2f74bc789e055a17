//! The binary on its own, as `cargo install` leaves it: copied out of the build tree and run from an empty
//! directory, with no `lexicons/` anywhere near, it still finds its built-in lexicon sets.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A copy of the built binary in its own directory, and an empty working directory.
fn installed() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let root = tempfile::tempdir().expect("temp dir");
    let bin = root.path().join("bin");
    let work = root.path().join("work");
    std::fs::create_dir_all(&bin).unwrap();
    std::fs::create_dir_all(&work).unwrap();
    let exe = bin.join("framing");
    std::fs::copy(env!("CARGO_BIN_EXE_framing"), &exe).expect("copy the binary");
    (root, exe, work)
}

fn run(exe: &Path, work: &Path, args: &[&str]) -> Output {
    // A test running beside this one may fork while the copy's write handle is still open in the
    // child, and executing the copy then fails with "text file busy" until that child has exec'd.
    for _ in 0..100 {
        match Command::new(exe).args(args).current_dir(work).output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy => {
                std::thread::sleep(std::time::Duration::from_millis(50))
            }
            result => return result.expect("run framing"),
        }
    }
    panic!("{}: still busy after 5 s", exe.display())
}

#[test]
fn built_in_sets_are_listed_and_used_outside_a_checkout() {
    let (_root, exe, work) = installed();
    let out = run(&exe, &work, &["lexicon", "list"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let listing = String::from_utf8_lossy(&out.stdout);
    for set in ["frames", "generic", "policy", "sentiment"] {
        assert!(listing.contains(set), "{set} not listed:\n{listing}");
    }
    let out = run(&exe, &work, &["lexicon", "list", "policy"]);
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(listing.contains("legality_constitutionality"), "{listing}");

    // `framing score` with the default lexicons (lexicons/frames is absent here: the built-in set answers).
    let input = work.join("in.jsonl");
    std::fs::write(&input, "{\"text\": \"Civilians fled the shelling.\"}\n").unwrap();
    let out = run(&exe, &work, &["score", "--input", "in.jsonl"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let line = String::from_utf8_lossy(&out.stdout);
    assert!(line.contains("\"humanitarian\":2"), "{line}");

    // A name that is neither a folder nor a built-in set is an error naming both choices.
    let out = run(
        &exe,
        &work,
        &["score", "--input", "in.jsonl", "--lexicons", "nosuch"],
    );
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(err.contains("nosuch") && err.contains("policy"), "{err}");
}

#[test]
fn analyze_runs_from_an_empty_directory_with_a_built_in_set() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let (_root, exe, work) = installed();
    let corpus = shared.join("corpora/article-bias-prediction/articles-2k.jsonl.gz");
    let corpus = corpus.to_str().expect("UTF-8 path");
    let out = run(
        &exe,
        &work,
        &[
            "analyze",
            "--corpus",
            corpus,
            "--group-by",
            "bias",
            "--lexicons",
            "policy",
            "--quiet",
        ],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    let frames = std::fs::read_to_string(work.join("output/frames.csv")).expect("frames table");
    assert!(
        frames.contains("crime_punishment"),
        "policy categories in the tables"
    );
    let report = std::fs::read_to_string(work.join("output/report.md")).expect("report");
    assert!(
        report.contains("built-in:policy/economic.toml"),
        "the manifest names the built-in set"
    );
}
