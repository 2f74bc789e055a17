//! Large samples use the normal-theory limit of the paragraph bootstrap (cluster-robust variance of a
//! ratio of sums). On a large synthetic sample of uneven clusters the two intervals agree within 5% of
//! their width, which is what justifies the switch.

use framing::stats::{
    bootstrap_rate_difference, normal_quantile, normal_rate_difference, BootstrapOptions,
    RatioCluster, RatioMoments, Xoshiro256StarStar,
};

fn clusters(rng: &mut Xoshiro256StarStar, n: usize, shift: f64) -> Vec<RatioCluster> {
    (0..n)
        .map(|_| {
            let size = 1 + rng.below(8) as usize;
            let sum: f64 = (0..size).map(|_| rng.next_f64() * 2.0 - 1.0 + shift).sum();
            RatioCluster {
                numerator: sum,
                denominator: size as f64,
            }
        })
        .collect()
}

#[test]
fn normal_interval_matches_the_bootstrap_on_large_samples() {
    let mut rng = Xoshiro256StarStar::seed_from_u64(7);
    let a = clusters(&mut rng, 3_000, 0.05);
    let b = clusters(&mut rng, 4_000, 0.0);
    let boot =
        bootstrap_rate_difference(&a, &b, 1.0, &BootstrapOptions::default()).expect("bootstrap");
    let normal = normal_rate_difference(&RatioMoments::of(&a), &RatioMoments::of(&b), 1.0, 0.95)
        .expect("normal");
    let width = boot.upper - boot.lower;
    eprintln!(
        "bootstrap [{:.5}, {:.5}], normal [{:.5}, {:.5}]",
        boot.lower, boot.upper, normal.lower, normal.upper
    );
    assert_eq!(boot.estimate, normal.estimate);
    assert!((boot.lower - normal.lower).abs() < 0.05 * width);
    assert!((boot.upper - normal.upper).abs() < 0.05 * width);
}

#[test]
fn normal_quantile_is_exact() {
    let z = normal_quantile(0.975).expect("quantile");
    assert!((z - 1.959_963_984_540_054).abs() < 1e-12, "{z}");
    assert!(normal_quantile(0.0).is_none() && normal_quantile(1.0).is_none());
}
