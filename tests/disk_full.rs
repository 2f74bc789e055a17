//! A full disk loses nothing (issue 20): `analyze`, `merge` and `validate labels` whose output cannot be
//! written whole fail with a message naming the file they could not write, leave the previous output
//! exactly as it was and leave no staging directory. The disk is filled by a file-size limit
//! (`ulimit -f`, with SIGXFSZ ignored so that a write past it fails with EFBIG as on a full disk), which
//! needs no mount and no privileges.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{snapshot, stderr, Scratch};

/// Runs `framing ARGS` in `dir` with files limited to `kib` KiB.
fn limited(dir: &Path, kib: u64, args: &[&str]) -> Output {
    Command::new("bash")
        .arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f {kib}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_framing"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run framing under bash")
}

/// Runs `args` (which write `out`) under limits small enough to stop a table and a chart, and checks
/// each failure.
fn fails_whole(s: &Scratch, out: &str, args: &[&str], limits: &[(u64, &str)]) {
    let run = s.run(args);
    assert!(run.status.success(), "{}", stderr(&run));
    let before = snapshot(&s.path().join(out));
    for &(kib, file) in limits {
        let run = limited(s.path(), kib, args);
        let message = stderr(&run);
        assert_eq!(
            run.status.code(),
            Some(1),
            "{args:?} at {kib} KiB: {message}"
        );
        assert!(!message.contains("panicked"), "{message}");
        assert!(
            message.contains(file) && message.contains("cannot write") && message.contains("full"),
            "{args:?} at {kib} KiB names {file}: {message}"
        );
        assert!(snapshot(&s.path().join(out)) == before, "{out} changed");
        let staging: Vec<String> = std::fs::read_dir(s.path())
            .expect("list")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(&format!(".{out}.")))
            .collect();
        assert!(staging.is_empty(), "left behind: {staging:?}");
    }
}

#[test]
fn analyze_on_a_full_disk_fails_naming_the_file_and_keeps_the_previous_output() {
    let s = Scratch::new();
    // 2 KiB stops the sentence table; 200 KiB the first large chart.
    fails_whole(
        &s,
        "out",
        &["analyze", "--out", "out", "--quiet"],
        &[(2, "sentences.csv"), (200, ".png")],
    );
}

#[test]
fn merge_on_a_full_disk_fails_naming_the_file_and_keeps_the_previous_output() {
    let s = Scratch::new();
    for i in 0..2 {
        let (out, spec) = (format!("p{i}"), format!("{i}/2"));
        let run = s.run(&["analyze", "--out", &out, "--shard", &spec, "--quiet"]);
        assert!(run.status.success(), "{}", stderr(&run));
    }
    fails_whole(
        &s,
        "merged",
        &["merge", "p0", "p1", "--out", "merged", "--quiet"],
        &[(2, "sentences.csv"), (200, ".png")],
    );
}

#[test]
fn validate_on_a_full_disk_fails_naming_the_file_and_keeps_the_previous_output() {
    let s = Scratch::new();
    let mut records = String::new();
    for i in 0..60 {
        let (text, label) = if i % 2 == 0 {
            (
                "Troops shelled the town and the army advanced.",
                "military_security",
            )
        } else {
            (
                "Families fled the fighting and sought shelter and aid.",
                "humanitarian",
            )
        };
        records.push_str(&format!(
            "{{\"id\":\"r{i}\",\"text\":\"{text}\",\"frame\":\"{label}\"}}\n"
        ));
    }
    std::fs::write(s.path().join("labelled.jsonl"), records).expect("write labels");
    fails_whole(
        &s,
        "validation",
        &[
            "validate",
            "labels",
            "labelled.jsonl",
            "--out",
            "validation",
            "--replicates",
            "50",
        ],
        &[(0, ".csv")],
    );
}
