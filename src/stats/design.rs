//! Estimates for a whole corpus from a sample of units coded by people, drawn with known inclusion
//! probabilities (a stratified design: units the lexicon marks and units it does not, per category).
//!
//! Each coded unit carries its design weight, 1/π with π its probability of entering the sample.
//! Weighted totals are Horvitz–Thompson estimates of the corpus counts (true positives, units the
//! lexicon marks, units people would mark), unbiased by construction; precision and recall are
//! ratios of those totals, consistent and nearly unbiased at the sample sizes coding studies use
//! (`tests/design_simulation.rs` measures the bias where the truth is known).

/// One coded unit: its design weight and the two codes compared.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coded {
    /// 1/π: how many corpus units this sampled unit stands for.
    pub weight: f64,
    /// The lexicon marks the unit with the category.
    pub lexicon: bool,
    /// The people (the coders' majority, or the gold coder) mark it.
    pub human: bool,
}

/// Precision, recall and F1 of the lexicon against people; `None` where a denominator is zero.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Accuracy {
    /// Of the units the lexicon marks, the share people mark.
    pub precision: Option<f64>,
    /// Of the units people mark, the share the lexicon marks.
    pub recall: Option<f64>,
    /// Harmonic mean of the two.
    pub f1: Option<f64>,
}

/// Design-weighted precision, recall and F1 over `units`. With every weight 1 these are the plain
/// sample figures.
pub fn weighted_accuracy(units: &[Coded]) -> Accuracy {
    let (mut both, mut lexicon, mut human) = (0.0, 0.0, 0.0);
    for u in units {
        if u.lexicon {
            lexicon += u.weight;
        }
        if u.human {
            human += u.weight;
        }
        if u.lexicon && u.human {
            both += u.weight;
        }
    }
    let precision = (lexicon > 0.0).then(|| both / lexicon);
    let recall = (human > 0.0).then(|| both / human);
    let f1 = match (precision, recall) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    };
    Accuracy {
        precision,
        recall,
        f1,
    }
}
