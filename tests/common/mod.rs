//! Helpers shared by the end-to-end tests: a scratch copy of the project's corpus and lexicons, and a way
//! to run the real `framing` binary on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Root of the repository.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch directory holding copies of `data/` and `lexicons/`, removed when dropped.
pub struct Scratch {
    pub dir: tempfile::TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&repo().join("data"), &dir.path().join("data"));
        copy_dir(&repo().join("lexicons"), &dir.path().join("lexicons"));
        Scratch { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `framing ARGS` with the scratch directory as working directory.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_env(args, &[])
    }

    /// Runs `framing ARGS` with extra environment variables.
    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_framing"));
        cmd.args(args).current_dir(self.path());
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("run framing")
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Every file of a directory with its bytes, sorted by name.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("read output")
        .map(|e| {
            let e = e.expect("entry");
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

/// Runs `framing analyze` on `corpus.jsonl` in the scratch directory, grouped by bias, writing `out`,
/// with `extra` arguments and `env` variables; asserts that it succeeds and returns its output.
pub fn analyze_corpus(s: &Scratch, out: &str, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let mut args = vec![
        "analyze",
        "--corpus",
        "corpus.jsonl",
        "--group-by",
        "bias",
        "--out",
        out,
    ];
    args.extend(extra);
    let run = s.run_env(&args, env);
    assert!(run.status.success(), "{}", stderr(&run));
    run
}

/// Checks that `analyze_corpus` with `extra` writes the same tables at 1 and 2 threads (in `1` and `2`)
/// and after `--shard I/N` runs (in `shard-I`) and `framing merge` (in `merged`).
pub fn assert_thread_and_shard_stable(s: &Scratch, extra: &[&str], shards: usize) {
    let quiet: Vec<&str> = extra.iter().copied().chain(["--quiet"]).collect();
    for threads in ["1", "2"] {
        let env = [
            ("RAYON_NUM_THREADS", threads),
            ("POLARS_MAX_THREADS", threads),
        ];
        analyze_corpus(s, threads, &quiet, &env);
    }
    assert_same_tables(&s.path().join("1"), &s.path().join("2"), "1 and 2 threads");
    let mut dirs = Vec::new();
    for i in 0..shards {
        let (dir, shard) = (format!("shard-{i}"), format!("{i}/{shards}"));
        let args: Vec<&str> = quiet
            .iter()
            .copied()
            .chain(["--shard", shard.as_str()])
            .collect();
        analyze_corpus(s, &dir, &args, &[]);
        dirs.push(dir);
    }
    let mut args = vec!["merge", "--out", "merged", "--quiet"];
    args.extend(dirs.iter().map(String::as_str));
    let merged = s.run(&args);
    assert!(merged.status.success(), "{}", stderr(&merged));
    assert_same_tables(
        &s.path().join("merged"),
        &s.path().join("1"),
        "shard + merge",
    );
}

/// A CSV table as maps from column name to value, one per row (no quoted commas).
pub fn csv_maps(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("table");
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split(',')
        .map(String::from)
        .collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(l.split(',').map(String::from))
                .collect()
        })
        .collect()
}

/// The tables (`.csv`, `.parquet`) of an output directory with their bytes, sorted by name.
pub fn tables(dir: &Path) -> Vec<(String, Vec<u8>)> {
    snapshot(dir)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".csv") || name.ends_with(".parquet"))
        .collect()
}

/// Asserts that two output directories hold the same tables, byte for byte.
pub fn assert_same_tables(got: &Path, want: &Path, what: &str) {
    let (got, want) = (tables(got), tables(want));
    assert_eq!(got.len(), want.len(), "{what}: same tables");
    for ((name, bytes), (want_name, expected)) in got.iter().zip(&want) {
        assert_eq!(name, want_name);
        assert!(bytes == expected, "{name} differs ({what})");
    }
}

/// The shared evaluation material, or None (with a clear message) when it is absent.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("FRAMING_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared"));
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: {} not found (set FRAMING_SHARED)", dir.display());
        None
    }
}
