//! Nothing lost when a run dies (issue 20): `framing analyze` killed at random moments leaves the
//! previous output or the complete new one at `--out`, never a mix and never nothing; the next run
//! tidies what the killed one left; a previous output stranded by a run killed between two renames is
//! put back; and a second run on the same `--out` stops with a clear message while the first holds it.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{shared_dir, snapshot, stderr, Scratch};

/// `framing analyze` of the 2k subset into `out`, with a bootstrap seed that makes its output its own.
fn analyze(s: &Scratch, corpus: &Path, seed: u64) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_framing"));
    cmd.current_dir(s.path())
        .args(["analyze", "--corpus"])
        .arg(corpus)
        .args(["--group-by", "bias", "--out", "out", "--quiet", "--seed"])
        .arg(seed.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// The 2k subset of ../shared, or None (with a message saying the test is skipped).
fn subset_2k() -> Option<std::path::PathBuf> {
    let corpus = shared_dir()?.join("corpora/article-bias-prediction/articles-2k.jsonl.gz");
    if !corpus.is_file() {
        eprintln!("SKIPPED: {} not found", corpus.display());
        return None;
    }
    Some(corpus)
}

/// What runs leave beside `out` in `dir`, other than the output and its lock.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut left: Vec<String> = std::fs::read_dir(dir)
        .expect("read scratch")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.") && n != ".out.lock")
        .collect();
    left.sort();
    left
}

#[test]
fn a_run_killed_at_thirty_random_moments_leaves_one_whole_output() {
    let Some(corpus) = subset_2k() else { return };
    let s = Scratch::new();
    let out = s.path().join("out");
    // The two complete outputs, and how long a whole run takes.
    let mut outputs = Vec::new();
    let mut longest = Duration::ZERO;
    for seed in [1, 2] {
        let start = Instant::now();
        let status = analyze(&s, &corpus, seed).status().expect("run framing");
        assert!(status.success(), "the run with seed {seed} succeeds");
        longest = longest.max(start.elapsed());
        outputs.push(snapshot(&out));
    }
    assert_ne!(
        outputs[0], outputs[1],
        "the two seeds give different outputs"
    );
    // `out` now holds seed 2's output; every run writes the other seed's.
    let mut current = 1;
    // A fixed linear congruential sequence: the same thirty moments on every run of the test, spread
    // over the whole run and a little beyond (reading, scoring, writing tables and charts, renaming).
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let (mut before, mut after) = (0, 0);
    for kill in 0..30 {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let uniform = (state >> 11) as f64 / (1u64 << 53) as f64;
        // Every other moment falls in the last part of the run, where tables and charts are written
        // and the output renamed.
        let fraction = if kill % 2 == 0 {
            1.1 * uniform
        } else {
            0.7 + 0.4 * uniform
        };
        let delay = longest.mul_f64(fraction);
        let next = 1 - current;
        let mut child = analyze(&s, &corpus, next as u64 + 1)
            .spawn()
            .expect("start framing");
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&out);
        if now == outputs[current] {
            before += 1;
        } else if now == outputs[next] {
            after += 1;
            current = next;
        } else {
            panic!(
                "kill {kill} after {delay:?}: --out holds neither the previous output nor the new one ({} files)",
                now.len()
            );
        }
    }
    eprintln!("30 kills: {before} left the previous output, {after} the new one");
    // The next run succeeds, and nothing of the killed runs is left beside the output.
    let next = 1 - current;
    let status = analyze(&s, &corpus, next as u64 + 1)
        .status()
        .expect("run framing");
    assert!(status.success());
    assert_eq!(snapshot(&out), outputs[next]);
    assert_eq!(leftovers(s.path()), Vec::<String>::new());
}

/// The id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("run true");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

#[test]
fn a_previous_output_stranded_between_two_renames_is_put_back() {
    let s = Scratch::new();
    let run = s.run(&["analyze", "--out", "out", "--quiet"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let previous = snapshot(&s.path().join("out"));
    // A run killed after renaming the old output aside and before renaming its own into place, as
    // where the system cannot swap the two in one step; and its staging directory, half written.
    let pid = dead_pid();
    std::fs::rename(
        s.path().join("out"),
        s.path().join(format!(".out.old-{pid}")),
    )
    .expect("strand the output");
    let staging = s.path().join(format!(".out.tmp-{pid}"));
    std::fs::create_dir(&staging).expect("staging");
    std::fs::write(staging.join("sentences.csv"), "article_id,gr").expect("half a table");
    // The next run to prepare this output puts the previous one back before anything else, and
    // removes the half-written staging: a run that then fails leaves the previous output in place.
    let staging = framing::output::Staging::prepare(&s.path().join("out")).expect("prepare");
    assert_eq!(snapshot(&s.path().join("out")), previous);
    assert_eq!(
        leftovers(s.path()),
        vec![format!(".out.tmp-{}", std::process::id())]
    );
    drop(staging);
    assert_eq!(leftovers(s.path()), Vec::<String>::new());
    // Stranded again, a whole run of the command line succeeds and leaves nothing beside the output.
    std::fs::rename(
        s.path().join("out"),
        s.path().join(format!(".out.old-{pid}")),
    )
    .expect("strand the output");
    let run = s.run(&["analyze", "--out", "out", "--quiet"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(snapshot(&s.path().join("out")), previous);
    assert_eq!(leftovers(s.path()), Vec::<String>::new());
}

#[test]
fn a_second_run_on_the_same_output_stops_while_the_first_holds_it() {
    let s = Scratch::new();
    let run = s.run(&["analyze", "--out", "out", "--quiet"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let previous = snapshot(&s.path().join("out"));
    // This test holds the output as a running `framing analyze` would.
    let held = framing::output::Staging::prepare(&s.path().join("out")).expect("prepare");
    let second = s.run(&["analyze", "--out", "out", "--quiet"]);
    assert!(!second.status.success());
    let message = stderr(&second);
    assert!(
        message.contains("another framing run is writing this output")
            && message.contains(".out.lock"),
        "{message}"
    );
    assert_eq!(snapshot(&s.path().join("out")), previous);
    // Released when its holder ends, however it ends.
    drop(held);
    let third = s.run(&["analyze", "--out", "out", "--quiet"]);
    assert!(third.status.success(), "{}", stderr(&third));
    assert_eq!(snapshot(&s.path().join("out")), previous);
}

#[test]
fn two_runs_at_once_on_one_output_give_one_runs_whole_output() {
    let Some(corpus) = subset_2k() else { return };
    let s = Scratch::new();
    // Each seed's output, written alone (in a scratch copy of its own, to the same relative --out).
    let alone: Vec<_> = [1u64, 2]
        .iter()
        .map(|&seed| {
            let own = Scratch::new();
            let status = analyze(&own, &corpus, seed).status().expect("run framing");
            assert!(status.success());
            snapshot(&own.path().join("out"))
        })
        .collect();
    let runs: Vec<_> = [1u64, 2]
        .iter()
        .map(|&seed| {
            analyze(&s, &corpus, seed)
                .stderr(Stdio::piped())
                .spawn()
                .expect("start framing")
        })
        .collect();
    let results: Vec<_> = runs
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait"))
        .collect();
    let won: Vec<usize> = (0..2).filter(|&i| results[i].status.success()).collect();
    for r in results.iter().filter(|r| !r.status.success()) {
        let message = stderr(r);
        assert!(
            message.contains("another framing run is writing this output"),
            "{message}"
        );
    }
    let got = snapshot(&s.path().join("out"));
    match won[..] {
        [i] => assert!(got == alone[i], "the output is the winning run's, whole"),
        // The two did not overlap after all: the output is one of them, whole.
        [_, _] => assert!(got == alone[0] || got == alone[1]),
        _ => panic!("at least one run succeeds"),
    }
    eprintln!("two runs at once: {} of 2 succeeded", won.len());
    assert_eq!(leftovers(s.path()), Vec::<String>::new());
}
