//! Replays the fuzz targets' inputs (fuzz/README.md): every committed seed, and every input a fuzzer
//! found to crash (fuzz/regressions/TARGET/), through the same calls the targets make. Each must
//! return (an error is fine) without panicking, so a fixed crash stays fixed without the fuzzer.

use std::path::{Path, PathBuf};

use framing::corpus::records::{load_file as load_corpus, FieldMap};
use framing::frames::load::load_file as load_lexicon;
use framing::frames::{Lexicon, Matcher};

/// The inputs of `target`: its seeds and its regressions, sorted.
fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files: Vec<PathBuf> = ["seeds", "regressions"]
        .iter()
        .filter_map(|kind| std::fs::read_dir(fuzz.join(kind).join(target)).ok())
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs `each` on the bytes of every input of `target` and whether it is a seed (seeds are valid
/// inputs, so they must load), saying which input it is if one panics.
fn replay(target: &str, mut each: impl FnMut(&[u8], bool)) {
    let files = inputs(target);
    assert!(
        files
            .iter()
            .any(|f| f.to_string_lossy().contains("/seeds/")),
        "fuzz/seeds/{target} has no seed"
    );
    for file in &files {
        let data = std::fs::read(file).expect("a committed input is readable");
        eprintln!("{target}: {}", file.display());
        each(&data, file.to_string_lossy().contains("/seeds/"));
    }
}

/// `data` written as a file with extension `ext` in a fresh folder (the loaders read by path).
fn as_file(dir: &tempfile::TempDir, data: &[u8], ext: &str) -> PathBuf {
    let path = dir.path().join(format!("input.{ext}"));
    std::fs::write(&path, data).expect("temporary file");
    path
}

#[test]
fn segmenter_inputs() {
    replay("segment_text", |data, _| {
        let text = String::from_utf8_lossy(data);
        for (standfirst, no_headline) in [(false, false), (true, true)] {
            for unit in framing::segment::unit_records(&text, standfirst, no_headline) {
                assert!(text.get(unit.start..unit.end).is_some());
            }
        }
    });
}

#[test]
fn score_and_segment_json_lines() {
    let scorer = framing::cli::LexiconPaths {
        lexicons: "frames".into(),
        sentiment_lexicons: "sentiment".into(),
    }
    .scorer()
    .expect("built-in lexicons");
    replay("score_jsonl", |data, seed| {
        let mut out = Vec::new();
        let result = framing::cli::score_reader(&scorer, "input", data, &mut out);
        assert!(result.is_ok() || !seed, "{result:?}");
        if seed {
            assert_eq!(
                out.iter().filter(|&&b| b == b'\n').count(),
                3,
                "one line out per line in"
            );
        }
    });
    replay("segment_jsonl", |data, seed| {
        let result = framing::cli::segment_reader("input", data, std::io::sink(), false, false);
        assert!(result.is_ok() || !seed, "{result:?}");
    });
}

#[test]
fn corpus_readers() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let fields = FieldMap::default();
    for ext in ["jsonl", "csv", "parquet"] {
        replay(&format!("corpus_{ext}"), |data, seed| {
            let result = load_corpus(&as_file(&dir, data, ext), &fields);
            if seed {
                let (articles, _) = result.expect("a seed corpus loads");
                assert!(articles.len() >= 2, "{ext}: {} articles", articles.len());
            }
        });
    }
}

#[test]
fn lexicon_loaders() {
    let dir = tempfile::tempdir().expect("temporary folder");
    for ext in ["toml", "dic", "yaml"] {
        replay(&format!("lexicon_{ext}"), |data, seed| {
            let loaded = load_lexicon(&as_file(&dir, data, ext));
            assert!(loaded.is_ok() || !seed, "{loaded:?}");
            if let Ok(categories) = loaded {
                if let Ok(lexicon) = Lexicon::from_categories(categories) {
                    let _ = Matcher::new(&lexicon).find("The war, the peace and U.S. aid.");
                }
            }
        });
    }
}
