//! Checks `framing::stats` against tests/fixtures/stats_reference.json, written by the
//! independent Python implementation in scripts/stats_reference.py (numpy, scipy, and quanteda's
//! keyness formulas re-implemented).
//!
//! Tolerance: every value must agree within 1e-9 relative, or 1e-12 absolute when the expected
//! value is near zero (|x| < 1e-3), i.e. |got − want| ≤ max(1e-9·|want|, 1e-12). erfc and the
//! distribution tails are held to 1e-13 relative as well. Row order (by statistic, then word) must
//! match exactly.

use std::collections::HashMap;
use std::path::Path;

use framing::stats::{
    chi2_sf_1df, cliffs_delta, erfc, keyness, keyness_extremes, log_odds, log_odds_extremes,
    mann_whitney_u, normal_sf, percentile, Prior, Table2x2,
};
use serde::Deserialize;

const REL: f64 = 1e-9;
const ABS_NEAR_ZERO: f64 = 1e-12;

type Counts = framing::stats::Counts;

#[derive(Deserialize)]
struct Fixture {
    inputs: HashMap<String, Counts>,
    log_odds: Vec<LogOddsCase>,
    keyness: Vec<KeynessCase>,
    keyness_tables: Vec<TableRow>,
    mann_whitney: Vec<MannWhitneyCase>,
    erfc: Vec<ErfcRow>,
    chi2_sf_1df: Vec<SfRow>,
    normal_sf: Vec<NormRow>,
    percentile: Vec<PercentileRow>,
}

#[derive(Deserialize)]
struct PriorSpec {
    kind: String,
    background: Option<String>,
    value: Option<f64>,
}

#[derive(Deserialize)]
struct LogOddsCase {
    name: String,
    i: String,
    j: String,
    prior: PriorSpec,
    prior_size: Option<f64>,
    expected: Vec<LogOddsRow>,
}

#[derive(Deserialize)]
struct LogOddsRow {
    word: String,
    count_i: u64,
    count_j: u64,
    alpha: f64,
    delta: f64,
    variance: f64,
    z: f64,
}

#[derive(Deserialize)]
struct KeynessCase {
    name: String,
    target: String,
    reference: String,
    expected: Vec<KeynessRow>,
}

#[derive(Deserialize)]
struct KeynessRow {
    word: String,
    n_target: u64,
    n_reference: u64,
    chi2: f64,
    chi2_p: f64,
    g2: f64,
    g2_p: f64,
}

#[derive(Deserialize)]
struct TableRow {
    a: f64,
    b: f64,
    c: f64,
    d: f64,
    yates_applies: bool,
    williams_q: f64,
    chi2: f64,
    chi2_p: f64,
    g2: f64,
    g2_p: f64,
}

#[derive(Deserialize)]
struct MannWhitneyCase {
    name: String,
    x: Vec<f64>,
    y: Vec<f64>,
    u1: f64,
    u2: f64,
    z: f64,
    sigma: f64,
    p: f64,
    cliffs_delta: f64,
}

#[derive(Deserialize)]
struct ErfcRow {
    x: f64,
    erfc: f64,
}

#[derive(Deserialize)]
struct SfRow {
    x: f64,
    sf: f64,
}

#[derive(Deserialize)]
struct NormRow {
    z: f64,
    sf: f64,
}

#[derive(Deserialize)]
struct PercentileRow {
    values: Vec<f64>,
    q: Vec<f64>,
    expected: Vec<f64>,
}

fn fixture() -> Fixture {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stats_reference.json");
    let text = std::fs::read_to_string(&path).expect("read stats_reference.json");
    serde_json::from_str(&text).expect("parse stats_reference.json")
}

/// |got − want| ≤ max(rel·|want|, 1e-12).
fn close_within(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= (rel * want.abs()).max(ABS_NEAR_ZERO)
}

fn check(what: &str, got: f64, want: f64) {
    assert!(
        close_within(got, want, REL),
        "{what}: got {got:e}, want {want:e} (diff {:e})",
        (got - want).abs()
    );
}

#[test]
fn log_odds_matches_reference() {
    let fx = fixture();
    for case in &fx.log_odds {
        let ci = &fx.inputs[&case.i];
        let cj = &fx.inputs[&case.j];
        let prior = match case.prior.kind.as_str() {
            "pooled" => Prior::Pooled,
            "background" => Prior::Background(&fx.inputs[case.prior.background.as_ref().unwrap()]),
            "uniform" => Prior::Uniform(case.prior.value.unwrap()),
            other => panic!("unknown prior {other}"),
        };
        let got = log_odds(ci, cj, prior, case.prior_size);
        let got_words: Vec<&str> = got.iter().map(|r| r.word.as_str()).collect();
        let want_words: Vec<&str> = case.expected.iter().map(|r| r.word.as_str()).collect();
        assert_eq!(
            got_words, want_words,
            "{}: words or order differ",
            case.name
        );
        for (g, w) in got.iter().zip(&case.expected) {
            let at = format!("{} {}", case.name, w.word);
            assert_eq!(
                (g.count_i, g.count_j),
                (w.count_i, w.count_j),
                "{at}: counts"
            );
            check(&format!("{at} alpha"), g.alpha, w.alpha);
            check(&format!("{at} delta"), g.delta, w.delta);
            check(&format!("{at} variance"), g.variance, w.variance);
            check(&format!("{at} z"), g.z, w.z);
        }
    }
}

#[test]
fn keyness_matches_reference() {
    let fx = fixture();
    for case in &fx.keyness {
        let got = keyness(&fx.inputs[&case.target], &fx.inputs[&case.reference]);
        let got_words: Vec<&str> = got.iter().map(|r| r.word.as_str()).collect();
        let want_words: Vec<&str> = case.expected.iter().map(|r| r.word.as_str()).collect();
        assert_eq!(
            got_words, want_words,
            "{}: words or order differ",
            case.name
        );
        for (g, w) in got.iter().zip(&case.expected) {
            let at = format!("{} {}", case.name, w.word);
            assert_eq!(
                (g.n_target, g.n_reference),
                (w.n_target, w.n_reference),
                "{at}"
            );
            check(&format!("{at} chi2"), g.chi2, w.chi2);
            check(&format!("{at} chi2_p"), g.chi2_p, w.chi2_p);
            check(&format!("{at} g2"), g.g2, w.g2);
            check(&format!("{at} g2_p"), g.g2_p, w.g2_p);
        }
    }
}

#[test]
fn keyness_tables_match_reference() {
    let fx = fixture();
    for w in &fx.keyness_tables {
        let t = Table2x2 {
            a: w.a,
            b: w.b,
            c: w.c,
            d: w.d,
        };
        let at = format!("table {} {} {} {}", w.a, w.b, w.c, w.d);
        assert_eq!(t.yates_applies(), w.yates_applies, "{at}: Yates rule");
        check(&format!("{at} q"), t.williams_q(), w.williams_q);
        let chi2 = t.chi2().expect("defined");
        let g2 = t.g2_williams().expect("defined");
        check(&format!("{at} chi2"), chi2, w.chi2);
        assert_eq!(
            chi2.is_sign_negative(),
            w.chi2.is_sign_negative(),
            "{at}: sign of chi2"
        );
        check(&format!("{at} chi2_p"), chi2_sf_1df(chi2.abs()), w.chi2_p);
        check(&format!("{at} g2"), g2, w.g2);
        check(&format!("{at} g2_p"), chi2_sf_1df(g2.abs()), w.g2_p);
    }
}

#[test]
fn mann_whitney_and_cliffs_delta_match_reference() {
    let fx = fixture();
    for w in &fx.mann_whitney {
        let g = mann_whitney_u(&w.x, &w.y).expect("non-empty samples");
        let at = &w.name;
        assert_eq!((g.n_x, g.n_y), (w.x.len(), w.y.len()), "{at}");
        check(&format!("{at} u1"), g.u1, w.u1);
        check(&format!("{at} u2"), g.u2, w.u2);
        check(&format!("{at} sigma"), g.sigma, w.sigma);
        check(&format!("{at} z"), g.z, w.z);
        check(&format!("{at} p"), g.p, w.p);
        let d = cliffs_delta(&w.x, &w.y).expect("non-empty samples");
        check(&format!("{at} cliffs_delta"), d, w.cliffs_delta);
        // Cliff's delta and U are two views of the same pair counts.
        check(
            &format!("{at} delta vs U"),
            d,
            (g.u1 - g.u2) / (w.x.len() * w.y.len()) as f64,
        );
    }
}

#[test]
fn special_functions_match_scipy() {
    let fx = fixture();
    for w in &fx.erfc {
        let got = erfc(w.x);
        assert!(
            close_within(got, w.erfc, 1e-13) || (w.erfc < 1e-300 && got < 1e-300),
            "erfc({}): got {got:e}, want {:e}",
            w.x,
            w.erfc
        );
    }
    for w in &fx.chi2_sf_1df {
        let got = chi2_sf_1df(w.x);
        assert!(
            close_within(got, w.sf, 1e-13),
            "chi2_sf_1df({}): got {got:e}, want {:e}",
            w.x,
            w.sf
        );
    }
    for w in &fx.normal_sf {
        let got = normal_sf(w.z);
        assert!(
            close_within(got, w.sf, 1e-13),
            "normal_sf({}): got {got:e}, want {:e}",
            w.z,
            w.sf
        );
    }
}

#[test]
fn percentile_matches_numpy() {
    let fx = fixture();
    for row in &fx.percentile {
        for (&q, &want) in row.q.iter().zip(&row.expected) {
            let got = percentile(&row.values, q).expect("non-empty");
            check(
                &format!("percentile n={} q={q}", row.values.len()),
                got,
                want,
            );
        }
    }
}

#[test]
fn degenerate_inputs_give_empty_results() {
    let empty = Counts::default();
    let one: Counts = [("word".to_string(), 3u64)].into_iter().collect();
    assert!(log_odds(&empty, &empty, Prior::Pooled, None).is_empty());
    assert!(log_odds(&one, &one, Prior::Pooled, Some(0.0)).is_empty());
    assert!(log_odds(&one, &one, Prior::Background(&empty), None).is_empty());
    assert!(keyness(&empty, &empty).is_empty());
    assert!(keyness(&one, &empty).is_empty());
    // A single-word corpus has an empty "other words" margin.
    assert!(keyness(&one, &one).is_empty());
    assert!(Table2x2::from_counts(5, 0, 4, 10).is_none());
    assert!(mann_whitney_u(&[], &[1.0]).is_none());
    assert!(mann_whitney_u(&[f64::NAN], &[1.0]).is_none());
    assert!(cliffs_delta(&[1.0], &[]).is_none());
    assert!(percentile(&[], 50.0).is_none());
    assert!(percentile(&[1.0], 101.0).is_none());
    assert!(erfc(f64::NAN).is_nan());
}

/// The rows the `*_extremes` functions promise from `full` (the complete ranking, side i's order):
/// its first `keep` rows, then up to `keep` of the rest ranked by side j's order (`tail`), shown in
/// reverse, so that ties are broken by each side's own counts.
fn head_and_tail<T: Clone>(
    full: &[T],
    keep: usize,
    tail: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    if keep == 0 {
        return Vec::new();
    }
    let n = keep.min(full.len());
    let mut rest = full[n..].to_vec();
    rest.sort_by(tail);
    rest.truncate(keep);
    rest.reverse();
    [&full[..n], &rest[..]].concat()
}

#[test]
fn extremes_are_the_head_and_tail_of_the_full_ranking() {
    let fx = fixture();
    let mut largest = 0;
    for case in &fx.log_odds {
        let (ci, cj) = (&fx.inputs[&case.i], &fx.inputs[&case.j]);
        let full = log_odds(ci, cj, Prior::Pooled, None);
        largest = largest.max(full.len());
        for keep in [0, 1, 2, 5, full.len() / 2, full.len()] {
            let got = log_odds_extremes(ci, cj, Prior::Pooled, None, keep);
            let side_j = |x: &framing::stats::LogOdds, y: &framing::stats::LogOdds| {
                x.z.total_cmp(&y.z)
                    .then_with(|| y.count_j.cmp(&x.count_j))
                    .then_with(|| x.word.cmp(&y.word))
            };
            assert_eq!(
                got,
                head_and_tail(&full, keep, side_j),
                "{} keep {keep}",
                case.name
            );
        }
    }
    for case in &fx.keyness {
        let (t, r) = (&fx.inputs[&case.target], &fx.inputs[&case.reference]);
        let full = keyness(t, r);
        for keep in [0, 1, 3, full.len() / 2, full.len()] {
            let got = keyness_extremes(t, r, keep);
            let reference = |x: &framing::stats::Keyness, y: &framing::stats::Keyness| {
                x.chi2
                    .total_cmp(&y.chi2)
                    .then_with(|| y.n_reference.cmp(&x.n_reference))
                    .then_with(|| x.word.cmp(&y.word))
            };
            assert_eq!(
                got,
                head_and_tail(&full, keep, reference),
                "{} keep {keep}",
                case.name
            );
        }
    }
    assert!(
        largest > 100,
        "some fixture should have a real vocabulary, not {largest} words"
    );
}

#[test]
fn ties_are_ordered_the_same_way_on_both_sides() {
    // "cat" and "dog" tie on side i, "apple" and "berry" on side j: each side lists its tied words in
    // word order, most extreme first (side j's rows are read from the end).
    let counts = |pairs: &[(&str, u64)]| -> Counts {
        pairs.iter().map(|(w, n)| (w.to_string(), *n)).collect()
    };
    let i = counts(&[("cat", 5), ("dog", 5), ("the", 40), ("and", 20)]);
    let j = counts(&[("apple", 5), ("berry", 5), ("the", 40), ("and", 20)]);
    let rows = log_odds_extremes(&i, &j, Prior::Pooled, None, 2);
    let words: Vec<&str> = rows.iter().map(|r| r.word.as_str()).collect();
    assert_eq!(words, ["cat", "dog", "berry", "apple"]);
    let key = keyness_extremes(&i, &j, 2);
    let words: Vec<&str> = key.iter().map(|r| r.word.as_str()).collect();
    assert_eq!(words, ["cat", "dog", "berry", "apple"]);
}
