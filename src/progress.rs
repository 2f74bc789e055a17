//! Progress counters a long run updates from its worker threads, for a front end to display. The library
//! never prints: the command line reads these and draws a progress line when stderr is a terminal.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts of work done, updated with relaxed atomics (they only feed a display).
#[derive(Debug, Default)]
pub struct Progress {
    /// Articles in the corpus.
    pub articles_total: AtomicUsize,
    /// Articles segmented so far.
    pub articles_segmented: AtomicUsize,
    /// Units to score in all.
    pub units_total: AtomicUsize,
    /// Units scored so far.
    pub units_scored: AtomicUsize,
    /// Wall time of each finished stage, in the order they ended, for `analyze --timings` and the
    /// benchmark script.
    pub stages: std::sync::Mutex<Vec<(&'static str, std::time::Duration)>>,
}

impl Progress {
    /// Adds `n` to a counter.
    pub fn add(counter: &AtomicUsize, n: usize) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    /// Records that `stage` took the time since `since`, and returns now for the next stage.
    pub fn stage(&self, stage: &'static str, since: std::time::Instant) -> std::time::Instant {
        let now = std::time::Instant::now();
        if let Ok(mut stages) = self.stages.lock() {
            stages.push((stage, now - since));
        }
        now
    }

    /// Reads a counter.
    pub fn get(counter: &AtomicUsize) -> usize {
        counter.load(Ordering::Relaxed)
    }
}
