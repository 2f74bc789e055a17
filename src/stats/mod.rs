//! Statistics for comparing two groups of texts: pure functions on plain numbers, `f64` throughout. They sit
//! below the pipeline's stages: the aggregate stage keeps their inputs (counts, moments) and the compare
//! stage calls them, so neither stage reaches into the other.
//!
//! * **Word-level contrasts.** [`log_odds`]: log-odds ratio with an informative Dirichlet prior
//!   (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), and [`keyness`]: signed χ² and signed G²
//!   for a target against a reference corpus, exactly as quanteda's `textstat_keyness` computes them.
//! * **Distribution contrasts.** [`mann_whitney_u`]: two-sided Mann–Whitney U test with tie
//!   correction and continuity correction (as `scipy.stats.mannwhitneyu(..., method="asymptotic")`),
//!   and [`cliffs_delta`], its effect size.
//! * **Uncertainty.** [`bootstrap_difference`]: seeded, reproducible cluster bootstrap percentile
//!   interval for the difference of any statistic between two groups, with the two common cases
//!   [`bootstrap_mean_difference`] and [`bootstrap_rate_difference`].
//! * **Building blocks.** [`erfc`] (W. J. Cody's rational approximations), [`normal_sf`],
//!   [`chi2_sf_1df`], [`percentile`] (numpy's default linear rule) and the [`Xoshiro256StarStar`]
//!   generator seeded by [`splitmix64`].
//!
//! Every function is deterministic (no global state, no thread-dependent order; ties broken by
//! word) and returns `None` or an empty result instead of panicking on empty or degenerate input.
//! `tests/stats_reference.rs` checks the word and rank statistics against an independent Python
//! implementation (`scripts/stats_reference.py`); `tests/bootstrap.rs` checks the bootstrap.

use std::collections::HashMap;

pub mod agreement;
pub mod design;

/// Word counts. Hashed with foldhash: word counting is one of the hottest loops of a large run, and
/// nothing here depends on the iteration order.
pub type Counts = HashMap<String, u64, foldhash::fast::FixedState>;

// ---------------------------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------------------------

/// W. J. Cody's CALERF constants (netlib `specfun`, "calerf"), with the published digits.
mod cody {
    #![allow(clippy::excessive_precision)]

    /// Coefficients of W. J. Cody's CALERF (netlib `specfun`), erf on |x| ≤ 0.46875.
    pub(super) const ERF_A: [f64; 5] = [
        3.1611237438705656e0,
        1.13864154151050156e2,
        3.77485237685302021e2,
        3.20937758913846947e3,
        1.85777706184603153e-1,
    ];
    pub(super) const ERF_B: [f64; 4] = [
        2.36012909523441209e1,
        2.44024637934444173e2,
        1.28261652607737228e3,
        2.84423683343917062e3,
    ];
    /// CALERF coefficients, erfc on 0.46875 < |x| ≤ 4.
    pub(super) const ERF_C: [f64; 9] = [
        5.64188496988670089e-1,
        8.88314979438837594e0,
        6.61191906371416295e1,
        2.98635138197400131e2,
        8.8195222124176909e2,
        1.71204761263407058e3,
        2.05107837782607147e3,
        1.23033935479799725e3,
        2.15311535474403846e-8,
    ];
    pub(super) const ERF_D: [f64; 8] = [
        1.57449261107098347e1,
        1.17693950891312499e2,
        5.37181101862009858e2,
        1.62138957456669019e3,
        3.29079923573345963e3,
        4.36261909014324716e3,
        3.43936767414372164e3,
        1.23033935480374942e3,
    ];
    /// CALERF coefficients, erfc on |x| > 4.
    pub(super) const ERF_P: [f64; 6] = [
        3.05326634961232344e-1,
        3.60344899949804439e-1,
        1.25781726111229246e-1,
        1.60837851487422766e-2,
        6.58749161529837803e-4,
        1.63153871373020978e-2,
    ];
    pub(super) const ERF_Q: [f64; 5] = [
        2.56852019228982242e0,
        1.87295284992346047e0,
        5.27905102951428412e-1,
        6.05183413124413191e-2,
        2.33520497626869185e-3,
    ];
    /// 1/√π.
    pub(super) const SQRT_PI_INV: f64 = 5.6418958354775628695e-1;
    /// Below this |x|, x² is negligible in the erf series (CALERF's XSMALL for IEEE doubles).
    pub(super) const ERF_XSMALL: f64 = 1.11e-16;
    /// Above this x, erfc(x) underflows to 0 (CALERF's XBIG for IEEE doubles).
    pub(super) const ERF_XBIG: f64 = 26.543;
}
use cody::*;

/// `exp(−y²)` computed as `exp(−t²)·exp(−(y−t)(y+t))` with `t = ⌊16y⌋/16`, which keeps the
/// rounding error of `y²` out of the exponent (Cody's trick).
fn exp_neg_square(y: f64) -> f64 {
    let t = (y * 16.0).trunc() / 16.0;
    let del = (y - t) * (y + t);
    (-t * t).exp() * (-del).exp()
}

/// Complementary error function, erfc(x) = 1 − erf(x) = (2/√π) ∫ₓ^∞ e^(−t²) dt.
///
/// W. J. Cody's rational Chebyshev approximations (CALERF, netlib `specfun`; Cody 1969, *Math.
/// Comp.* 23:631–637) on the three intervals |x| ≤ 0.46875, 0.46875 < |x| ≤ 4 and |x| > 4, with
/// erfc(−x) = 2 − erfc(x). Relative error is about 1e-15 or better over the whole range; the
/// result underflows to 0 for x ≥ 26.543. NaN in, NaN out.
pub fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return f64::NAN;
    }
    let y = x.abs();
    if y <= 0.468_75 {
        // erf(x) = x·R(x²); erfc = 1 − erf, valid for either sign of x.
        let ysq = if y > ERF_XSMALL { y * y } else { 0.0 };
        let mut num = ERF_A[4] * ysq;
        let mut den = ysq;
        for i in 0..3 {
            num = (num + ERF_A[i]) * ysq;
            den = (den + ERF_B[i]) * ysq;
        }
        return 1.0 - x * (num + ERF_A[3]) / (den + ERF_B[3]);
    }
    let result = if y <= 4.0 {
        let mut num = ERF_C[8] * y;
        let mut den = y;
        for i in 0..7 {
            num = (num + ERF_C[i]) * y;
            den = (den + ERF_D[i]) * y;
        }
        exp_neg_square(y) * ((num + ERF_C[7]) / (den + ERF_D[7]))
    } else if y >= ERF_XBIG {
        0.0
    } else {
        let ysq = 1.0 / (y * y);
        let mut num = ERF_P[5] * ysq;
        let mut den = ysq;
        for i in 0..4 {
            num = (num + ERF_P[i]) * ysq;
            den = (den + ERF_Q[i]) * ysq;
        }
        let r = ysq * (num + ERF_P[4]) / (den + ERF_Q[4]);
        exp_neg_square(y) * ((SQRT_PI_INV - r) / y)
    };
    if x < 0.0 {
        2.0 - result
    } else {
        result
    }
}

/// Upper tail of the standard normal distribution, P(Z > z) = ½·erfc(z/√2).
pub fn normal_sf(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// Upper tail of the χ² distribution with 1 degree of freedom, P(χ²₁ > x) = P(|Z| > √x) =
/// erfc(√(x/2)) for x ≥ 0; 1 for x ≤ 0 and NaN for NaN.
///
/// This is the p-value quanteda attaches to keyness statistics (`1 - pchisq(abs(stat), 1)`),
/// computed without the cancellation of `1 − pchisq`, so it stays accurate below 1e-16 where R
/// reports 0.
pub fn chi2_sf_1df(x: f64) -> f64 {
    if x.is_nan() {
        f64::NAN
    } else if x <= 0.0 {
        1.0
    } else {
        erfc((x / 2.0).sqrt())
    }
}

// ---------------------------------------------------------------------------------------------
// Log-odds ratio with an informative Dirichlet prior
// ---------------------------------------------------------------------------------------------

/// Where the Dirichlet prior counts α_w of [`log_odds`] come from, before optional scaling to a
/// prior size α₀ (see [`log_odds`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Prior<'a> {
    /// α_w = y_wi + y_wj: the pooled counts of the two groups, so unscaled α₀ = n_i + n_j. This
    /// is the common "empirical Bayes" implementation (e.g. R's `tidylo::bind_log_odds`).
    Pooled,
    /// α_w = c_w, the word's count in a background corpus (0 for a word the background lacks),
    /// and α₀ = Σ c_w over the whole background vocabulary: Monroe, Colaresi & Quinn's
    /// informative prior. Unscaled, it is as strong as the background is large; scaled to a
    /// prior size a0 it is α_w = a0·π̂_w with π̂ the background's relative frequencies.
    Background(&'a Counts),
    /// α_w = the given constant for every word of the vocabulary (words counted in either group),
    /// α₀ = constant × vocabulary size: the uninformative prior of the `FightingWords` Python code
    /// (jmhessel/FightingWords, default 0.01).
    Uniform(f64),
}

/// One word's log-odds ratio, the output row of [`log_odds`] and [`log_odds_extremes`]. The word is
/// a `String` in every public result; inside, rows borrow it until they are selected.
#[derive(Debug, Clone, PartialEq)]
pub struct LogOdds<W = String> {
    /// The word.
    pub word: W,
    /// y_wi: its count in group i.
    pub count_i: u64,
    /// y_wj: its count in group j.
    pub count_j: u64,
    /// α_w: its prior count.
    pub alpha: f64,
    /// δ_w = ln[(y_wi + α_w)/(n_i + α₀ − y_wi − α_w)] − ln[(y_wj + α_w)/(n_j + α₀ − y_wj − α_w)]:
    /// positive when the word is relatively more frequent in group i.
    pub delta: f64,
    /// σ²(δ_w) ≈ 1/(y_wi + α_w) + 1/(y_wj + α_w).
    pub variance: f64,
    /// z_w = δ_w / √σ²(δ_w).
    pub z: f64,
    /// Two-sided p of z_w under the standard normal: 2·P(Z > |z_w|).
    pub p: f64,
    /// Benjamini–Hochberg q-value of `p` among every word of the comparison ([`bh_q_values`]).
    pub q: f64,
}

impl LogOdds<&str> {
    fn into_owned(self) -> LogOdds {
        LogOdds {
            word: self.word.to_owned(),
            count_i: self.count_i,
            count_j: self.count_j,
            alpha: self.alpha,
            delta: self.delta,
            variance: self.variance,
            z: self.z,
            p: self.p,
            q: self.q,
        }
    }
}

/// Benjamini–Hochberg adjusted p-values ("q-values") of one family of tests, in the input's order, as
/// statsmodels' `multipletests(p, method="fdr_bh")` computes them: with the m p-values sorted,
/// q₍ᵢ₎ = min(1, min over j ≥ i of m·p₍ⱼ₎/j). NaN p-values are left out of the family (m counts the
/// others) and get a NaN q.
pub fn bh_q_values(p: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..p.len()).filter(|&i| !p[i].is_nan()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let m = order.len() as f64;
    let mut q = vec![f64::NAN; p.len()];
    let mut running = f64::INFINITY;
    for (rank, &i) in order.iter().enumerate().rev() {
        running = running.min(m * p[i] / (rank + 1) as f64);
        q[i] = running.min(1.0);
    }
    q
}

/// Log-odds ratios of every word between groups i and j, from the raw counts and a [`Prior`].
///
/// With n_i = Σ_w y_wi and n_j = Σ_w y_wj over all words of each group, and prior counts α_w
/// summing to α₀ over the prior's vocabulary, each word w counted in either group gets
///
/// ```text
/// δ_w  = ln[(y_wi + α_w) / (n_i + α₀ − y_wi − α_w)] − ln[(y_wj + α_w) / (n_j + α₀ − y_wj − α_w)]
/// σ²_w ≈ 1/(y_wi + α_w) + 1/(y_wj + α_w)
/// z_w  = δ_w / σ_w
/// ```
///
/// (Monroe, Colaresi & Quinn 2008, eqs. 16, 18–20; natural logarithms.)
///
/// **Prior size.** `prior_size = None` uses the prior counts as they are: the background counts
/// directly, or with [`Prior::Pooled`] α_w = y_wi + y_wj and α₀ = n_i + n_j (the tidylo
/// convention). `Some(a0)` rescales them proportionally, α_w ← a0 · α_w / Σα, so that α₀ = a0
/// (MCQ's parameterisation α_w = α₀·π̂_w, α₀ setting the prior's strength): a smaller a0 shrinks
/// less. A prior size that is not finite and positive, or a prior whose counts sum to 0, gives an
/// empty result.
///
/// Words counted 0 in both groups are ignored. A word whose δ or σ² is not finite (α_w = 0 and
/// absent from a group, e.g. a word missing from the background) is left out; give the background
/// a floor (say +1 for every word of both groups) to keep such words.
///
/// Rows are sorted by z descending (most distinctive of group i first), then by word.
pub fn log_odds(
    counts_i: &Counts,
    counts_j: &Counts,
    prior: Prior<'_>,
    prior_size: Option<f64>,
) -> Vec<LogOdds> {
    log_odds_extremes(counts_i, counts_j, prior, prior_size, usize::MAX)
}

/// The `keep` most distinctive words of each side from [`log_odds`]: its first `keep` rows and its
/// last `keep` rows (all rows when there are at most 2·`keep`), in its order.
///
/// A contrast table shows only the head and the tail of the ranking, so this sorts only those
/// (a selection, then two small sorts) instead of the whole vocabulary, and copies only their words.
pub fn log_odds_extremes(
    counts_i: &Counts,
    counts_j: &Counts,
    prior: Prior<'_>,
    prior_size: Option<f64>,
    keep: usize,
) -> Vec<LogOdds> {
    let paired = PairedCounts::from_maps(counts_i, counts_j);
    log_odds_extremes_paired(&paired.view(), prior, prior_size, keep)
}

/// [`log_odds_extremes`] over counts already laid out on one vocabulary.
pub fn log_odds_extremes_paired(
    counts: &Paired<'_>,
    prior: Prior<'_>,
    prior_size: Option<f64>,
    keep: usize,
) -> Vec<LogOdds> {
    let n_i: u64 = counts.i.iter().sum();
    let n_j: u64 = counts.j.iter().sum();
    let count = |map: &Counts, w: &str| map.get(w).copied().unwrap_or(0);
    let vocabulary_size = counts.counted().count();
    let raw_alpha_0 = match prior {
        Prior::Pooled => (n_i + n_j) as f64,
        Prior::Background(bg) => bg.values().sum::<u64>() as f64,
        Prior::Uniform(a) => a * vocabulary_size as f64,
    };
    if !(raw_alpha_0.is_finite() && raw_alpha_0 > 0.0) {
        return Vec::new();
    }
    let scale = match prior_size {
        None => 1.0,
        Some(a0) if a0.is_finite() && a0 > 0.0 => a0 / raw_alpha_0,
        Some(_) => return Vec::new(),
    };
    let alpha_0 = raw_alpha_0 * scale;
    let mut rows: Vec<LogOdds<&str>> = counts
        .candidates()
        .filter_map(|(w, count_i, count_j)| {
            let raw_alpha = match prior {
                Prior::Pooled => (count_i + count_j) as f64,
                Prior::Background(bg) => count(bg, w) as f64,
                Prior::Uniform(a) => a,
            };
            log_odds_row(
                w,
                count_i,
                count_j,
                raw_alpha * scale,
                n_i as f64,
                n_j as f64,
                alpha_0,
            )
        })
        .collect();
    fill_log_odds_q(&mut rows);
    sorted_extremes(rows, keep, log_odds_order, log_odds_order_j)
        .into_iter()
        .map(LogOdds::into_owned)
        .collect()
}

/// Two groups' word counts laid out on one vocabulary: `words[k]` is counted `i[k]` times in group
/// i and `j[k]` times in group j. The statistics of many contrasts over the same groups share one
/// vocabulary, so each contrast's counts are sums of vectors instead of merged hash maps.
#[derive(Debug, Clone, Copy)]
pub struct Paired<'a> {
    /// The vocabulary, each word once, in no particular order.
    pub words: &'a [&'a str],
    /// Counts in group i, by word index.
    pub i: &'a [u64],
    /// Counts in group j, by word index.
    pub j: &'a [u64],
    /// Which words the extremes may list, by word index (`None`: every word). The group totals and the
    /// prior still count every word, so leaving a word out of the list changes no other word's figures.
    pub listed: Option<&'a [bool]>,
}

impl<'a> Paired<'a> {
    /// (word index, word, count in i, count in j) of every word counted in either group.
    fn indexed(&self) -> impl Iterator<Item = (usize, &'a str, u64, u64)> + '_ {
        self.words
            .iter()
            .zip(self.i.iter().zip(self.j))
            .enumerate()
            .filter(|(_, (_, (i, j)))| **i > 0 || **j > 0)
            .map(|(k, (w, (i, j)))| (k, *w, *i, *j))
    }

    /// (word, count in i, count in j) of every word counted in either group.
    fn counted(&self) -> impl Iterator<Item = (&'a str, u64, u64)> + '_ {
        self.indexed().map(|(_, w, i, j)| (w, i, j))
    }

    /// [`Paired::counted`], less the words `listed` leaves out: the candidates of the extremes.
    fn candidates(&self) -> impl Iterator<Item = (&'a str, u64, u64)> + '_ {
        let listed = self.listed;
        self.indexed()
            .filter(move |(k, ..)| listed.is_none_or(|l| l[*k]))
            .map(|(_, w, i, j)| (w, i, j))
    }
}

/// The owned vectors behind a [`Paired`] made from two count maps.
struct PairedCounts<'a> {
    words: Vec<&'a str>,
    i: Vec<u64>,
    j: Vec<u64>,
}

impl<'a> PairedCounts<'a> {
    fn from_maps(a: &'a Counts, b: &'a Counts) -> PairedCounts<'a> {
        let count = |map: &Counts, w: &str| map.get(w).copied().unwrap_or(0);
        let words: Vec<&str> = vocabulary(a, b).collect();
        let i = words.iter().map(|w| count(a, w)).collect();
        let j = words.iter().map(|w| count(b, w)).collect();
        PairedCounts { words, i, j }
    }

    fn view(&self) -> Paired<'_> {
        Paired {
            words: &self.words,
            i: &self.i,
            j: &self.j,
            listed: None,
        }
    }
}

/// Every word counted at least once in either map, each once, in no particular order.
fn vocabulary<'a>(a: &'a Counts, b: &'a Counts) -> impl Iterator<Item = &'a str> {
    let counted = |(w, &c): (&'a String, &u64)| (c > 0).then_some(w.as_str());
    a.iter().filter_map(counted).chain(
        b.iter()
            .filter_map(counted)
            .filter(|w| a.get(*w).is_none_or(|&c| c == 0)),
    )
}

/// One term's [`log_odds`] row with the pooled prior (α_w = y_wi + y_wj, α₀ = n_i + n_j) and the group
/// totals given, for callers that count only some terms (candidates) but know every group's total;
/// `None` when δ or σ² is not finite. The row's q is NaN: the caller owns the family.
pub fn log_odds_pooled(
    word: &str,
    count_i: u64,
    count_j: u64,
    n_i: u64,
    n_j: u64,
) -> Option<LogOdds> {
    log_odds_row(
        word,
        count_i,
        count_j,
        (count_i + count_j) as f64,
        n_i as f64,
        n_j as f64,
        (n_i + n_j) as f64,
    )
    .map(LogOdds::into_owned)
}

/// One word's row of [`log_odds`] (the formula there) with the group totals n_i, n_j and prior size
/// α₀; `None` when δ or σ² is not finite.
fn log_odds_row<W>(
    word: W,
    count_i: u64,
    count_j: u64,
    alpha: f64,
    n_i: f64,
    n_j: f64,
    alpha_0: f64,
) -> Option<LogOdds<W>> {
    let (yi, yj, a) = (count_i as f64, count_j as f64, alpha);
    let delta =
        ((yi + a) / (n_i + alpha_0 - yi - a)).ln() - ((yj + a) / (n_j + alpha_0 - yj - a)).ln();
    let variance = 1.0 / (yi + a) + 1.0 / (yj + a);
    let z = delta / variance.sqrt();
    (delta.is_finite() && variance.is_finite() && variance > 0.0 && z.is_finite()).then_some(
        LogOdds {
            word,
            count_i,
            count_j,
            alpha,
            delta,
            variance,
            z,
            p: 2.0 * normal_sf(z.abs()),
            q: f64::NAN,
        },
    )
}

/// Fills every row's q-value: the rows are one family (every word of one comparison).
fn fill_log_odds_q<W>(rows: &mut [LogOdds<W>]) {
    let p: Vec<f64> = rows.iter().map(|r| r.p).collect();
    for (r, q) in rows.iter_mut().zip(bh_q_values(&p)) {
        r.q = q;
    }
}

/// The order of side i's [`log_odds`] rows: z descending, then the count in i descending, then word.
fn log_odds_order<W: Ord>(x: &LogOdds<W>, y: &LogOdds<W>) -> std::cmp::Ordering {
    y.z.total_cmp(&x.z)
        .then_with(|| y.count_i.cmp(&x.count_i))
        .then_with(|| x.word.cmp(&y.word))
        .then_with(|| x.count_j.cmp(&y.count_j))
}

/// The order of side j's rows, its most extreme first: z ascending, then the count in j descending,
/// then word.
fn log_odds_order_j<W: Ord>(x: &LogOdds<W>, y: &LogOdds<W>) -> std::cmp::Ordering {
    x.z.total_cmp(&y.z)
        .then_with(|| y.count_j.cmp(&x.count_j))
        .then_with(|| x.word.cmp(&y.word))
        .then_with(|| x.count_i.cmp(&y.count_i))
}

/// The most extreme rows of both sides: the first `keep` rows by `head` (side a's order, most
/// extreme first), then up to `keep` of the others by `tail` (side b's order), those in reverse, so
/// that the result reads from side a's most extreme row to side b's. With both orders total, each
/// side's rows are exactly its head of the fully sorted rows, and ties are broken the same way on both
/// sides (by how the orders break them, not by one order read backwards).
fn sorted_extremes<T>(
    mut rows: Vec<T>,
    keep: usize,
    head: impl Fn(&T, &T) -> std::cmp::Ordering,
    tail: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    if keep == 0 || rows.is_empty() {
        return Vec::new();
    }
    let n_head = keep.min(rows.len());
    if rows.len() > n_head {
        rows.select_nth_unstable_by(n_head - 1, &head);
    }
    rows[..n_head].sort_by(&head);
    let mut rest = rows.split_off(n_head);
    let n_tail = keep.min(rest.len());
    if rest.len() > n_tail && n_tail > 0 {
        rest.select_nth_unstable_by(n_tail - 1, &tail);
    }
    rest.truncate(n_tail);
    rest.sort_by(&tail);
    rest.reverse();
    rows.extend(rest);
    rows
}

// ---------------------------------------------------------------------------------------------
// Keyness (quanteda's textstat_keyness)
// ---------------------------------------------------------------------------------------------

/// quanteda's additive offset inside the logarithms of G² (`epsilon <- 0.000000001`), which
/// makes empty cells contribute 0·ln(ε) = 0.
const KEYNESS_EPSILON: f64 = 1e-9;

/// The 2×2 contingency table of one word in quanteda's `textstat_keyness`:
///
/// ```text
///               target   reference
/// word            a          b
/// other words     c          d
/// ```
///
/// with N = a + b + c + d and the expected count of cell a, E = (a + b)(a + c)/N. A statistic is
/// signed positive when a > E (the word is relatively more frequent in the target), negative
/// otherwise (quanteda's `ifelse(a > E, 1, -1)`, so a = E gives a negative zero).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Table2x2 {
    /// The word's count in the target.
    pub a: f64,
    /// The word's count in the reference.
    pub b: f64,
    /// Count of all other words in the target.
    pub c: f64,
    /// Count of all other words in the reference.
    pub d: f64,
}

impl Table2x2 {
    /// The table of a word counted `n_target` times in a target of `total_target` words and
    /// `n_reference` times in a reference of `total_reference` words: a = n_target,
    /// b = n_reference, c = total_target − a, d = total_reference − b. `None` when a count
    /// exceeds its total.
    pub fn from_counts(
        n_target: u64,
        n_reference: u64,
        total_target: u64,
        total_reference: u64,
    ) -> Option<Self> {
        Some(Table2x2 {
            a: n_target as f64,
            b: n_reference as f64,
            c: total_target.checked_sub(n_target)? as f64,
            d: total_reference.checked_sub(n_reference)? as f64,
        })
    }

    /// N = a + b + c + d.
    pub fn n(&self) -> f64 {
        self.a + self.b + self.c + self.d
    }

    /// Expected count of cell a under independence, E = (a + b)(a + c)/N.
    pub fn expected_a(&self) -> f64 {
        (self.a + self.b) * (self.a + self.c) / self.n()
    }

    /// True when every margin (a + b, c + d, a + c, b + d) is positive, i.e. the statistics are
    /// defined.
    pub fn is_defined(&self) -> bool {
        let Table2x2 { a, b, c, d } = *self;
        a + b > 0.0 && c + d > 0.0 && a + c > 0.0 && b + d > 0.0
    }

    /// quanteda's rule for applying Yates' continuity correction (`correction = "default"` or
    /// `"yates"`): apply it when |ad − bc| ≥ N/2 **and** at least one of the four expected counts
    /// (a+b)(a+c)/N, (a+b)(b+d)/N, (a+c)(c+d)/N, (c+d)(b+d)/N is below 5 (quanteda.textstats
    /// `src/keyness.cpp`, `yates_correction()`; quanteda 2.x R `keyness_chi2_dt()`, `cor_app`).
    pub fn yates_applies(&self) -> bool {
        let Table2x2 { a, b, c, d } = *self;
        let n = self.n();
        (a * d - b * c).abs() >= n / 2.0
            && ((a + b) * (a + c) / n < 5.0
                || (a + b) * (b + d) / n < 5.0
                || (a + c) * (c + d) / n < 5.0
                || (c + d) * (b + d) / n < 5.0)
    }

    /// Williams' correction factor q = 1 + (N/(a+b) + N/(c+d) − 1)(N/(a+c) + N/(b+d) − 1)/(6N),
    /// or 1 when any cell is 0 (quanteda: "William's correction cannot be used if there are any
    /// zeros in the table"; `williams_correction()` in `src/keyness.cpp`).
    pub fn williams_q(&self) -> f64 {
        let Table2x2 { a, b, c, d } = *self;
        if a * b * c * d == 0.0 {
            return 1.0;
        }
        let n = self.n();
        1.0 + (n / (a + b) + n / (c + d) - 1.0) * (n / (a + c) + n / (b + d) - 1.0) / (6.0 * n)
    }

    fn sign(&self) -> f64 {
        if self.a > self.expected_a() {
            1.0
        } else {
            -1.0
        }
    }

    /// Signed χ² with quanteda's default correction (`measure = "chi2"`, `correction =
    /// "default"`): with δ = ½ when [`Table2x2::yates_applies`], else 0,
    ///
    /// ```text
    /// χ² = N (|ad − bc| − N δ)² / [(a+b)(c+d)(a+c)(b+d)] × sign(a − E)
    /// ```
    ///
    /// (`chisq_lambda()` in quanteda.textstats `src/keyness.cpp`). `None` when a margin is 0.
    pub fn chi2(&self) -> Option<f64> {
        if !self.is_defined() {
            return None;
        }
        let Table2x2 { a, b, c, d } = *self;
        let n = self.n();
        let delta = if self.yates_applies() { 0.5 } else { 0.0 };
        let num = n * ((a * d - b * c).abs() - n * delta).powi(2);
        let den = (a + b) * (c + d) * (a + c) * (b + d) * self.sign();
        Some(num / den)
    }

    /// Signed likelihood-ratio G² with Williams' correction (`measure = "lr"`, `correction =
    /// "williams"`): with ε = 1e-9 as in quanteda and q = [`Table2x2::williams_q`],
    ///
    /// ```text
    /// G² = 2 [a ln(a/E_a + ε) + b ln(b/E_b + ε) + c ln(c/E_c + ε) + d ln(d/E_d + ε)] × sign(a − E_a) / q
    /// E_a = (a+b)(a+c)/N, E_b = (a+b)(b+d)/N, E_c = (a+c)(c+d)/N, E_d = (b+d)(c+d)/N
    /// ```
    ///
    /// (`lr_lambda()` in quanteda.textstats `src/keyness.cpp`; no Yates adjustment of the cells
    /// under `"williams"`). `None` when a margin is 0.
    pub fn g2_williams(&self) -> Option<f64> {
        if !self.is_defined() {
            return None;
        }
        let Table2x2 { a, b, c, d } = *self;
        let n = self.n();
        let eps = KEYNESS_EPSILON;
        let g2 = 2.0
            * (a * (a / ((a + b) * (a + c) / n) + eps).ln()
                + b * (b / ((a + b) * (b + d) / n) + eps).ln()
                + c * (c / ((a + c) * (c + d) / n) + eps).ln()
                + d * (d / ((b + d) * (c + d) / n) + eps).ln())
            * self.sign();
        Some(g2 / self.williams_q())
    }
}

/// One word's keyness, the output row of [`keyness`].
#[derive(Debug, Clone, PartialEq)]
pub struct Keyness {
    /// The word.
    pub word: String,
    /// Its count in the target (cell a).
    pub n_target: u64,
    /// Its count in the reference (cell b).
    pub n_reference: u64,
    /// Signed χ² with quanteda's Yates rule ([`Table2x2::chi2`]).
    pub chi2: f64,
    /// P(χ²₁ > |chi2|) ([`chi2_sf_1df`]).
    pub chi2_p: f64,
    /// Signed G² with Williams' correction ([`Table2x2::g2_williams`]).
    pub g2: f64,
    /// P(χ²₁ > |g2|).
    pub g2_p: f64,
    /// Benjamini–Hochberg q-value of `chi2_p` among every word of the comparison.
    pub chi2_q: f64,
    /// Benjamini–Hochberg q-value of `g2_p` among every word of the comparison.
    pub g2_q: f64,
}

/// Keyness of every word of a target corpus against a reference corpus, as quanteda's
/// `textstat_keyness(x, target, measure = "chi2")` (Yates' rule) and `measure = "lr", correction
/// = "williams"` compute it from the word's [`Table2x2`] (a = count in target, b = count in
/// reference, c and d = all other words of each), with p = P(χ²₁ > |stat|).
///
/// Words counted 0 in both corpora and words whose table has an empty margin (e.g. an empty
/// corpus) are left out. Rows are sorted by χ² descending, then by word, like quanteda's
/// `sort = TRUE`.
pub fn keyness(target: &Counts, reference: &Counts) -> Vec<Keyness> {
    keyness_extremes(target, reference, usize::MAX)
}

/// The `keep` most key words at each end of [`keyness`]: its first `keep` rows and its last
/// `keep` rows (all rows when there are at most 2·`keep`), in its order. Only those are sorted and
/// get G² and p-values.
pub fn keyness_extremes(target: &Counts, reference: &Counts, keep: usize) -> Vec<Keyness> {
    let paired = PairedCounts::from_maps(target, reference);
    keyness_extremes_paired(&paired.view(), keep)
}

/// [`keyness_extremes`] over counts already laid out on one vocabulary: `counts.i` is the target,
/// `counts.j` the reference.
pub fn keyness_extremes_paired(counts: &Paired<'_>, keep: usize) -> Vec<Keyness> {
    let total_t: u64 = counts.i.iter().sum();
    let total_r: u64 = counts.j.iter().sum();
    /// A word's table and χ², before the selection.
    struct Candidate<'a> {
        word: &'a str,
        n_target: u64,
        n_reference: u64,
        chi2: f64,
        g2: f64,
        q: (f64, f64),
    }
    let rows: Vec<Candidate> = counts
        .candidates()
        .filter_map(|(word, n_target, n_reference)| {
            let table = Table2x2::from_counts(n_target, n_reference, total_t, total_r)?;
            let chi2 = table.chi2()?;
            // Defined exactly when χ² is (every margin positive), so no word is lost here.
            let g2 = table.g2_williams()?;
            Some(Candidate {
                word,
                n_target,
                n_reference,
                chi2,
                g2,
                q: (f64::NAN, f64::NAN),
            })
        })
        .collect();
    // Every word of the comparison is one family, for the q-values of both statistics.
    let mut rows = rows;
    let chi2_q = bh_q_values(
        &rows
            .iter()
            .map(|c| chi2_sf_1df(c.chi2.abs()))
            .collect::<Vec<_>>(),
    );
    let g2_q = bh_q_values(
        &rows
            .iter()
            .map(|c| chi2_sf_1df(c.g2.abs()))
            .collect::<Vec<_>>(),
    );
    for ((c, a), b) in rows.iter_mut().zip(chi2_q).zip(g2_q) {
        c.q = (a, b);
    }
    // Each side's most key words first: by |chi2| on its side, then its count, then word.
    let target = |x: &Candidate, y: &Candidate| {
        y.chi2
            .total_cmp(&x.chi2)
            .then_with(|| y.n_target.cmp(&x.n_target))
            .then_with(|| x.word.cmp(y.word))
    };
    let reference = |x: &Candidate, y: &Candidate| {
        x.chi2
            .total_cmp(&y.chi2)
            .then_with(|| y.n_reference.cmp(&x.n_reference))
            .then_with(|| x.word.cmp(y.word))
    };
    sorted_extremes(rows, keep, target, reference)
        .into_iter()
        .map(|c| Keyness {
            word: c.word.to_owned(),
            n_target: c.n_target,
            n_reference: c.n_reference,
            chi2: c.chi2,
            chi2_p: chi2_sf_1df(c.chi2.abs()),
            g2: c.g2,
            g2_p: chi2_sf_1df(c.g2.abs()),
            chi2_q: c.q.0,
            g2_q: c.q.1,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Mann–Whitney U and Cliff's delta
// ---------------------------------------------------------------------------------------------

/// Result of [`mann_whitney_u`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MannWhitney {
    /// Size of the first sample, n₁.
    pub n_x: usize,
    /// Size of the second sample, n₂.
    pub n_y: usize,
    /// U₁ = R₁ − n₁(n₁+1)/2, R₁ the sum of the first sample's mid-ranks in the pooled sample: the
    /// number of pairs with x > y plus half the ties (scipy's reported statistic).
    pub u1: f64,
    /// U₂ = n₁n₂ − U₁.
    pub u2: f64,
    /// z = (max(U₁, U₂) − n₁n₂/2 − ½)/σ_U, the continuity-corrected standard score of the larger U
    /// (scipy's internal z for the two-sided test; ≥ 0 except when |U₁ − U₂| < 1). 0 when σ_U = 0.
    pub z: f64,
    /// Tie-corrected standard deviation σ_U = √(n₁n₂/12 · [(n+1) − Σ(t³ − t)/(n(n−1))]), t the
    /// sizes of the groups of tied values, n = n₁ + n₂.
    pub sigma: f64,
    /// Two-sided p = min(1, 2·P(Z > z)); 1 when σ_U = 0 (all values tied).
    pub p: f64,
}

/// Two-sided Mann–Whitney U test of `x` against `y` with mid-ranks for ties, tie-corrected
/// variance and continuity correction, matching `scipy.stats.mannwhitneyu(x, y,
/// alternative="two-sided", method="asymptotic", use_continuity=True)` (statistic = U₁, pvalue
/// = p); see [`MannWhitney`] for the formulas. O((n₁+n₂) log(n₁+n₂)).
///
/// `None` when either sample is empty or contains NaN.
pub fn mann_whitney_u(x: &[f64], y: &[f64]) -> Option<MannWhitney> {
    mann_whitney_counts(&value_counts(x)?, &value_counts(y)?)
}

/// The distinct values of `values` in ascending order with their counts; `None` when it holds NaN.
pub fn value_counts(values: &[f64]) -> Option<Vec<(f64, u64)>> {
    if values.iter().any(|v| v.is_nan()) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, u64)> = Vec::new();
    for v in sorted {
        match out.last_mut() {
            Some(last) if last.0 == v => last.1 += 1,
            _ => out.push((v, 1)),
        }
    }
    Some(out)
}

/// [`mann_whitney_u`] from each sample's distinct values in ascending order with their counts (a
/// histogram), so that samples of millions of scores need not be kept. O(distinct values).
pub fn mann_whitney_counts(x: &[(f64, u64)], y: &[(f64, u64)]) -> Option<MannWhitney> {
    let (nx, ny): (u64, u64) = (x.iter().map(|v| v.1).sum(), y.iter().map(|v| v.1).sum());
    if nx == 0 || ny == 0 {
        return None;
    }
    let mut r1 = 0.0;
    let mut tie_term = 0.0;
    let mut below = 0u64;
    let (mut i, mut j) = (0, 0);
    while i < x.len() || j < y.len() {
        let v = match (x.get(i), y.get(j)) {
            (Some(a), Some(b)) => a.0.min(b.0),
            (Some(a), None) => a.0,
            (None, Some(b)) => b.0,
            (None, None) => break,
        };
        let in_x = x.get(i).filter(|a| a.0 == v).map_or(0, |a| a.1);
        let in_y = y.get(j).filter(|b| b.0 == v).map_or(0, |b| b.1);
        i += usize::from(in_x > 0);
        j += usize::from(in_y > 0);
        let t = in_x + in_y;
        // Positions below+1 ..= below+t share the mid-rank below + (t + 1)/2.
        let mid_rank = below as f64 + (t as f64 + 1.0) / 2.0;
        r1 += mid_rank * in_x as f64;
        let t = t as f64;
        tie_term += t * t * t - t;
        below += in_x + in_y;
    }
    let n1 = nx as f64;
    let n2 = ny as f64;
    let n = n1 + n2;
    let u1 = r1 - n1 * (n1 + 1.0) / 2.0;
    let u2 = n1 * n2 - u1;
    let mu = n1 * n2 / 2.0;
    let sigma = (n1 * n2 / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)))).sqrt();
    let (z, p) = if sigma > 0.0 {
        let z = (u1.max(u2) - mu - 0.5) / sigma;
        (z, (2.0 * normal_sf(z)).clamp(0.0, 1.0))
    } else {
        (0.0, 1.0)
    };
    Some(MannWhitney {
        n_x: nx as usize,
        n_y: ny as usize,
        u1,
        u2,
        z,
        sigma,
        p,
    })
}

/// Cliff's delta, d = [#(x > y) − #(x < y)] / (n_x n_y) over all pairs (x, y): in [−1, 1],
/// positive when values of `x` tend to be larger. Equals (U₁ − U₂)/(n_x n_y) = 2U₁/(n_x n_y) − 1.
///
/// Computed by sorting `y` and counting with binary search, O((n_x + n_y) log n_y), never
/// enumerating the pairs. `None` when either sample is empty or contains NaN.
pub fn cliffs_delta(x: &[f64], y: &[f64]) -> Option<f64> {
    cliffs_delta_counts(&value_counts(x)?, &value_counts(y)?)
}

/// [`cliffs_delta`] from each sample's distinct values in ascending order with their counts.
pub fn cliffs_delta_counts(x: &[(f64, u64)], y: &[(f64, u64)]) -> Option<f64> {
    let (nx, ny): (u64, u64) = (x.iter().map(|v| v.1).sum(), y.iter().map(|v| v.1).sum());
    if nx == 0 || ny == 0 {
        return None;
    }
    let (mut greater, mut less) = (0u128, 0u128);
    // y_below: how many y values lie below the current x value; y_equal: how many equal it.
    let (mut j, mut y_below) = (0, 0u64);
    for &(v, cx) in x {
        while j < y.len() && y[j].0 < v {
            y_below += y[j].1;
            j += 1;
        }
        let y_equal = y.get(j).filter(|b| b.0 == v).map_or(0, |b| b.1);
        greater += u128::from(cx) * u128::from(y_below);
        less += u128::from(cx) * u128::from(ny - y_below - y_equal);
    }
    let pairs = nx as f64 * ny as f64;
    Some((greater as f64 - less as f64) / pairs)
}

// ---------------------------------------------------------------------------------------------
// Percentiles
// ---------------------------------------------------------------------------------------------

/// The q-th percentile (0 ≤ q ≤ 100) by numpy's default rule (`np.percentile(v, q)`,
/// `method="linear"`, Hyndman & Fan type 7): with the values sorted ascending as v₀ ≤ … ≤ v_{n−1},
/// h = (n − 1)·q/100, i = ⌊h⌋, g = h − i,
///
/// ```text
/// P = v_i + g (v_{i+1} − v_i)       (g < ½)
/// P = v_{i+1} − (1 − g)(v_{i+1} − v_i)   (g ≥ ½)       (numpy's `_lerp`)
/// ```
///
/// and P = v_{n−1} when h ≥ n − 1. `None` when `values` is empty or holds NaN, or q is outside
/// [0, 100].
pub fn percentile(values: &[f64], q: f64) -> Option<f64> {
    if values.iter().any(|v| v.is_nan()) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    percentile_sorted(&sorted, q)
}

/// [`percentile`] of values already sorted ascending (not checked).
fn percentile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=100.0).contains(&q) {
        return None;
    }
    let n = sorted.len();
    let h = (n - 1) as f64 * (q / 100.0);
    if h >= (n - 1) as f64 {
        return Some(sorted[n - 1]);
    }
    let i = h.floor();
    let g = h - i;
    let i = i as usize;
    let (lo, hi) = (sorted[i], sorted[i + 1]);
    let diff = hi - lo;
    Some(if g >= 0.5 {
        hi - diff * (1.0 - g)
    } else {
        lo + diff * g
    })
}

// ---------------------------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------------------------

/// The golden-ratio increment of SplitMix64, ⌊2⁶⁴/φ⌋.
const GOLDEN_GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// SplitMix64's output function (Stafford's "Mix13"): a bijection of u64.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One step of SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference `splitmix64.c`): the state
/// advances by γ = 0x9e3779b97f4a7c15 and the output is mix(state), with
/// mix(z) = z₂ ^ (z₂ >> 31), z₂ = (z₁ ^ (z₁ >> 27))·0x94d049bb133111eb,
/// z₁ = (z ^ (z >> 30))·0xbf58476d1ce4e5b9 (all mod 2⁶⁴).
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(GOLDEN_GAMMA);
    mix64(*state)
}

/// The xoshiro256** generator (Blackman & Vigna 2018): 256 bits of state s₀..s₃; each step outputs
/// rotl(s₁·5, 7)·9 and updates t = s₁ << 17, s₂ ^= s₀, s₃ ^= s₁, s₁ ^= s₂, s₀ ^= s₃, s₂ ^= t,
/// s₃ = rotl(s₃, 45). Small, fast and good enough for resampling; not cryptographic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Xoshiro256StarStar {
    s: [u64; 4],
}

impl Xoshiro256StarStar {
    /// A generator with the given state, which must not be all zero (an all-zero state is
    /// replaced by the state [`Xoshiro256StarStar::seed_from_u64`]`(0)` gives).
    pub fn from_state(s: [u64; 4]) -> Self {
        if s == [0; 4] {
            Self::seed_from_u64(0)
        } else {
            Xoshiro256StarStar { s }
        }
    }

    /// A generator whose state is the next four outputs of [`splitmix64`] started at `seed`
    /// (the seeding Vigna recommends).
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut sm = seed;
        let s = [
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
        ];
        // Four consecutive SplitMix64 outputs are never all zero (mix is a bijection).
        Xoshiro256StarStar { s }
    }

    /// An independent generator for stream `stream` of `seed` (e.g. one per bootstrap
    /// replicate): [`Xoshiro256StarStar::seed_from_u64`]`(mix(seed ^ mix(stream + γ)))`, with mix
    /// SplitMix64's output function. Streams can be generated in any order or in parallel with
    /// identical results.
    pub fn for_stream(seed: u64, stream: u64) -> Self {
        Self::seed_from_u64(mix64(seed ^ mix64(stream.wrapping_add(GOLDEN_GAMMA))))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform integer in 0..n without modulo bias (Lemire's multiply-and-reject method:
    /// ⌊x·n / 2⁶⁴⌋ for a 64-bit x, redrawn when the low half of x·n falls below 2⁶⁴ mod n).
    /// Returns 0 when n = 0.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let threshold = n.wrapping_neg() % n;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(n);
            if (m as u64) >= threshold {
                return (m >> 64) as u64;
            }
        }
    }

    /// A uniform float in [0, 1) with 53 random bits: (x >> 11)·2⁻⁵³.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

// ---------------------------------------------------------------------------------------------
// Cluster bootstrap
// ---------------------------------------------------------------------------------------------

/// Settings of the bootstrap functions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BootstrapOptions {
    /// Number of replicates B (default 2,000).
    pub replicates: usize,
    /// Seed of the generator; the same seed gives the same interval.
    pub seed: u64,
    /// Coverage of the percentile interval, in (0, 1) (default 0.95: the 2.5th and 97.5th
    /// percentiles).
    pub confidence: f64,
}

impl Default for BootstrapOptions {
    /// B = 2,000 replicates, seed 20_200_110, 95% interval.
    fn default() -> Self {
        BootstrapOptions {
            replicates: 2_000,
            seed: 20_200_110,
            confidence: 0.95,
        }
    }
}

/// A bootstrap percentile interval for θ_a − θ_b.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BootstrapInterval {
    /// The statistic on the original data, θ̂_a − θ̂_b.
    pub estimate: f64,
    /// The (50 − 50·confidence)th percentile of the replicates (2.5th for 95%).
    pub lower: f64,
    /// The (50 + 50·confidence)th percentile of the replicates (97.5th for 95%).
    pub upper: f64,
    /// Bootstrap standard error: the sample standard deviation (divisor B′ − 1) of the
    /// replicates; 0 when B′ = 1.
    pub std_error: f64,
    /// B′, the number of replicates used: those where both statistics were defined and their
    /// difference finite.
    pub replicates: usize,
}

/// Cluster bootstrap percentile interval for the difference θ(a) − θ(b) of any statistic θ of
/// two groups of clusters (the resampling units, e.g. paragraphs).
///
/// Replicate r = 0..B draws |a| clusters of `a` with replacement and |b| clusters of `b` with
/// replacement, using [`Xoshiro256StarStar::for_stream`]`(seed, r)` (indices uniform via
/// [`Xoshiro256StarStar::below`], first all of a's draws then all of b's), and records
/// θ(a*) − θ(b*); `statistic` receives the drawn clusters in draw order. The interval is the
/// (50 ∓ 50·confidence)th [`percentile`] of the recorded differences (numpy's linear rule).
/// Replicates where `statistic` returns `None` for either group, or the difference is not finite,
/// are skipped (and not counted in [`BootstrapInterval::replicates`]). The computation is
/// sequential and each replicate has its own stream, so the result depends only on the inputs,
/// `statistic` and `options`.
///
/// `None` when a group has no clusters, B = 0, the confidence is not in (0, 1), the statistic is
/// undefined on the original data, or no replicate is usable.
pub fn bootstrap_difference<T, F>(
    a: &[T],
    b: &[T],
    statistic: F,
    options: &BootstrapOptions,
) -> Option<BootstrapInterval>
where
    F: Fn(&[&T]) -> Option<f64>,
{
    let conf = options.confidence;
    if a.is_empty() || b.is_empty() || options.replicates == 0 || !(conf > 0.0 && conf < 1.0) {
        return None;
    }
    let all_a: Vec<&T> = a.iter().collect();
    let all_b: Vec<&T> = b.iter().collect();
    let estimate = statistic(&all_a)? - statistic(&all_b)?;
    if !estimate.is_finite() {
        return None;
    }
    let mut draws_a: Vec<&T> = Vec::with_capacity(a.len());
    let mut draws_b: Vec<&T> = Vec::with_capacity(b.len());
    let mut reps: Vec<f64> = Vec::with_capacity(options.replicates);
    for r in 0..options.replicates {
        draws_a.clear();
        draws_b.clear();
        draw_replicate(
            options.seed,
            r,
            (a.len(), b.len()),
            |i| draws_a.push(&a[i]),
            |i| draws_b.push(&b[i]),
        );
        if let (Some(ta), Some(tb)) = (statistic(&draws_a), statistic(&draws_b)) {
            let diff = ta - tb;
            if diff.is_finite() {
                reps.push(diff);
            }
        }
    }
    interval_of_replicates(estimate, reps, conf)
}

/// Replicate `r`'s resample, from stream `r` of `seed`: `n_a` indices into group a (each given to
/// `to_a`), then `n_b` into group b, uniform with replacement. Every bootstrap here draws through
/// this, so the same seed and group sizes give the same resample whatever the statistic.
fn draw_replicate(
    seed: u64,
    r: usize,
    (n_a, n_b): (usize, usize),
    mut to_a: impl FnMut(usize),
    mut to_b: impl FnMut(usize),
) {
    let mut rng = Xoshiro256StarStar::for_stream(seed, r as u64);
    for _ in 0..n_a {
        to_a(rng.below(n_a as u64) as usize);
    }
    for _ in 0..n_b {
        to_b(rng.below(n_b as u64) as usize);
    }
}

/// The percentile interval and standard error of the replicates `reps` around `estimate`; `None`
/// without replicates.
fn interval_of_replicates(
    estimate: f64,
    mut reps: Vec<f64>,
    conf: f64,
) -> Option<BootstrapInterval> {
    if reps.is_empty() {
        return None;
    }
    reps.sort_by(f64::total_cmp);
    let half = 50.0 * conf;
    let lower = percentile_sorted(&reps, 50.0 - half)?;
    let upper = percentile_sorted(&reps, 50.0 + half)?;
    let count = reps.len() as f64;
    let mean = reps.iter().sum::<f64>() / count;
    let std_error = if reps.len() > 1 {
        (reps.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (count - 1.0)).sqrt()
    } else {
        0.0
    };
    Some(BootstrapInterval {
        estimate,
        lower,
        upper,
        std_error,
        replicates: reps.len(),
    })
}

/// Mean over all values of a set of clusters, Σ_c Σ_{v∈c} v / Σ_c |c| (clusters weighted by
/// size); `None` when there is no value.
pub fn cluster_mean<C: AsRef<[f64]>>(clusters: &[&C]) -> Option<f64> {
    let (sum, count) = clusters.iter().fold((0.0, 0usize), |(s, n), c| {
        let c = c.as_ref();
        (s + c.iter().sum::<f64>(), n + c.len())
    });
    (count > 0).then(|| sum / count as f64)
}

/// Cluster bootstrap interval for the difference in means mean(a) − mean(b), where each group is
/// a list of clusters (e.g. the sentence compounds of each paragraph) and the mean is over all
/// values of the (resampled) clusters ([`cluster_mean`]): [`bootstrap_difference`] with that
/// statistic. Empty clusters are allowed (they are drawn but add no value).
pub fn bootstrap_mean_difference<C: AsRef<[f64]>>(
    a: &[C],
    b: &[C],
    options: &BootstrapOptions,
) -> Option<BootstrapInterval> {
    // Pre-sum each cluster so a replicate costs O(clusters), not O(values).
    let summarise = |g: &[C]| -> Vec<RatioCluster> {
        g.iter()
            .map(|c| RatioCluster {
                numerator: c.as_ref().iter().sum(),
                denominator: c.as_ref().len() as f64,
            })
            .collect()
    };
    bootstrap_rate_difference(&summarise(a), &summarise(b), 1.0, options)
}

/// A cluster's contribution to a ratio of sums: e.g. a paragraph's frame hits (numerator) and
/// tokens (denominator).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RatioCluster {
    /// The cluster's numerator (e.g. frame hits).
    pub numerator: f64,
    /// The cluster's denominator (e.g. tokens).
    pub denominator: f64,
}

/// The ratio of sums of a set of clusters scaled by `per`, per · Σ numerator / Σ denominator
/// (e.g. hits per 1,000 tokens with per = 1000); `None` when Σ denominator = 0.
pub fn ratio_of_sums(clusters: &[&RatioCluster], per: f64) -> Option<f64> {
    ratio_of_sums_in_order(clusters.iter().copied(), per)
}

/// [`ratio_of_sums`] of clusters as they come, summed in that order.
fn ratio_of_sums_in_order<'a>(
    clusters: impl Iterator<Item = &'a RatioCluster>,
    per: f64,
) -> Option<f64> {
    let (num, den) = clusters.fold((0.0, 0.0), |(n, d), c| (n + c.numerator, d + c.denominator));
    (den != 0.0).then(|| per * num / den)
}

/// Row-major numerators and denominators: cluster i's rate m at 2·(i·rates + m) and the next slot.
fn cluster_rows(per_rate: &[Vec<RatioCluster>]) -> Vec<f64> {
    let (rates, n) = (per_rate.len(), per_rate.first().map_or(0, Vec::len));
    let mut rows = vec![0.0; 2 * rates * n];
    for (m, clusters) in per_rate.iter().enumerate() {
        for (i, c) in clusters.iter().enumerate() {
            rows[2 * (i * rates + m)] = c.numerator;
            rows[2 * (i * rates + m) + 1] = c.denominator;
        }
    }
    rows
}

/// Every rate's (Σ numerator, Σ denominator) over the clusters at `at`, added in that order from 0.
fn sums_at(rows: &[f64], rates: usize, at: &[usize]) -> Vec<f64> {
    let mut sums = vec![0.0; 2 * rates];
    for &i in at {
        for (s, v) in sums
            .iter_mut()
            .zip(&rows[2 * rates * i..2 * rates * (i + 1)])
        {
            *s += v;
        }
    }
    sums
}

/// per · Σ numerator / Σ denominator of rate m from [`sums_at`]; `None` when Σ denominator = 0.
fn ratio_at(sums: &[f64], m: usize, per: f64) -> Option<f64> {
    let (num, den) = (sums[2 * m], sums[2 * m + 1]);
    (den != 0.0).then(|| per * num / den)
}

/// Cluster bootstrap interval for the difference of two rates, per·ΣN_a/ΣD_a − per·ΣN_b/ΣD_b
/// ([`ratio_of_sums`]), resampling clusters: e.g. frame hits per 1,000 tokens with paragraphs
/// as clusters and per = 1000. [`bootstrap_difference`] with that statistic; replicates whose
/// drawn denominators sum to 0 are skipped.
pub fn bootstrap_rate_difference(
    a: &[RatioCluster],
    b: &[RatioCluster],
    per: f64,
    options: &BootstrapOptions,
) -> Option<BootstrapInterval> {
    bootstrap_difference(a, b, |c| ratio_of_sums(c, per), options)
}

/// [`bootstrap_rate_difference`] of several rates over the same two groups of clusters, at once:
/// rate m has numerators and denominators `a[m]`, `b[m]` (one entry per cluster, in the same
/// cluster order for every rate) and scale `per[m]`. Each replicate draws its clusters once and
/// every rate sums the same draws in the same order, so each result is exactly what
/// [`bootstrap_rate_difference`] gives for that rate alone, for a fraction of the draws.
///
/// Returns one interval per rate; all `None` when the groups' cluster counts differ between
/// rates.
pub fn bootstrap_rate_differences(
    a: &[Vec<RatioCluster>],
    b: &[Vec<RatioCluster>],
    per: &[f64],
    options: &BootstrapOptions,
) -> Vec<Option<BootstrapInterval>> {
    let rates = per.len().min(a.len()).min(b.len());
    let (n_a, n_b) = (a.first().map_or(0, Vec::len), b.first().map_or(0, Vec::len));
    let conf = options.confidence;
    if a[..rates].iter().any(|c| c.len() != n_a) || b[..rates].iter().any(|c| c.len() != n_b) {
        return vec![None; rates];
    }
    if n_a == 0 || n_b == 0 || options.replicates == 0 || !(conf > 0.0 && conf < 1.0) {
        return vec![None; rates];
    }
    // One rate of the clusters at `draws`, summed in draw order.
    // Each cluster's numerators and denominators of every rate side by side, so that a replicate
    // walks its draws once for all rates; each rate is still summed in draw order.
    let (rows_a, rows_b) = (cluster_rows(&a[..rates]), cluster_rows(&b[..rates]));
    let estimates: Vec<Option<f64>> = (0..rates)
        .map(|m| {
            let ta = ratio_of_sums_in_order(a[m].iter(), per[m])?;
            let tb = ratio_of_sums_in_order(b[m].iter(), per[m])?;
            Some(ta - tb).filter(|e| e.is_finite())
        })
        .collect();
    use rayon::prelude::*;
    // Replicates are independent streams, so they run in parallel and are collected in order:
    // the result does not depend on the thread count.
    let per_replicate: Vec<Vec<Option<f64>>> = (0..options.replicates)
        .into_par_iter()
        .with_min_len(32)
        .map_init(
            || (Vec::with_capacity(n_a), Vec::with_capacity(n_b)),
            |(draws_a, draws_b): &mut (Vec<usize>, Vec<usize>), r| {
                draws_a.clear();
                draws_b.clear();
                draw_replicate(
                    options.seed,
                    r,
                    (n_a, n_b),
                    |i| draws_a.push(i),
                    |i| draws_b.push(i),
                );
                let (sa, sb) = (
                    sums_at(&rows_a, rates, draws_a),
                    sums_at(&rows_b, rates, draws_b),
                );
                (0..rates)
                    .map(|m| {
                        estimates[m]?;
                        let ta = ratio_at(&sa, m, per[m])?;
                        let tb = ratio_at(&sb, m, per[m])?;
                        Some(ta - tb).filter(|d| d.is_finite())
                    })
                    .collect()
            },
        )
        .collect();
    let mut reps: Vec<Vec<f64>> = vec![Vec::new(); rates];
    for diffs in per_replicate {
        for (m, diff) in diffs.into_iter().enumerate() {
            reps[m].extend(diff);
        }
    }
    estimates
        .into_iter()
        .zip(reps)
        .map(|(estimate, reps)| interval_of_replicates(estimate?, reps, conf))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Normal-theory interval for large samples
// ---------------------------------------------------------------------------------------------

/// Quantile function of the standard normal distribution, by bisection on [`normal_sf`]: slow but
/// exact to double precision, and called a handful of times per run.
pub fn normal_quantile(p: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0) {
        return None;
    }
    let (mut lo, mut hi) = (-40.0f64, 40.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        // P(Z ≤ mid) = 1 − P(Z > mid)
        if 1.0 - normal_sf(mid) < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(0.5 * (lo + hi))
}

/// The sums a cluster-robust ratio variance needs: over m clusters with numerators y and denominators
/// x, Σy, Σx, Σy², Σx² and Σxy. They add up across disjoint sets of clusters, so shards can merge them.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RatioMoments {
    /// Number of clusters m.
    pub clusters: usize,
    /// Σ y.
    pub sy: f64,
    /// Σ x.
    pub sx: f64,
    /// Σ y².
    pub syy: f64,
    /// Σ x².
    pub sxx: f64,
    /// Σ x·y.
    pub sxy: f64,
}

impl RatioMoments {
    /// The moments of a list of clusters.
    pub fn of(clusters: &[RatioCluster]) -> RatioMoments {
        clusters.iter().fold(
            RatioMoments {
                clusters: clusters.len(),
                ..Default::default()
            },
            |m, c| {
                let (y, x) = (c.numerator, c.denominator);
                RatioMoments {
                    sy: m.sy + y,
                    sx: m.sx + x,
                    syy: m.syy + y * y,
                    sxx: m.sxx + x * x,
                    sxy: m.sxy + x * y,
                    ..m
                }
            },
        )
    }

    /// The ratio R = Σy/Σx and its cluster-robust (linearisation) variance
    /// m/(m−1) · Σ(y − R·x)² / (Σx)², with Σ(y − R·x)² = Σy² − 2R·Σxy + R²·Σx². `None` with fewer than two
    /// clusters or Σx = 0.
    pub fn variance(&self) -> Option<(f64, f64)> {
        let m = self.clusters as f64;
        if self.clusters < 2 || self.sx == 0.0 {
            return None;
        }
        let r = self.sy / self.sx;
        let ss = (self.syy - 2.0 * r * self.sxy + r * r * self.sxx).max(0.0);
        Some((r, m / (m - 1.0) * ss / (self.sx * self.sx)))
    }
}

/// The ratio R = Σy/Σx of clusters with numerators y and denominators x, and its cluster-robust
/// variance ([`RatioMoments::variance`]).
pub fn ratio_variance(clusters: &[RatioCluster]) -> Option<(f64, f64)> {
    RatioMoments::of(clusters).variance()
}

/// A ratio of sums and its normal-theory interval: `per`·R and `per`·(R ∓ z·√Var) with the cluster-robust
/// variance of [`RatioMoments::variance`] (`None` with fewer than two clusters; the estimate alone then).
/// `z` is the normal quantile of the confidence ([`normal_quantile`], computed once by the caller: it
/// is slow, and tables call this thousands of times).
pub fn normal_ratio_interval(
    m: &RatioMoments,
    per: f64,
    z: f64,
) -> (Option<f64>, Option<(f64, f64)>) {
    let estimate = (m.sx > 0.0).then(|| per * m.sy / m.sx);
    let bounds = m
        .variance()
        .map(|(r, v)| (per * (r - z * v.sqrt()), per * (r + z * v.sqrt())));
    (estimate, bounds)
}

/// The ratio of two ratios of sums, R_a/R_b, with its interval on the log scale (delta method):
/// exp(ln(R_a/R_b) ∓ z·√(Var_a/R_a² + Var_b/R_b²)) from the cluster-robust variances of
/// [`RatioMoments::variance`]. The log scale keeps the interval positive and symmetric in a/b against
/// b/a. `None` when either rate is zero or has fewer than two clusters.
pub fn normal_ratio_of_rates(
    a: &RatioMoments,
    b: &RatioMoments,
    confidence: f64,
) -> Option<(f64, f64, f64)> {
    let (ra, va) = a.variance()?;
    let (rb, vb) = b.variance()?;
    if ra <= 0.0 || rb <= 0.0 {
        return None;
    }
    let z = normal_quantile(0.5 + confidence / 2.0)?;
    let ratio = ra / rb;
    let se = (va / (ra * ra) + vb / (rb * rb)).sqrt();
    Some((ratio, ratio * (-z * se).exp(), ratio * (z * se).exp()))
}

/// The normal-theory limit of [`bootstrap_rate_difference`]: `per`·(R_a − R_b) ± z·√(Var_a + Var_b)
/// with the cluster-robust variances of [`ratio_variance`] and z the normal quantile for the
/// confidence. With thousands of clusters the percentile bootstrap converges to this interval, at a
/// thousandth of the cost. `replicates` is 0 in the result: no resampling took place.
pub fn normal_rate_difference(
    a: &RatioMoments,
    b: &RatioMoments,
    per: f64,
    confidence: f64,
) -> Option<BootstrapInterval> {
    let (ra, va) = a.variance()?;
    let (rb, vb) = b.variance()?;
    let z = normal_quantile(0.5 + confidence / 2.0)?;
    let estimate = per * (ra - rb);
    let std_error = per * (va + vb).sqrt();
    Some(BootstrapInterval {
        estimate,
        lower: estimate - z * std_error,
        upper: estimate + z * std_error,
        std_error,
        replicates: 0,
    })
}

// ---------------------------------------------------------------------------------------------
// Permutation test across clusters
// ---------------------------------------------------------------------------------------------

/// Stream salt of the permutation test, so its draws never repeat the bootstrap's.
const PERMUTATION_SALT: u64 = 0x7065_726d_7574_6521;

/// Splits up to which the permutation test enumerates every assignment instead of drawing.
pub const EXACT_PERMUTATIONS: u64 = 20_000;

/// A permutation p-value and how it was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PermutationP {
    /// Two-sided p: the share of assignments whose |difference| is at least the observed one
    /// (Monte Carlo: (1 + count) / (1 + replicates)).
    pub p: f64,
    /// Whether every assignment was enumerated.
    pub exact: bool,
}

/// n choose k, saturating at `u64::MAX`.
fn choose(n: u64, k: u64) -> u64 {
    let k = k.min(n - k.min(n));
    let mut c: u128 = 1;
    for i in 0..k {
        c = c * u128::from(n - i) / u128::from(i + 1);
        if c > u128::from(u64::MAX) {
            return u64::MAX;
        }
    }
    c as u64
}

/// Two-sided permutation p-values of the differences of several rates between side a and side b,
/// per·ΣN/ΣD of a minus that of b, permuting whole clusters between the sides (the sides' sizes
/// kept): the test that respects the sampling unit when the groups are assigned at cluster level.
/// Every assignment is enumerated while there are at most [`EXACT_PERMUTATIONS`] of them; beyond,
/// `options.replicates` are drawn, replicate r by Fisher–Yates with the stream r of the seed (salted
/// apart from the bootstrap's). `a[m]` and `b[m]` are the clusters of rate m, in the same order for every
/// rate. A difference counts as extreme when |d*| ≥ |d|·(1 − 1e-12), so that rounding does not hide
/// ties. `None` for a rate whose observed difference is undefined.
pub fn permutation_rate_differences(
    a: &[Vec<RatioCluster>],
    b: &[Vec<RatioCluster>],
    per: &[f64],
    options: &BootstrapOptions,
) -> Vec<Option<PermutationP>> {
    use rayon::prelude::*;
    let rates = per.len().min(a.len()).min(b.len());
    let (n_a, n_b) = (a.first().map_or(0, Vec::len), b.first().map_or(0, Vec::len));
    if n_a == 0
        || n_b == 0
        || a[..rates].iter().any(|c| c.len() != n_a)
        || b[..rates].iter().any(|c| c.len() != n_b)
    {
        return vec![None; rates];
    }
    let n = n_a + n_b;
    // Every rate's clusters pooled, side a first, row-major (see [`cluster_rows`]).
    let pooled: Vec<Vec<RatioCluster>> = (0..rates)
        .map(|m| a[m].iter().chain(&b[m]).copied().collect())
        .collect();
    let rows = cluster_rows(&pooled);
    let all: Vec<usize> = (0..n).collect();
    let totals = sums_at(&rows, rates, &all);
    // Every rate's difference when the clusters at `side_a` (indices into the pool) form side a.
    let differences = |side_a: &[usize]| -> Vec<Option<f64>> {
        let sa = sums_at(&rows, rates, side_a);
        (0..rates)
            .map(|m| {
                let (num, den) = (sa[2 * m], sa[2 * m + 1]);
                let (num_b, den_b) = (totals[2 * m] - num, totals[2 * m + 1] - den);
                (den != 0.0 && den_b != 0.0).then(|| per[m] * (num / den - num_b / den_b))
            })
            .collect()
    };
    let first: Vec<usize> = (0..n_a).collect();
    let observed: Vec<Option<f64>> = differences(&first)
        .into_iter()
        .map(|d| d.filter(|d| d.is_finite()))
        .collect();
    let extreme = |side_a: &[usize]| -> Vec<u64> {
        differences(side_a)
            .into_iter()
            .zip(&observed)
            .map(|(x, d)| match (d, x) {
                (Some(d), Some(x)) => u64::from(x.abs() >= d.abs() * (1.0 - 1e-12)),
                _ => 0,
            })
            .collect()
    };
    let total = choose(n as u64, n_a as u64);
    let (counts, draws, exact): (Vec<u64>, u64, bool) = if total <= EXACT_PERMUTATIONS {
        // Every subset of size n_a, in lexicographic order.
        let mut subsets = Vec::with_capacity(total as usize);
        let mut s: Vec<usize> = (0..n_a).collect();
        loop {
            subsets.push(s.clone());
            let Some(i) = (0..n_a).rev().find(|&i| s[i] != i + n - n_a) else {
                break;
            };
            s[i] += 1;
            for j in i + 1..n_a {
                s[j] = s[j - 1] + 1;
            }
        }
        let counts = subsets.par_iter().map(|s| extreme(s)).reduce(
            || vec![0; rates],
            |x, y| x.iter().zip(&y).map(|(a, b)| a + b).collect(),
        );
        (counts, subsets.len() as u64, true)
    } else {
        let counts = (0..options.replicates)
            .into_par_iter()
            .with_min_len(32)
            .map(|r| {
                let mut rng =
                    Xoshiro256StarStar::for_stream(options.seed ^ PERMUTATION_SALT, r as u64);
                let mut perm: Vec<usize> = (0..n).collect();
                for i in (1..n).rev() {
                    let j = rng.below(i as u64 + 1) as usize;
                    perm.swap(i, j);
                }
                extreme(&perm[..n_a])
            })
            .reduce(
                || vec![0; rates],
                |x, y| x.iter().zip(&y).map(|(a, b)| a + b).collect(),
            );
        (counts, options.replicates as u64, false)
    };
    (0..rates)
        .map(|m| {
            observed[m]?;
            let p = if exact {
                counts[m] as f64 / draws as f64
            } else {
                (1 + counts[m]) as f64 / (1 + draws) as f64
            };
            Some(PermutationP { p, exact })
        })
        .collect()
}
