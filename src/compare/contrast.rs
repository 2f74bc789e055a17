//! Group contrasts with uncertainty: which groups are compared, and for each contrast the sentiment
//! difference (paragraph bootstrap, Mann–Whitney U, Cliff's delta), the frame differences (paragraph
//! bootstrap), the distinctive words (log-odds with a Dirichlet prior, keyness) — each overall and split
//! by voice side.
//!
//! Reads only the mergeable sums of [`crate::aggregate::sums`]: histograms for the rank statistics,
//! paragraph sums for the bootstrap (small corpora) or paragraph moments for its normal-theory limit
//! (large ones), word counts for the word statistics. The statistics themselves are in [`crate::stats`].

use polars::prelude::*;

use crate::aggregate::sums::{ClusterSide, Dist, Measures, Summary, COMPOUND_SCALE, WEIGHT_SCALE};
use crate::error::{Error, Result};
use crate::frames::tokens::tokenize;
use crate::frames::Lexicon;
use crate::stats::Counts;
use crate::stats::{
    bh_q_values, bootstrap_rate_differences, cliffs_delta_counts, keyness_extremes_paired,
    log_odds_extremes_paired, mann_whitney_counts, normal_rate_difference, normal_ratio_of_rates,
    normal_sf, permutation_rate_differences, BootstrapInterval, BootstrapOptions, Paired,
    PermutationP, Prior, RatioCluster, RatioMoments,
};

/// One comparison: the groups on side a against those on side b.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contrast {
    /// Label of side a (a group name).
    pub a: String,
    /// Label of side b (a group name, or "rest").
    pub b: String,
    /// Groups on side a.
    pub groups_a: Vec<String>,
    /// Groups on side b.
    pub groups_b: Vec<String>,
}

impl Contrast {
    /// "opinion vs wire".
    pub fn label(&self) -> String {
        format!("{} vs {}", self.a, self.b)
    }
}

/// The contrasts for a sorted list of groups: none for one group, a − b for two, and each group against
/// the rest for three or more.
pub fn contrasts(groups: &[String]) -> Vec<Contrast> {
    match groups.len() {
        0 | 1 => Vec::new(),
        2 => vec![Contrast {
            a: groups[0].clone(),
            b: groups[1].clone(),
            groups_a: vec![groups[0].clone()],
            groups_b: vec![groups[1].clone()],
        }],
        _ => groups
            .iter()
            .map(|g| Contrast {
                a: g.clone(),
                b: "rest".into(),
                groups_a: vec![g.clone()],
                groups_b: groups.iter().filter(|o| *o != g).cloned().collect(),
            })
            .collect(),
    }
}

/// Above this many paragraphs in the corpus, intervals use the normal-theory limit of the paragraph
/// bootstrap (cluster-robust variance) instead of resampling: with so many clusters the two agree to
/// Monte Carlo error, and resampling would cost replicates × paragraphs × measures.
pub const LARGE_SAMPLE_CLUSTERS: usize = crate::aggregate::sums::CLUSTER_LIMIT;

/// Clusters on both sides together up to which the tests permute them; beyond, the z-test of the
/// cluster-robust normal limit (the two agree closely with so many clusters, and permuting would cost
/// replicates × clusters × measures again after the bootstrap).
pub const PERMUTATION_CLUSTERS: usize = 1_000;

/// How the intervals of one voice scope of a contrast are found: from the paragraph bootstrap
/// when the paragraphs were kept (drawn for every rate at once, [`paragraph_bootstrap`]),
/// otherwise from the normal-theory limit of the paragraph moments.
struct Intervals<'u> {
    drawn: Option<ScopeBootstrap>,
    confidence: f64,
    /// The sampling unit's name (`paragraph`, `article` or a field).
    unit: &'u str,
}

impl Intervals<'_> {
    /// The interval of a difference of ratios of sums over paragraphs, `pick` choosing its
    /// bootstrap result; with the method's name.
    fn of(
        &self,
        pick: impl Fn(&ScopeBootstrap) -> Option<BootstrapInterval>,
        moments: (RatioMoments, RatioMoments),
        per: f64,
    ) -> (Option<BootstrapInterval>, String) {
        match &self.drawn {
            Some(drawn) => (pick(drawn), format!("{} bootstrap", self.unit)),
            None => (
                normal_rate_difference(&moments.0, &moments.1, per, self.confidence),
                match self.unit {
                    // The paragraph default keeps its name of old.
                    "paragraph" => "normal (cluster-robust)".to_string(),
                    unit => format!("normal (cluster-robust, {unit})"),
                },
            ),
        }
    }
}

impl Intervals<'_> {
    /// The test of a difference that respects the clusters, with its name: the permutation p of rate
    /// `index` (see [`ScopeBootstrap::permutation`]) when the clusters were kept and permuted, the
    /// two-sided z-test of the cluster-robust normal limit when they were not (beyond
    /// [`PERMUTATION_CLUSTERS`], or not kept); none for paragraphs, whose groups are assigned by article.
    fn test(&self, index: usize, moments: (RatioMoments, RatioMoments)) -> (Option<f64>, String) {
        let permuted = self.drawn.as_ref().and_then(|d| d.permutation.as_ref());
        match permuted {
            Some(p) => match p.get(index).copied().flatten() {
                Some(p) if p.exact => (Some(p.p), format!("exact permutation ({})", self.unit)),
                Some(p) => (Some(p.p), format!("permutation ({})", self.unit)),
                None => (None, String::new()),
            },
            None if self.unit == "paragraph" => (None, String::new()),
            None => (
                normal_rate_difference(&moments.0, &moments.1, 1.0, 0.95)
                    .filter(|i| i.std_error > 0.0)
                    .map(|i| 2.0 * normal_sf((i.estimate / i.std_error).abs())),
                format!("z (cluster-robust, {})", self.unit),
            ),
        }
    }
}

/// The paragraph-bootstrap intervals of every rate that one voice scope of a contrast compares.
struct ScopeBootstrap {
    /// Mean compound and mean compound_domain.
    sentiment: [Option<BootstrapInterval>; 2],
    /// Per category: frame weight per 1,000 tokens.
    rate: Vec<Option<BootstrapInterval>>,
    /// Per category: share of sentences with a hit.
    share: Vec<Option<BootstrapInterval>>,
    /// Permutation p-values in the order of the rates (the two means, then each category's weight
    /// and share), when the groups are assigned at cluster level.
    permutation: Option<Vec<Option<PermutationP>>>,
}

/// A rate the paragraph bootstrap resamples, as each paragraph's numerator and denominator.
#[derive(Debug, Clone, Copy)]
enum Rate {
    /// Mean compound (or compound_domain): summed scores over sentences.
    Mean { domain: bool },
    /// Category k's weight per 1,000 tokens.
    Weight(usize),
    /// Category k's share of sentences with a hit.
    Share(usize),
}

impl Rate {
    fn of(self, c: &ClusterSide) -> RatioCluster {
        let (numerator, denominator) = match self {
            Rate::Mean { domain } => {
                let y = if domain { c.domain } else { c.compound };
                (y as f64 / COMPOUND_SCALE, f64::from(c.sentences))
            }
            Rate::Weight(k) => {
                let w = c.weights.get(k).copied().unwrap_or(0);
                (w as f64 / WEIGHT_SCALE, f64::from(c.tokens))
            }
            Rate::Share(k) => {
                let n = c.with_frame.get(k).copied().unwrap_or(0);
                (f64::from(n), f64::from(c.sentences))
            }
        };
        RatioCluster {
            numerator,
            denominator,
        }
    }

    fn per(self) -> f64 {
        match self {
            Rate::Weight(_) => 1000.0,
            Rate::Mean { .. } | Rate::Share(_) => 1.0,
        }
    }
}

/// Bootstraps every rate of one scope together (each replicate's paragraphs are drawn once for
/// all of them; see [`bootstrap_rate_differences`]); `None` when the paragraphs were not kept.
fn paragraph_bootstrap(
    a: &Side,
    b: &Side,
    categories: usize,
    boot: &BootstrapOptions,
    permute: bool,
) -> Option<ScopeBootstrap> {
    let (ca, cb) = (a.clusters.as_ref()?, b.clusters.as_ref()?);
    // In result order: the two means, then each category's weight and share.
    let rates: Vec<Rate> = [Rate::Mean { domain: false }, Rate::Mean { domain: true }]
        .into_iter()
        .chain((0..categories).flat_map(|k| [Rate::Weight(k), Rate::Share(k)]))
        .collect();
    let lists = |clusters: &[ClusterSide]| -> Vec<Vec<RatioCluster>> {
        rates
            .iter()
            .map(|r| clusters.iter().map(|c| r.of(c)).collect())
            .collect()
    };
    let per: Vec<f64> = rates.iter().map(|r| r.per()).collect();
    let (la, lb) = (lists(ca), lists(cb));
    let mut intervals = bootstrap_rate_differences(&la, &lb, &per, boot).into_iter();
    let permutation = (permute && ca.len() + cb.len() <= PERMUTATION_CLUSTERS)
        .then(|| permutation_rate_differences(&la, &lb, &per, boot));
    let sentiment = [intervals.next().flatten(), intervals.next().flatten()];
    let (mut rate, mut share) = (Vec::new(), Vec::new());
    for _ in 0..categories {
        rate.push(intervals.next().flatten());
        share.push(intervals.next().flatten());
    }
    Some(ScopeBootstrap {
        sentiment,
        rate,
        share,
        permutation,
    })
}

/// How to compute the statistics.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bootstrap replicates, seed and confidence.
    pub bootstrap: BootstrapOptions,
    /// Word counts of a background corpus for the log-odds prior; the pooled counts of the two sides
    /// when `None`.
    pub background: Option<Counts>,
    /// How many distinctive words per side to keep in the tables.
    pub top_words: usize,
    /// List pure numbers and single letters among the distinctive and key words too. Off by default:
    /// they are mostly page furniture, dates and the halves of split abbreviations ("u", "s"), and they
    /// stay in `word_counts` either way.
    pub all_words: bool,
    /// Words that stand for outlets when the groups are nested in the outlets
    /// ([`crate::survey::Notes::outlet_names`]): marked in the word tables, hidden in the chart.
    pub outlet_names: std::collections::BTreeSet<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bootstrap: BootstrapOptions::default(),
            background: None,
            top_words: 100,
            all_words: false,
            outlet_names: Default::default(),
        }
    }
}

/// The statistics tables of a run.
#[derive(Debug, Clone)]
pub struct Statistics {
    /// The contrasts, in table order.
    pub contrasts: Vec<Contrast>,
    /// Per contrast, voice scope and measure: means, difference with its bootstrap interval, Mann–Whitney
    /// U and p, Cliff's delta.
    pub sentiment_tests: DataFrame,
    /// Per contrast, voice scope and category: hits per 1,000 tokens and share of sentences on each side,
    /// their differences and bootstrap intervals.
    pub frame_differences: DataFrame,
    /// Per contrast: the most distinctive words of each side by log-odds z-score.
    pub distinctive_words: DataFrame,
    /// Per contrast: quanteda-style keyness (signed chi-square and G²) of the same words.
    pub keyness: DataFrame,
    /// Per contrast and measure (mean compound, each category's hits per 1,000 tokens): the three
    /// clusters whose removal moves the difference most (leave one cluster out), while clusters are kept.
    pub influence: DataFrame,
    /// Per pair of categories: running-text sentences carrying both.
    pub cooccurrence: DataFrame,
    /// Word counts per group (the input of the word statistics).
    pub word_counts: DataFrame,
}

fn table_err(table: &'static str) -> impl Fn(PolarsError) -> Error {
    move |source| Error::Table {
        table: table.into(),
        source,
    }
}

/// Voice scopes of every contrast: all running text, the author's sentences, the quoted ones.
const SCOPES: [&str; 3] = crate::aggregate::sums::SCOPES;

/// One side of a contrast in one voice scope: its measures and, for small corpora, its paragraphs.
struct Side {
    measures: Measures,
    clusters: Option<Vec<ClusterSide>>,
    /// Each cluster's name, beside `clusters`: the field's value, the article id, or "id ¶n".
    keys: Vec<String>,
}

/// The two sides of `contrast` in voice scope `scope` (an index into [`SCOPES`]).
fn sides(
    summary: &Summary,
    contrast: &Contrast,
    combined: (&[Measures; 3], &[Measures; 3]),
    scope: usize,
) -> (Side, Side) {
    let side = |scopes: &[Measures; 3], groups: &[String]| {
        let mut keys = Vec::new();
        let paragraphs = summary.unit == crate::aggregate::sums::ClusterUnit::Paragraph;
        let clusters = summary.clusters.as_ref().map(|all| {
            let mut mine: Vec<_> = all.iter().filter(|c| groups.contains(&c.group)).collect();
            // The bootstrap resamples in a fixed order: by article id, then paragraph.
            mine.sort_by(|a, b| (&a.article_id, a.paragraph).cmp(&(&b.article_id, b.paragraph)));
            mine.into_iter()
                .map(|c| (c, c.scope(scope)))
                .filter(|(_, side)| side.sentences > 0)
                .map(|(c, side)| {
                    keys.push(if paragraphs {
                        format!("{} ¶{}", c.article_id, c.paragraph + 1)
                    } else {
                        c.article_id.clone()
                    });
                    side
                })
                .collect()
        });
        Side {
            measures: scopes[scope].clone(),
            clusters,
            keys,
        }
    };
    (
        side(combined.0, &contrast.groups_a),
        side(combined.1, &contrast.groups_b),
    )
}

/// Benjamini–Hochberg q-values of one family, NaN (no p) as `None`.
fn q_values(family: &[f64]) -> Vec<Option<f64>> {
    bh_q_values(family)
        .into_iter()
        .map(|q| (!q.is_nan()).then_some(q))
        .collect()
}

/// Whether a word may be listed among the distinctive and key words by default: not a pure number
/// ("2016", "01") and not a single letter.
pub fn is_content_word(word: &str) -> bool {
    let mut chars = word.chars();
    let single = chars.next().is_some() && chars.next().is_none();
    !single && !word.chars().all(|c| c.is_numeric() || c == '.' || c == ',')
}

/// Computes every statistics table from the sums of a run.
pub fn statistics(
    summary: &Summary,
    lexicon: &Lexicon,
    groups: &[String],
    options: &Options,
) -> Result<Statistics> {
    use rayon::prelude::*;
    let contrasts = contrasts(groups);
    let matrix = WordMatrix::new(summary);
    // Permuting clusters between groups is valid when the groups are assigned at cluster level:
    // articles, or a field whose every value lies in one group.
    let permute = match &summary.unit {
        crate::aggregate::sums::ClusterUnit::Paragraph => false,
        crate::aggregate::sums::ClusterUnit::Article => true,
        crate::aggregate::sums::ClusterUnit::Field(_) => {
            let mut seen = std::collections::HashSet::new();
            summary
                .field_clusters
                .values()
                .flat_map(|c| c.keys())
                .all(|k| seen.insert(k))
        }
    };
    let listed: Option<Vec<bool>> =
        (!options.all_words).then(|| matrix.words.iter().map(|w| is_content_word(w)).collect());
    // The pooled measures of both sides of every contrast (their words are added up on the
    // shared vocabulary).
    let combined: Vec<([Measures; 3], [Measures; 3])> = contrasts
        .par_iter()
        .map(|c| {
            (
                summary.combined_scopes(&c.groups_a),
                summary.combined_scopes(&c.groups_b),
            )
        })
        .collect();
    // Each contrast fills its own tables in one task; they are stacked in contrast order, so the
    // rows do not depend on the thread count.
    let one_contrast = |(contrast, combined): (&Contrast, &([Measures; 3], [Measures; 3]))| {
        let mut sentiment = SentimentTable::default();
        let mut frames = FrameTable::default();
        let mut words = WordTable::default();
        let mut key = KeynessTable::default();
        let mut influence = InfluenceTable::default();
        let (count_a, count_b) = (
            matrix.side(&contrast.groups_a),
            matrix.side(&contrast.groups_b),
        );
        let paired = Paired {
            words: &matrix.words,
            i: &count_a,
            j: &count_b,
            listed: listed.as_deref(),
        };
        rayon::join(
            || {
                for (scope, name) in SCOPES.iter().enumerate() {
                    let (a, b) = sides(summary, contrast, (&combined.0, &combined.1), scope);
                    let boot = &options.bootstrap;
                    let intervals = Intervals {
                        drawn: paragraph_bootstrap(&a, &b, lexicon.categories.len(), boot, permute),
                        confidence: boot.confidence,
                        unit: summary.unit.label(),
                    };
                    sentiment.add(contrast, name, &a, &b, &intervals);
                    frames.add(contrast, name, &a, &b, lexicon, &intervals);
                    if scope == 0 {
                        influence.add(contrast, &a, &b, lexicon);
                    }
                }
            },
            || {
                rayon::join(
                    || words.add(contrast, &paired, options),
                    || key.add(contrast, &paired, options),
                )
            },
        );
        finish_contrast_tables(sentiment, frames, words, key, influence)
    };
    let per_contrast = || -> Result<[DataFrame; 5]> {
        let parts: Vec<_> = contrasts
            .par_iter()
            .zip(&combined)
            .map(one_contrast)
            .collect();
        // Empty tables with the columns, for a corpus without contrasts.
        let mut stacked = finish_contrast_tables(
            SentimentTable::default(),
            FrameTable::default(),
            WordTable::default(),
            KeynessTable::default(),
            InfluenceTable::default(),
        )?;
        for part in parts {
            for ((table, part), name) in stacked.iter_mut().zip(part?).zip(CONTRAST_TABLES) {
                table.vstack_mut_owned(part).map_err(table_err(name))?;
            }
        }
        for table in &mut stacked {
            table.rechunk_mut();
        }
        Ok(stacked)
    };
    let whole_corpus = || {
        (
            cooccurrence(summary, lexicon).map_err(table_err("cooccurrence")),
            word_count_table(&matrix).map_err(table_err("word_counts")),
        )
    };
    let (per_contrast, (cooccurrence, word_counts)) = rayon::join(per_contrast, whole_corpus);
    let [sentiment_tests, frame_differences, distinctive_words, keyness, influence] = per_contrast?;
    Ok(Statistics {
        contrasts,
        sentiment_tests,
        frame_differences,
        distinctive_words,
        keyness,
        influence,
        cooccurrence: cooccurrence?,
        word_counts: word_counts?,
    })
}

/// The per-contrast tables, in the order [`finish_contrast_tables`] returns them.
const CONTRAST_TABLES: [&str; 5] = [
    "sentiment_tests",
    "frame_differences",
    "distinctive_words",
    "keyness",
    "influence",
];

/// The five per-contrast tables as data frames, in the order of [`CONTRAST_TABLES`].
fn finish_contrast_tables(
    sentiment: SentimentTable,
    frames: FrameTable,
    words: WordTable,
    key: KeynessTable,
    influence: InfluenceTable,
) -> Result<[DataFrame; 5]> {
    let [s, f, w, k, i] = CONTRAST_TABLES;
    Ok([
        sentiment.finish().map_err(table_err(s))?,
        frames.finish().map_err(table_err(f))?,
        words.finish().map_err(table_err(w))?,
        key.finish().map_err(table_err(k))?,
        influence.finish().map_err(table_err(i))?,
    ])
}

#[derive(Default)]
struct SentimentTable {
    contrast: Vec<String>,
    scope: Vec<&'static str>,
    measure: Vec<&'static str>,
    n_a: Vec<u32>,
    n_b: Vec<u32>,
    mean_a: Vec<Option<f64>>,
    mean_b: Vec<Option<f64>>,
    difference: Vec<Option<f64>>,
    ci_lower: Vec<Option<f64>>,
    ci_upper: Vec<Option<f64>>,
    method: Vec<String>,
    u: Vec<Option<f64>>,
    p: Vec<Option<f64>>,
    q: Vec<Option<f64>>,
    cluster_p: Vec<Option<f64>>,
    cluster_q: Vec<Option<f64>>,
    cluster_test: Vec<String>,
    delta: Vec<Option<f64>>,
}

impl SentimentTable {
    fn add(
        &mut self,
        contrast: &Contrast,
        scope: &'static str,
        a: &Side,
        b: &Side,
        intervals: &Intervals,
    ) {
        let first = self.p.len();
        for (i, (measure, domain)) in [("compound", false), ("compound_domain", true)]
            .into_iter()
            .enumerate()
        {
            let dist = |s: &Side| -> Dist {
                if domain {
                    s.measures.domain.clone()
                } else {
                    s.measures.compound.clone()
                }
            };
            let (da, db) = (dist(a), dist(b));
            // A mean is the ratio of a paragraph's summed scores to its sentence count.
            let moments = (
                a.measures.clusters.sentiment(domain),
                b.measures.clusters.sentiment(domain),
            );
            let (interval, method) = intervals.of(|d| d.sentiment[i], moments, 1.0);
            self.method.push(method);
            let (cluster_p, test) = intervals.test(i, moments);
            self.cluster_p.push(cluster_p);
            self.cluster_test.push(test);
            let va: Vec<(f64, u64)> = da.values().collect();
            let vb: Vec<(f64, u64)> = db.values().collect();
            let mw = mann_whitney_counts(&va, &vb);
            self.contrast.push(contrast.label());
            self.scope.push(scope);
            self.measure.push(measure);
            self.n_a.push(da.n() as u32);
            self.n_b.push(db.n() as u32);
            let (ma, mb) = (da.mean(), db.mean());
            self.mean_a.push(ma);
            self.mean_b.push(mb);
            self.difference.push(ma.zip(mb).map(|(x, y)| x - y));
            self.ci_lower.push(interval.map(|i| i.lower));
            self.ci_upper.push(interval.map(|i| i.upper));
            self.u.push(mw.map(|m| m.u1));
            self.p.push(mw.map(|m| m.p));
            self.delta.push(cliffs_delta_counts(&va, &vb));
        }
        // The measures of one contrast and voice scope are one family.
        let family: Vec<f64> = self.p[first..]
            .iter()
            .map(|p| p.unwrap_or(f64::NAN))
            .collect();
        self.q.extend(q_values(&family));
        let family: Vec<f64> = self.cluster_p[first..]
            .iter()
            .map(|p| p.unwrap_or(f64::NAN))
            .collect();
        self.cluster_q.extend(q_values(&family));
    }

    fn finish(self) -> PolarsResult<DataFrame> {
        DataFrame::new(
            self.contrast.len(),
            vec![
                Column::new("contrast".into(), self.contrast),
                Column::new("voice".into(), self.scope),
                Column::new("measure".into(), self.measure),
                Column::new("n_a".into(), self.n_a),
                Column::new("n_b".into(), self.n_b),
                Column::new("mean_a".into(), self.mean_a),
                Column::new("mean_b".into(), self.mean_b),
                Column::new("difference".into(), self.difference),
                Column::new("ci_lower".into(), self.ci_lower),
                Column::new("ci_upper".into(), self.ci_upper),
                Column::new("ci_method".into(), self.method),
                Column::new("mann_whitney_u".into(), self.u),
                Column::new("p_value".into(), self.p),
                Column::new("q_value".into(), self.q),
                Column::new("cluster_p_value".into(), self.cluster_p),
                Column::new("cluster_q_value".into(), self.cluster_q),
                Column::new("cluster_test".into(), self.cluster_test),
                Column::new("cliffs_delta".into(), self.delta),
            ],
        )
    }
}

#[derive(Default)]
struct FrameTable {
    contrast: Vec<String>,
    scope: Vec<&'static str>,
    category: Vec<String>,
    per_1000_a: Vec<Option<f64>>,
    per_1000_b: Vec<Option<f64>>,
    per_1000_difference: Vec<Option<f64>>,
    per_1000_lower: Vec<Option<f64>>,
    per_1000_upper: Vec<Option<f64>>,
    /// per_1000_a / per_1000_b, with its log-scale interval from the cluster-robust variances.
    rate_ratio: Vec<Option<f64>>,
    rate_ratio_lower: Vec<Option<f64>>,
    rate_ratio_upper: Vec<Option<f64>>,
    share_a: Vec<Option<f64>>,
    share_b: Vec<Option<f64>>,
    share_difference: Vec<Option<f64>>,
    share_lower: Vec<Option<f64>>,
    share_upper: Vec<Option<f64>>,
    method: Vec<String>,
    rate_p: Vec<Option<f64>>,
    rate_q: Vec<Option<f64>>,
    share_p: Vec<Option<f64>>,
    share_q: Vec<Option<f64>>,
    test: Vec<String>,
}

impl FrameTable {
    fn add(
        &mut self,
        contrast: &Contrast,
        scope: &'static str,
        a: &Side,
        b: &Side,
        lexicon: &Lexicon,
        intervals: &Intervals,
    ) {
        let first = self.rate_p.len();
        for (k, category) in lexicon.categories.iter().enumerate() {
            let rate_moments = (a.measures.clusters.rate(k), b.measures.clusters.rate(k));
            let share_moments = (a.measures.clusters.share(k), b.measures.clusters.share(k));
            let (rate_ci, method) = intervals.of(|d| d.rate[k], rate_moments, 1000.0);
            let (share_ci, _) = intervals.of(|d| d.share[k], share_moments, 1.0);
            let (rate_p, test) = intervals.test(2 + 2 * k, rate_moments);
            let (share_p, _) = intervals.test(3 + 2 * k, share_moments);
            self.rate_p.push(rate_p);
            self.share_p.push(share_p);
            self.test.push(test);
            self.method.push(method);
            self.contrast.push(contrast.label());
            self.scope.push(scope);
            self.category.push(category.name.clone());
            let frame = |m: &Measures| m.frames.get(k).cloned().unwrap_or_default();
            let (fa, fb) = (frame(&a.measures), frame(&b.measures));
            let ratio = |num: f64, den: f64| (den > 0.0).then(|| num / den);
            let (pa, pb) = (
                ratio(1000.0 * fa.weighted(), a.measures.tokens as f64),
                ratio(1000.0 * fb.weighted(), b.measures.tokens as f64),
            );
            self.per_1000_a.push(pa);
            self.per_1000_b.push(pb);
            self.per_1000_difference
                .push(pa.zip(pb).map(|(x, y)| x - y));
            self.per_1000_lower.push(rate_ci.map(|i| i.lower));
            self.per_1000_upper.push(rate_ci.map(|i| i.upper));
            let rr = normal_ratio_of_rates(&rate_moments.0, &rate_moments.1, intervals.confidence);
            self.rate_ratio
                .push(pa.zip(pb).and_then(|(x, y)| ratio(x, y)));
            self.rate_ratio_lower.push(rr.map(|r| r.1));
            self.rate_ratio_upper.push(rr.map(|r| r.2));
            let (qa, qb) = (
                ratio(fa.sentences as f64, a.measures.sentences() as f64),
                ratio(fb.sentences as f64, b.measures.sentences() as f64),
            );
            self.share_a.push(qa);
            self.share_b.push(qb);
            self.share_difference.push(qa.zip(qb).map(|(x, y)| x - y));
            self.share_lower.push(share_ci.map(|i| i.lower));
            self.share_upper.push(share_ci.map(|i| i.upper));
        }
        // The categories of one contrast and voice scope are one family.
        for (p, q) in [
            (&self.rate_p, &mut self.rate_q),
            (&self.share_p, &mut self.share_q),
        ] {
            let family: Vec<f64> = p[first..].iter().map(|p| p.unwrap_or(f64::NAN)).collect();
            q.extend(q_values(&family));
        }
    }

    fn finish(self) -> PolarsResult<DataFrame> {
        DataFrame::new(
            self.contrast.len(),
            vec![
                Column::new("contrast".into(), self.contrast),
                Column::new("voice".into(), self.scope),
                Column::new("category".into(), self.category),
                Column::new("per_1000_a".into(), self.per_1000_a),
                Column::new("per_1000_b".into(), self.per_1000_b),
                Column::new("per_1000_difference".into(), self.per_1000_difference),
                Column::new("per_1000_ci_lower".into(), self.per_1000_lower),
                Column::new("per_1000_ci_upper".into(), self.per_1000_upper),
                Column::new("rate_ratio".into(), self.rate_ratio),
                Column::new("rate_ratio_ci_lower".into(), self.rate_ratio_lower),
                Column::new("rate_ratio_ci_upper".into(), self.rate_ratio_upper),
                Column::new("share_a".into(), self.share_a),
                Column::new("share_b".into(), self.share_b),
                Column::new("share_difference".into(), self.share_difference),
                Column::new("share_ci_lower".into(), self.share_lower),
                Column::new("share_ci_upper".into(), self.share_upper),
                Column::new("ci_method".into(), self.method),
                Column::new("per_1000_p_value".into(), self.rate_p),
                Column::new("per_1000_q_value".into(), self.rate_q),
                Column::new("share_p_value".into(), self.share_p),
                Column::new("share_q_value".into(), self.share_q),
                Column::new("cluster_test".into(), self.test),
            ],
        )
    }
}

#[derive(Default)]
struct WordTable {
    contrast: Vec<String>,
    side: Vec<String>,
    rank: Vec<u32>,
    word: Vec<String>,
    count_a: Vec<u64>,
    count_b: Vec<u64>,
    prior: Vec<f64>,
    delta: Vec<f64>,
    variance: Vec<f64>,
    z: Vec<f64>,
    p: Vec<f64>,
    q: Vec<f64>,
    outlet_name: Vec<bool>,
}

impl WordTable {
    fn add(&mut self, contrast: &Contrast, counts: &Paired<'_>, options: &Options) {
        let prior = match &options.background {
            Some(background) => Prior::Background(background),
            None => Prior::Pooled,
        };
        // Sorted by z descending: the head is side a's vocabulary, the tail side b's.
        let rows = log_odds_extremes_paired(counts, prior, None, options.top_words);
        let n = options.top_words.min(rows.len());
        let picks = rows.iter().take(n).map(|r| (&contrast.a, r)).chain(
            rows.iter()
                .rev()
                .take(n.min(rows.len().saturating_sub(n)))
                .map(|r| (&contrast.b, r)),
        );
        let mut rank_a = 0;
        let mut rank_b = 0;
        for (side, r) in picks {
            let rank = if side == &contrast.a {
                rank_a += 1;
                rank_a
            } else {
                rank_b += 1;
                rank_b
            };
            self.contrast.push(contrast.label());
            self.side.push(side.clone());
            self.rank.push(rank);
            self.word.push(r.word.clone());
            self.count_a.push(r.count_i);
            self.count_b.push(r.count_j);
            self.prior.push(r.alpha);
            self.delta.push(r.delta);
            self.variance.push(r.variance);
            self.z.push(r.z);
            self.p.push(r.p);
            self.q.push(r.q);
            self.outlet_name
                .push(options.outlet_names.contains(&r.word));
        }
    }

    fn finish(self) -> PolarsResult<DataFrame> {
        DataFrame::new(
            self.contrast.len(),
            vec![
                Column::new("contrast".into(), self.contrast),
                Column::new("side".into(), self.side),
                Column::new("rank".into(), self.rank),
                Column::new("word".into(), self.word),
                Column::new("count_a".into(), self.count_a),
                Column::new("count_b".into(), self.count_b),
                Column::new("prior".into(), self.prior),
                Column::new("delta".into(), self.delta),
                Column::new("variance".into(), self.variance),
                Column::new("z".into(), self.z),
                Column::new("p_value".into(), self.p),
                Column::new("q_value".into(), self.q),
                Column::new("outlet_name".into(), self.outlet_name),
            ],
        )
    }
}

/// Clusters listed per measure in the influence table.
const INFLUENTIAL: usize = 3;

#[derive(Default)]
struct InfluenceTable {
    contrast: Vec<String>,
    measure: Vec<String>,
    rank: Vec<u32>,
    cluster: Vec<String>,
    side: Vec<String>,
    difference: Vec<f64>,
    without: Vec<f64>,
    change: Vec<f64>,
}

impl InfluenceTable {
    /// Leave one cluster out: for the mean compound and each category's rate, the difference a − b
    /// without each cluster of either side, and the [`INFLUENTIAL`] clusters that move it most.
    fn add(&mut self, contrast: &Contrast, a: &Side, b: &Side, lexicon: &Lexicon) {
        let (Some(ca), Some(cb)) = (&a.clusters, &b.clusters) else {
            return;
        };
        let measures = std::iter::once(("compound".to_string(), Rate::Mean { domain: false }))
            .chain(
                lexicon
                    .categories
                    .iter()
                    .enumerate()
                    .map(|(k, c)| (format!("{}_per_1000", c.name), Rate::Weight(k))),
            );
        for (name, rate) in measures {
            let per = rate.per();
            let sum = |clusters: &[ClusterSide]| {
                clusters.iter().fold((0.0, 0.0), |(n, d), c| {
                    let r = rate.of(c);
                    (n + r.numerator, d + r.denominator)
                })
            };
            let ((na, da), (nb, db)) = (sum(ca), sum(cb));
            if da == 0.0 || db == 0.0 {
                continue;
            }
            let difference = per * (na / da - nb / db);
            let mut moved: Vec<(f64, f64, &str, &str)> = Vec::new();
            for (clusters, keys, side, is_a) in [
                (ca, &a.keys, &contrast.a, true),
                (cb, &b.keys, &contrast.b, false),
            ] {
                for (c, key) in clusters.iter().zip(keys) {
                    let r = rate.of(c);
                    let without = if is_a {
                        (da - r.denominator > 0.0)
                            .then(|| per * ((na - r.numerator) / (da - r.denominator) - nb / db))
                    } else {
                        (db - r.denominator > 0.0)
                            .then(|| per * (na / da - (nb - r.numerator) / (db - r.denominator)))
                    };
                    // A cluster whose removal changes nothing is not worth a row.
                    if let Some(w) = without.filter(|w| w.is_finite() && *w != difference) {
                        moved.push((w - difference, w, key.as_str(), side.as_str()));
                    }
                }
            }
            moved.sort_by(|x, y| {
                y.0.abs()
                    .total_cmp(&x.0.abs())
                    .then(x.2.cmp(y.2))
                    .then(x.3.cmp(y.3))
            });
            for (rank, (change, without, key, side)) in
                moved.into_iter().take(INFLUENTIAL).enumerate()
            {
                self.contrast.push(contrast.label());
                self.measure.push(name.clone());
                self.rank.push(rank as u32 + 1);
                self.cluster.push(key.to_string());
                self.side.push(side.to_string());
                self.difference.push(difference);
                self.without.push(without);
                self.change.push(change);
            }
        }
    }

    fn finish(self) -> PolarsResult<DataFrame> {
        DataFrame::new(
            self.contrast.len(),
            vec![
                Column::new("contrast".into(), self.contrast),
                Column::new("measure".into(), self.measure),
                Column::new("rank".into(), self.rank),
                Column::new("cluster".into(), self.cluster),
                Column::new("side".into(), self.side),
                Column::new("difference".into(), self.difference),
                Column::new("difference_without".into(), self.without),
                Column::new("change".into(), self.change),
            ],
        )
    }
}

#[derive(Default)]
struct KeynessTable {
    contrast: Vec<String>,
    word: Vec<String>,
    n_a: Vec<u64>,
    n_b: Vec<u64>,
    chi2: Vec<f64>,
    chi2_p: Vec<f64>,
    g2: Vec<f64>,
    g2_p: Vec<f64>,
    chi2_q: Vec<f64>,
    g2_q: Vec<f64>,
    outlet_name: Vec<bool>,
}

impl KeynessTable {
    fn add(&mut self, contrast: &Contrast, counts: &Paired<'_>, options: &Options) {
        let top = options.top_words;
        let rows = keyness_extremes_paired(counts, top);
        let n = top.min(rows.len());
        let tail = n.min(rows.len() - n);
        for r in rows
            .iter()
            .take(n)
            .chain(rows.iter().skip(rows.len() - tail))
        {
            self.contrast.push(contrast.label());
            self.word.push(r.word.clone());
            self.n_a.push(r.n_target);
            self.n_b.push(r.n_reference);
            self.chi2.push(r.chi2);
            self.chi2_p.push(r.chi2_p);
            self.g2.push(r.g2);
            self.g2_p.push(r.g2_p);
            self.chi2_q.push(r.chi2_q);
            self.g2_q.push(r.g2_q);
            self.outlet_name
                .push(options.outlet_names.contains(&r.word));
        }
    }

    fn finish(self) -> PolarsResult<DataFrame> {
        DataFrame::new(
            self.contrast.len(),
            vec![
                Column::new("contrast".into(), self.contrast),
                Column::new("word".into(), self.word),
                Column::new("n_a".into(), self.n_a),
                Column::new("n_b".into(), self.n_b),
                Column::new("chi2".into(), self.chi2),
                Column::new("chi2_p".into(), self.chi2_p),
                Column::new("g2".into(), self.g2),
                Column::new("g2_p".into(), self.g2_p),
                Column::new("chi2_q".into(), self.chi2_q),
                Column::new("g2_q".into(), self.g2_q),
                Column::new("outlet_name".into(), self.outlet_name),
            ],
        )
    }
}

fn cooccurrence(summary: &Summary, lexicon: &Lexicon) -> PolarsResult<DataFrame> {
    let n = lexicon.categories.len();
    let mut counts = vec![0u64; n * n];
    let mut sentences = 0u64;
    for g in summary.groups.values() {
        for (c, x) in counts.iter_mut().zip(&g.cooccurrence) {
            *c += x;
        }
        sentences += g.scopes[0].sentences();
    }
    let (mut a, mut b, mut both, mut share) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        for j in 0..n {
            let count = counts[i * n + j];
            a.push(lexicon.categories[i].name.clone());
            b.push(lexicon.categories[j].name.clone());
            both.push(count as u32);
            share.push(if sentences == 0 {
                0.0
            } else {
                count as f64 / sentences as f64
            });
        }
    }
    DataFrame::new(
        a.len(),
        vec![
            Column::new("category_a".into(), a),
            Column::new("category_b".into(), b),
            Column::new("sentences_with_both".into(), both),
            Column::new("share_of_sentences".into(), share),
        ],
    )
}

/// Every group's word counts on one shared vocabulary, so that the counts of any set of groups (a
/// side of a contrast) are a sum of vectors instead of a merge of hash maps.
struct WordMatrix<'a> {
    /// Every word counted in some group, each once, in no particular order.
    words: Vec<&'a str>,
    /// Group names, in the summary's (name) order.
    groups: Vec<&'a str>,
    /// Per group, the count of each word of `words`.
    counts: Vec<Vec<u64>>,
}

impl<'a> WordMatrix<'a> {
    fn new(summary: &'a Summary) -> WordMatrix<'a> {
        let largest = summary.groups.values().map(|g| g.words.len()).max();
        let mut index: std::collections::HashMap<&str, usize, foldhash::fast::FixedState> =
            std::collections::HashMap::with_capacity_and_hasher(
                largest.unwrap_or(0),
                Default::default(),
            );
        let mut words = Vec::new();
        let sparse: Vec<Vec<(usize, u64)>> = summary
            .groups
            .values()
            .map(|g| {
                g.words
                    .iter()
                    .map(|(w, &n)| {
                        let id = *index.entry(w).or_insert_with(|| {
                            words.push(w.as_str());
                            words.len() - 1
                        });
                        (id, n)
                    })
                    .collect()
            })
            .collect();
        let counts = sparse
            .into_iter()
            .map(|cells| {
                let mut dense = vec![0; words.len()];
                for (id, n) in cells {
                    dense[id] = n;
                }
                dense
            })
            .collect();
        WordMatrix {
            words,
            groups: summary.groups.keys().map(String::as_str).collect(),
            counts,
        }
    }

    /// The summed counts of `groups`.
    fn side(&self, groups: &[String]) -> Vec<u64> {
        let mut out = vec![0; self.words.len()];
        for (name, counts) in self.groups.iter().zip(&self.counts) {
            if groups.iter().any(|g| g == name) {
                for (o, n) in out.iter_mut().zip(counts) {
                    *o += n;
                }
            }
        }
        out
    }
}

/// One row per group and word it counts, words in byte order within each group.
fn word_count_table(matrix: &WordMatrix<'_>) -> PolarsResult<DataFrame> {
    use rayon::prelude::*;
    let mut order: Vec<usize> = (0..matrix.words.len()).collect();
    // Words are unique, so an unstable sort gives the one order.
    order.par_sort_unstable_by_key(|&k| matrix.words[k]);
    let (mut group, mut word, mut count) = (Vec::new(), Vec::new(), Vec::new());
    for (g, counts) in matrix.groups.iter().zip(&matrix.counts) {
        for &k in &order {
            if counts[k] > 0 {
                group.push(*g);
                word.push(matrix.words[k]);
                count.push(counts[k]);
            }
        }
    }
    DataFrame::new(
        group.len(),
        vec![
            Column::new("group".into(), group),
            Column::new("word".into(), word),
            Column::new("count".into(), count),
        ],
    )
}

/// Word counts of a background corpus (JSON lines, plain or `.gz`, one article per line with a `text`
/// field), for the log-odds prior. Lines without usable text are skipped.
pub fn background_counts(path: &std::path::Path) -> Result<Counts> {
    let mut counts = Counts::default();
    let mut used = 0usize;
    crate::corpus::records::for_each_record(path, |_, record| {
        if let Ok(record) = record {
            if let Some(serde_json::Value::String(text)) = record.get("text") {
                used += 1;
                for t in tokenize(text) {
                    *counts.entry(t.key.into_owned()).or_insert(0) += 1;
                }
            }
        }
    })?;
    if used == 0 {
        return Err(Error::Input {
            source_name: path.display().to_string(),
            line: 1,
            message: "no record with a \"text\" field: a background corpus is JSON lines, one {\"text\": ...} per article".into(),
        });
    }
    Ok(counts)
}

#[cfg(test)]
mod word_tests {
    use super::is_content_word;

    #[test]
    fn numbers_and_single_letters_are_not_content_words() {
        for w in ["2016", "01", "1,000", "3.5", "u", "s", "a", "é", ""] {
            assert!(!is_content_word(w), "{w:?}");
        }
        for w in ["us", "covid19", "g7", "war", "état"] {
            assert!(is_content_word(w), "{w:?}");
        }
    }
}
