//! Agreement between coders on nominal codes: Krippendorff's alpha, its bootstrap interval over
//! coded units, and pairwise percent agreement.
//!
//! Reliability data are units × coders, each cell a code or missing. Only units with two or more
//! codes are pairable; the rest carry no information about agreement and are left out, as
//! Krippendorff (2011, "Computing Krippendorff's Alpha-Reliability") prescribes. Codes are small
//! integers (0/1 for "the category applies"), so the coincidence matrix is a dense table.

/// Krippendorff's alpha for nominal codes over `units`, each a list of the codes its coders gave
/// (`None` for a coder who did not code it). `None` when fewer than two pairable values exist or
/// every pairable value is the same code (the expected disagreement is zero, and alpha undefined).
///
/// alpha = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k, where o_ck counts the c–k pairs within
/// each unit weighted by 1/(m_u − 1), n_c = Σ_k o_ck and n = Σ_c n_c.
pub fn krippendorff_alpha_nominal(units: &[Vec<Option<u32>>]) -> Option<f64> {
    let codes = units.iter().flatten().flatten().copied().max()? as usize + 1;
    let mut o = vec![0.0_f64; codes * codes];
    let mut counts = vec![0usize; codes];
    for unit in units {
        counts.iter_mut().for_each(|c| *c = 0);
        let mut m = 0usize;
        for &code in unit.iter().flatten() {
            counts[code as usize] += 1;
            m += 1;
        }
        if m < 2 {
            continue;
        }
        let weight = 1.0 / (m - 1) as f64;
        for c in 0..codes {
            for k in 0..codes {
                let pairs = if c == k {
                    counts[c] * counts[c].saturating_sub(1)
                } else {
                    counts[c] * counts[k]
                };
                o[c * codes + k] += pairs as f64 * weight;
            }
        }
    }
    let n_c: Vec<f64> = (0..codes)
        .map(|c| o[c * codes..(c + 1) * codes].iter().sum())
        .collect();
    let n: f64 = n_c.iter().sum();
    let mut observed = 0.0;
    let mut expected = 0.0;
    for c in 0..codes {
        for k in 0..codes {
            if c != k {
                observed += o[c * codes + k];
                expected += n_c[c] * n_c[k];
            }
        }
    }
    (n >= 2.0 && expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected)
}

/// Pairwise percent agreement: of all pairs of codes given to the same unit by two coders, the
/// share that agree. `None` when no unit has two codes.
pub fn percent_agreement(units: &[Vec<Option<u32>>]) -> Option<f64> {
    let (mut agree, mut pairs) = (0u64, 0u64);
    for unit in units {
        let codes: Vec<u32> = unit.iter().flatten().copied().collect();
        for (i, a) in codes.iter().enumerate() {
            for b in &codes[i + 1..] {
                pairs += 1;
                agree += u64::from(a == b);
            }
        }
    }
    (pairs > 0).then(|| agree as f64 / pairs as f64)
}

/// A percentile interval for alpha at `level` (0.95 for 95%) from `draws` bootstrap resamples of
/// the units, seeded by `seed`: the coded unit is the sampling unit of a reliability study, so whole
/// units are drawn with replacement and every coder's codes travel with their unit. Resamples in
/// which alpha is undefined (no variation) are skipped; `None` when fewer than half are defined.
pub fn bootstrap_alpha_interval(
    units: &[Vec<Option<u32>>],
    draws: usize,
    level: f64,
    seed: u64,
) -> Option<(f64, f64)> {
    let pairable: Vec<&Vec<Option<u32>>> = units
        .iter()
        .filter(|u| u.iter().flatten().count() >= 2)
        .collect();
    if pairable.is_empty() || draws == 0 {
        return None;
    }
    let mut rng = super::Xoshiro256StarStar::seed_from_u64(seed);
    let mut sample: Vec<Vec<Option<u32>>> = Vec::with_capacity(pairable.len());
    let mut alphas = Vec::with_capacity(draws);
    for _ in 0..draws {
        sample.clear();
        for _ in 0..pairable.len() {
            let pick = rng.below(pairable.len() as u64) as usize;
            sample.push(pairable[pick].clone());
        }
        alphas.extend(krippendorff_alpha_nominal(&sample));
    }
    if alphas.len() * 2 < draws {
        return None;
    }
    let tail = (1.0 - level) / 2.0 * 100.0;
    Some((
        super::percentile(&alphas, tail)?,
        super::percentile(&alphas, 100.0 - tail)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_agreement_is_one_and_undefined_without_variation() {
        let units = vec![vec![Some(1), Some(1)], vec![Some(0), Some(0), None]];
        assert_eq!(krippendorff_alpha_nominal(&units), Some(1.0));
        assert_eq!(percent_agreement(&units), Some(1.0));
        let constant = vec![vec![Some(1), Some(1)], vec![Some(1), Some(1)]];
        assert_eq!(krippendorff_alpha_nominal(&constant), None);
        assert_eq!(krippendorff_alpha_nominal(&[vec![Some(1), None]]), None);
    }

    #[test]
    fn the_bootstrap_interval_is_reproducible_brackets_alpha_and_narrows_with_more_units() {
        // Two coders who agree on 4 of every 5 units.
        let units = |n: usize| -> Vec<Vec<Option<u32>>> {
            (0..n)
                .map(|i| {
                    let a = (i % 2) as u32;
                    let b = if i % 5 == 0 { 1 - a } else { a };
                    vec![Some(a), Some(b), None]
                })
                .collect()
        };
        let small = units(50);
        let alpha = krippendorff_alpha_nominal(&small).unwrap();
        let (lo, hi) = bootstrap_alpha_interval(&small, 2000, 0.95, 7).unwrap();
        assert!(lo < alpha && alpha < hi, "{lo} {alpha} {hi}");
        assert_eq!(
            bootstrap_alpha_interval(&small, 2000, 0.95, 7),
            Some((lo, hi))
        );
        let (lo_big, hi_big) = bootstrap_alpha_interval(&units(800), 2000, 0.95, 7).unwrap();
        assert!(
            hi_big - lo_big < (hi - lo) / 2.0,
            "{lo_big}..{hi_big} vs {lo}..{hi}"
        );
    }
}
