//! The design-weighted precision and recall of `stats::design` estimate the corpus figures: in a
//! simulated corpus where the truth is known, the mean over 500 stratified samples lies within 0.01
//! of the truth, while the unweighted sample figures are far off. Recall is a ratio whose
//! denominator rests on the false negatives found among the units the lexicon does not mark: with
//! only a handful of them it is biased upwards (a sample with none says 1.0), so the test draws
//! enough unmarked units to expect about a dozen, as a coding design for recall must.

use framing::stats::design::{accuracy_intervals, weighted_accuracy, Coded};
use framing::stats::Xoshiro256StarStar;

/// A corpus of `n` units: (lexicon marks it, people mark it). The category holds 8% of units, the
/// lexicon finds about 60% of it and a few false hits among the rest.
fn corpus(n: usize, rng: &mut Xoshiro256StarStar) -> Vec<(bool, bool)> {
    (0..n)
        .map(|_| {
            let human = rng.next_f64() < 0.08;
            let lexicon = if human {
                rng.next_f64() < 0.6
            } else {
                rng.next_f64() < 0.02
            };
            (lexicon, human)
        })
        .collect()
}

/// `k` distinct indices of `0..n`, drawn without replacement (partial Fisher–Yates).
fn draw(n: usize, k: usize, rng: &mut Xoshiro256StarStar) -> Vec<usize> {
    let mut pool: Vec<usize> = (0..n).collect();
    for i in 0..k.min(n) {
        let j = i + rng.below((n - i) as u64) as usize;
        pool.swap(i, j);
    }
    pool.truncate(k.min(n));
    pool
}

#[test]
fn weighted_precision_and_recall_are_unbiased_for_the_corpus() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(17);
    let units = corpus(20_000, &mut rng);
    let all: Vec<Coded> = units
        .iter()
        .map(|&(lexicon, human)| Coded {
            weight: 1.0,
            stratum: 0,
            lexicon,
            human,
        })
        .collect();
    let truth = weighted_accuracy(&all);
    let (truth_p, truth_r, truth_f) = (
        truth.precision.unwrap(),
        truth.recall.unwrap(),
        truth.f1.unwrap(),
    );
    let marked: Vec<usize> = (0..units.len()).filter(|&i| units[i].0).collect();
    let unmarked: Vec<usize> = (0..units.len()).filter(|&i| !units[i].0).collect();
    // 100 units the lexicon marks and 400 it does not (about 13 false negatives expected).
    let sizes = [100, 400];
    let (mut sum_p, mut sum_r, mut naive_r) = (0.0, 0.0, 0.0);
    let (mut covered_p, mut covered_r, mut covered_f) = (0u32, 0u32, 0u32);
    let mut sum_f = 0.0;
    let rounds = 500;
    for _ in 0..rounds {
        let mut sample = Vec::new();
        for (h, (stratum, size)) in [&marked, &unmarked].into_iter().zip(sizes).enumerate() {
            let weight = stratum.len() as f64 / size as f64;
            for k in draw(stratum.len(), size, &mut rng) {
                let (lexicon, human) = units[stratum[k]];
                sample.push(Coded {
                    weight,
                    stratum: h,
                    lexicon,
                    human,
                });
            }
        }
        let est = weighted_accuracy(&sample);
        let intervals = accuracy_intervals(&sample, 1.96);
        let (p_ci, r_ci, f_ci) = (intervals.precision, intervals.recall, intervals.f1);
        let covers = |ci: Option<(f64, f64)>, t: f64| ci.is_some_and(|(lo, hi)| lo <= t && t <= hi);
        covered_p += u32::from(covers(p_ci, truth_p));
        covered_r += u32::from(covers(r_ci, truth_r));
        covered_f += u32::from(covers(f_ci, truth_f));
        sum_f += est.f1.unwrap_or(0.0);
        sum_p += est.precision.unwrap();
        sum_r += est.recall.unwrap_or(1.0);
        let plain: Vec<Coded> = sample.iter().map(|c| Coded { weight: 1.0, ..*c }).collect();
        naive_r += weighted_accuracy(&plain).recall.unwrap_or(1.0);
    }
    let (mean_p, mean_r) = (sum_p / rounds as f64, sum_r / rounds as f64);
    println!(
        "truth precision {truth_p:.4} recall {truth_r:.4}; mean of {rounds} weighted estimates {mean_p:.4} {mean_r:.4}; unweighted recall {:.4}",
        naive_r / rounds as f64
    );
    let mean_f = sum_f / rounds as f64;
    println!("F1: truth {truth_f:.4}, mean estimate {mean_f:.4}");
    println!("95% intervals cover the truth: precision {covered_p}/{rounds}, recall {covered_r}/{rounds}, F1 {covered_f}/{rounds}");
    // 95% intervals: coverage within sampling error of 0.95 (500 rounds: ±0.02 is about 2 SE).
    for (name, covered) in [
        ("precision", covered_p),
        ("recall", covered_r),
        ("F1", covered_f),
    ] {
        let share = f64::from(covered) / rounds as f64;
        assert!((0.92..=0.98).contains(&share), "{name} coverage {share}");
    }
    assert!(
        (mean_p - truth_p).abs() < 0.01,
        "precision {mean_p} vs {truth_p}"
    );
    assert!((mean_f - truth_f).abs() < 0.01, "F1 {mean_f} vs {truth_f}");
    assert!(
        (mean_r - truth_r).abs() < 0.01,
        "recall {mean_r} vs {truth_r}"
    );
    // Without the weights the stratified design overstates recall badly.
    assert!(
        naive_r / rounds as f64 - truth_r > 0.1,
        "naive recall {}",
        naive_r / rounds as f64
    );
}
