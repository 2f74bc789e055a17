//! Corpora that leave nothing, or only one voice, to score still give a complete output instead of a
//! failed join: every article of one template is page furniture, so no sentence is scored.

use std::process::Command;

#[test]
fn a_corpus_whose_every_sentence_is_furniture_still_writes_its_tables() {
    let dir = tempfile::tempdir().unwrap();
    let mut corpus = String::new();
    for i in 0..40 {
        corpus.push_str(&format!(
            "{{\"id\": \"a{i}\", \"side\": \"{}\", \"text\": \"The army attacked the town on day {i}. Talks are planned for week {i}.\"}}\n",
            if i % 2 == 0 { "x" } else { "y" }
        ));
    }
    std::fs::write(dir.path().join("c.jsonl"), corpus).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_framing"))
        .args([
            "analyze",
            "--corpus",
            "c.jsonl",
            "--fields",
            "side",
            "--group-by",
            "side",
        ])
        .args(["--out", "out"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    // The summary line says so (on stderr, with the progress).
    assert!(stderr.contains("0 scored sentences"), "{stderr}");
    let articles = std::fs::read_to_string(dir.path().join("out/articles.csv")).unwrap();
    assert_eq!(articles.lines().count(), 41);
    let voices = std::fs::read_to_string(dir.path().join("out/group_voices.csv")).unwrap();
    assert!(voices.starts_with("group,voice_side,"), "{voices}");
    let boilerplate = std::fs::read_to_string(dir.path().join("out/boilerplate.csv")).unwrap();
    assert!(boilerplate.contains("learned"), "{boilerplate}");
}
