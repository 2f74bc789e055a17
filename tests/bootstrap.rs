//! Tests of the cluster bootstrap and its random number generator in `framing::stats`.

use framing::stats::{
    bootstrap_difference, bootstrap_mean_difference, bootstrap_rate_difference,
    bootstrap_rate_differences, cluster_mean, splitmix64, BootstrapOptions, RatioCluster,
    Xoshiro256StarStar,
};

fn options(seed: u64) -> BootstrapOptions {
    BootstrapOptions {
        seed,
        ..BootstrapOptions::default()
    }
}

/// Deterministic, irregular clusters of values in [−1, 1] (sizes 1..=6), like sentence
/// compounds grouped by paragraph.
fn clusters(seed: u64, n: usize, shift: f64) -> Vec<Vec<f64>> {
    let mut rng = Xoshiro256StarStar::seed_from_u64(seed);
    (0..n)
        .map(|_| {
            let size = 1 + rng.below(6) as usize;
            (0..size)
                .map(|_| (2.0 * rng.next_f64() - 1.0) * 0.8 + shift)
                .collect()
        })
        .collect()
}

#[test]
fn splitmix64_matches_reference_outputs() {
    // Outputs of Vigna's splitmix64.c seeded with 1234567 (also the rand_xoshiro test vector).
    let mut state = 1_234_567u64;
    let got: Vec<u64> = (0..5).map(|_| splitmix64(&mut state)).collect();
    assert_eq!(
        got,
        [
            6_457_827_717_110_365_317,
            3_203_168_211_198_807_973,
            9_817_491_932_198_370_423,
            4_593_380_528_125_082_431,
            16_408_922_859_458_223_821,
        ]
    );
}

#[test]
fn xoshiro256starstar_matches_reference_outputs() {
    // Vigna's xoshiro256starstar.c from the state [1, 2, 3, 4] (the rand_xoshiro test vector).
    let mut rng = Xoshiro256StarStar::from_state([1, 2, 3, 4]);
    let got: Vec<u64> = (0..10).map(|_| rng.next_u64()).collect();
    assert_eq!(
        got,
        [
            11_520,
            0,
            1_509_978_240,
            1_215_971_899_390_074_240,
            1_216_172_134_540_287_360,
            607_988_272_756_665_600,
            16_172_922_978_634_559_625,
            8_476_171_486_693_032_832,
            10_595_114_339_597_558_777,
            2_904_607_092_377_533_576,
        ]
    );
}

#[test]
fn below_is_in_range_and_roughly_uniform() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(7);
    let mut hist = [0u32; 7];
    for _ in 0..70_000 {
        let k = rng.below(7) as usize;
        hist[k] += 1;
    }
    // Expected 10,000 each; 5 sd ≈ 463.
    for (k, &h) in hist.iter().enumerate() {
        assert!((9_500..=10_500).contains(&h), "bucket {k}: {h}");
    }
    assert_eq!(rng.below(1), 0);
    assert_eq!(rng.below(0), 0);
}

#[test]
fn same_seed_gives_identical_interval() {
    let a = clusters(1, 40, 0.1);
    let b = clusters(2, 35, 0.0);
    let first = bootstrap_mean_difference(&a, &b, &options(42)).unwrap();
    let second = bootstrap_mean_difference(&a, &b, &options(42)).unwrap();
    assert_eq!(first, second);
    assert_eq!(first.replicates, 2_000);
    assert!(first.lower <= first.estimate && first.estimate <= first.upper);
}

#[test]
fn different_seed_gives_different_interval() {
    let a = clusters(1, 40, 0.1);
    let b = clusters(2, 35, 0.0);
    let first = bootstrap_mean_difference(&a, &b, &options(42)).unwrap();
    let other = bootstrap_mean_difference(&a, &b, &options(43)).unwrap();
    assert_eq!(first.estimate, other.estimate);
    assert!(
        first.lower != other.lower && first.upper != other.upper,
        "{first:?} vs {other:?}"
    );
    // ... but both describe the same sampling distribution.
    assert!((first.std_error - other.std_error).abs() < 0.15 * first.std_error);
}

#[test]
fn interval_collapses_when_every_cluster_has_the_same_mean() {
    // Every cluster of a has mean 0.5 and every cluster of b mean −0.25, with different sizes
    // and spreads; all values are dyadic, so every resampled mean is exactly 0.5 and −0.25.
    let a = vec![
        vec![0.5],
        vec![0.0, 1.0],
        vec![0.25, 0.75, 0.5],
        vec![-0.5, 1.5],
        vec![0.5, 0.5, 0.5, 0.5],
    ];
    let b = vec![
        vec![-0.25, -0.25],
        vec![-1.0, 0.5],
        vec![0.25, -0.75, -0.25],
    ];
    let ci = bootstrap_mean_difference(&a, &b, &options(9)).unwrap();
    assert_eq!(ci.estimate, 0.75);
    assert_eq!(ci.lower, 0.75);
    assert_eq!(ci.upper, 0.75);
    assert_eq!(ci.std_error, 0.0);
}

#[test]
fn width_matches_analytic_standard_error_for_singleton_clusters() {
    // Clusters of size 1 are ordinary observations, so the 95% percentile interval should be
    // close to mean difference ± 1.96·SE with SE = √(s_a²/n_a + s_b²/n_b).
    let mut rng = Xoshiro256StarStar::seed_from_u64(2020);
    let a: Vec<Vec<f64>> = (0..1_500).map(|_| vec![rng.next_f64() * 2.0]).collect();
    // Skewed group b: exponential-ish values.
    let b: Vec<Vec<f64>> = (0..1_000)
        .map(|_| vec![-(1.0 - rng.next_f64()).ln()])
        .collect();
    let stats = |g: &[Vec<f64>]| {
        let n = g.len() as f64;
        let mean = g.iter().map(|c| c[0]).sum::<f64>() / n;
        let var = g.iter().map(|c| (c[0] - mean).powi(2)).sum::<f64>() / (n - 1.0);
        (mean, var / n)
    };
    let (ma, va) = stats(&a);
    let (mb, vb) = stats(&b);
    let se = (va + vb).sqrt();
    let ci = bootstrap_mean_difference(&a, &b, &BootstrapOptions::default()).unwrap();
    assert!((ci.estimate - (ma - mb)).abs() < 1e-12);
    let width = ci.upper - ci.lower;
    let analytic = 2.0 * 1.959_963_984_540_054 * se;
    assert!(
        (width / analytic - 1.0).abs() < 0.10,
        "width {width} vs 2·1.96·SE {analytic}"
    );
    assert!(
        (ci.std_error / se - 1.0).abs() < 0.10,
        "se {} vs {se}",
        ci.std_error
    );
    // The interval is centred near the estimate.
    let centre = (ci.lower + ci.upper) / 2.0;
    assert!((centre - ci.estimate).abs() < 0.1 * width);
}

#[test]
fn rate_difference_on_constructed_case() {
    // Group a: two paragraphs, 2 hits in 100 tokens and 0 hits in 300 tokens. A resample is
    // {p1, p1} (rate 20 per 1,000, probability ¼), {p1, p2} (5, probability ½) or {p2, p2} (0,
    // probability ¼). Group b: every paragraph has exactly 1 hit per 1,000 tokens.
    let a = [
        RatioCluster {
            numerator: 2.0,
            denominator: 100.0,
        },
        RatioCluster {
            numerator: 0.0,
            denominator: 300.0,
        },
    ];
    let b = [
        RatioCluster {
            numerator: 1.0,
            denominator: 1_000.0,
        },
        RatioCluster {
            numerator: 3.0,
            denominator: 3_000.0,
        },
        RatioCluster {
            numerator: 2.0,
            denominator: 2_000.0,
        },
    ];
    let ci = bootstrap_rate_difference(&a, &b, 1_000.0, &options(5)).unwrap();
    // Ratio of sums (2/400 → 5 per 1,000), not the mean of ratios (10 per 1,000).
    assert!((ci.estimate - 4.0).abs() < 1e-12, "{ci:?}");
    // With 2,000 replicates about 500 sit at each end, so the 2.5th and 97.5th percentiles are
    // the extreme outcomes exactly.
    assert!((ci.lower - (0.0 - 1.0)).abs() < 1e-12, "{ci:?}");
    assert!((ci.upper - (20.0 - 1.0)).abs() < 1e-12, "{ci:?}");
    assert_eq!(ci.replicates, 2_000);

    // The same through the generic API, with the statistic as a closure.
    let generic = bootstrap_difference(
        &a,
        &b,
        |c| {
            let hits: f64 = c.iter().map(|p| p.numerator).sum();
            let tokens: f64 = c.iter().map(|p| p.denominator).sum();
            (tokens > 0.0).then(|| hits / tokens * 1_000.0)
        },
        &options(5),
    )
    .unwrap();
    assert!((generic.lower - ci.lower).abs() < 1e-12);
    assert!((generic.upper - ci.upper).abs() < 1e-12);
}

#[test]
fn generic_mean_agrees_with_mean_difference() {
    let a = clusters(11, 25, 0.2);
    let b = clusters(12, 30, -0.1);
    let direct = bootstrap_mean_difference(&a, &b, &options(3)).unwrap();
    let generic = bootstrap_difference(&a, &b, cluster_mean, &options(3)).unwrap();
    assert_eq!(direct.replicates, generic.replicates);
    for (x, y) in [
        (direct.estimate, generic.estimate),
        (direct.lower, generic.lower),
        (direct.upper, generic.upper),
    ] {
        assert!((x - y).abs() < 1e-12, "{direct:?} vs {generic:?}");
    }
}

#[test]
fn undefined_replicates_are_skipped_and_empty_inputs_give_none() {
    // One cluster of a has no tokens: replicates drawing only it have no rate and are skipped.
    let a = [
        RatioCluster {
            numerator: 0.0,
            denominator: 0.0,
        },
        RatioCluster {
            numerator: 1.0,
            denominator: 10.0,
        },
    ];
    let b = [RatioCluster {
        numerator: 1.0,
        denominator: 20.0,
    }];
    let ci = bootstrap_rate_difference(&a, &b, 1.0, &options(1)).unwrap();
    assert!(ci.replicates < 2_000 && ci.replicates > 1_000, "{ci:?}");

    let none: [Vec<f64>; 0] = [];
    let some = [vec![1.0]];
    let opts = BootstrapOptions::default();
    assert!(bootstrap_mean_difference(&none, &some, &opts).is_none());
    assert!(bootstrap_mean_difference(&some, &none, &opts).is_none());
    assert!(bootstrap_mean_difference(&[Vec::<f64>::new()], &some, &opts).is_none());
    let zero = BootstrapOptions {
        replicates: 0,
        ..opts
    };
    assert!(bootstrap_mean_difference(&some, &some, &zero).is_none());
    let bad = BootstrapOptions {
        confidence: 1.0,
        ..opts
    };
    assert!(bootstrap_mean_difference(&some, &some, &bad).is_none());
}

#[test]
fn rates_bootstrapped_together_equal_each_bootstrapped_alone() {
    // Three rates over the same 40 and 25 clusters; the third has zero denominators in places
    // (some replicates undefined) and the fourth is undefined on the data (no denominator).
    let mut rng = Xoshiro256StarStar::seed_from_u64(77);
    let mut rates = |n: usize| -> Vec<Vec<RatioCluster>> {
        let mut draw = |numerator_scale: f64, zero_share: f64, empty: bool| -> Vec<RatioCluster> {
            (0..n)
                .map(|_| {
                    let denominator = if empty || rng.next_f64() < zero_share {
                        0.0
                    } else {
                        1.0 + rng.below(40) as f64
                    };
                    RatioCluster {
                        numerator: numerator_scale * rng.next_f64() * denominator,
                        denominator,
                    }
                })
                .collect()
        };
        vec![
            draw(1.0, 0.0, false),
            draw(0.05, 0.1, false),
            draw(2.0, 0.9, false),
            draw(1.0, 0.0, true),
        ]
    };
    let (a, b) = (rates(40), rates(25));
    let per = [1.0, 1_000.0, 1.0, 1.0];
    let opts = options(11);
    let together = bootstrap_rate_differences(&a, &b, &per, &opts);
    assert_eq!(together.len(), 4);
    for m in 0..4 {
        let alone = bootstrap_rate_difference(&a[m], &b[m], per[m], &opts);
        // Exactly equal: the same draws, summed in the same order.
        assert_eq!(together[m], alone, "rate {m}");
    }
    assert!(together[0].is_some() && together[1].is_some());
    assert!(together[3].is_none());
    // Rates over different numbers of clusters cannot share draws.
    let mut uneven = a.clone();
    uneven[1].pop();
    assert!(bootstrap_rate_differences(&uneven, &b, &per, &opts)
        .iter()
        .all(Option::is_none));
}
