//! Mergeable sums: everything the group tables, the statistics and the group charts need, kept as counts
//! and sums that add up across articles, batches and shards.
//!
//! Every sum is an integer. VADER rounds compound scores to 4 decimals, so a score is an exact count of
//! 0.0001 units; term weights are kept to 6 decimals as counts of 0.000001. Integer sums do not depend on
//! the order they are added in, so a run gives the same tables whatever its thread count, batch size or
//! sharding. A histogram of scores at their own resolution (0.0001) gives exact medians, quartiles,
//! Mann–Whitney U and Cliff's delta without keeping the scores.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::stats::{Counts, RatioMoments};

/// Compound scores are counted in units of 0.0001 (VADER's rounding).
pub const COMPOUND_SCALE: f64 = 1e4;
/// Term weights are counted in units of 0.000001.
pub const WEIGHT_SCALE: f64 = 1e6;
/// Bins of relative position in the group trajectory chart.
pub const POSITION_BINS: usize = 20;
/// Paragraphs up to which every paragraph's sums are kept for the bootstrap; beyond, intervals use the
/// normal-theory limit from [`ClusterMoments`].
pub const CLUSTER_LIMIT: usize = 5_000;
/// The sampling unit of every interval: what the bootstrap resamples and what the cluster-robust variance
/// of its normal-theory limit sums over.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClusterUnit {
    /// Paragraphs (the best two articles allow).
    #[default]
    Paragraph,
    /// Whole articles.
    Article,
    /// Every value of a metadata field (`--cluster-by outlet`): all its articles of a group together.
    Field(String),
}

impl ClusterUnit {
    /// The unit's name in tables and the report: `paragraph`, `article` or the field's name.
    pub fn label(&self) -> &str {
        match self {
            ClusterUnit::Paragraph => "paragraph",
            ClusterUnit::Article => "article",
            ClusterUnit::Field(f) => f,
        }
    }
}

/// Articles up to which each article's sentence scores are kept for the per-article charts.
pub const TRACE_LIMIT: usize = 12;

/// A compound score as a count of 0.0001 units.
pub fn compound_units(v: f64) -> i64 {
    (v * COMPOUND_SCALE).round() as i64
}

/// A term weight as a count of 0.000001 units.
pub fn weight_units(w: f64) -> i64 {
    (w * WEIGHT_SCALE).round() as i64
}

/// The distribution of a score: its sum, sum of squares and histogram, in 0.0001 units.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dist {
    /// Σ x.
    pub sum: i64,
    /// Σ x².
    pub sum_sq: i128,
    /// Count of each value.
    pub hist: Hist,
}

/// Counts of integer values. A sorted list while there are few distinct values, as an article's
/// scores have; an array over the range of scores once there are many, as a group's have, so that
/// adding an article to its group costs one index per value instead of a search.
#[derive(Debug, Clone, Default)]
pub struct Hist(HistRepr);

#[derive(Debug, Clone)]
enum HistRepr {
    /// (value, count), sorted by value, counts positive.
    Sparse(Vec<(i32, u64)>),
    /// `counts[k]` is the count of value `min + k`.
    Dense { min: i32, counts: Vec<u64> },
}

impl Default for HistRepr {
    fn default() -> Self {
        HistRepr::Sparse(Vec::new())
    }
}

/// Distinct values up to which a histogram stays a sorted list.
const SPARSE_VALUES: usize = 1024;
/// The range a dense histogram starts with: every compound score, in 0.0001 units.
const DENSE_RANGE: std::ops::RangeInclusive<i32> = -10_000..=10_000;

impl Hist {
    /// Adds `n` to the count of `v`.
    pub fn add(&mut self, v: i32, n: u64) {
        if n == 0 {
            return;
        }
        match &mut self.0 {
            HistRepr::Sparse(list) => {
                match list.binary_search_by_key(&v, |&(x, _)| x) {
                    Ok(k) => list[k].1 += n,
                    Err(k) => list.insert(k, (v, n)),
                }
                if list.len() > SPARSE_VALUES {
                    self.densify();
                }
            }
            HistRepr::Dense { min, counts } => {
                if v < *min {
                    let grow = (*min - v) as usize;
                    counts.splice(0..0, std::iter::repeat_n(0, grow));
                    *min = v;
                }
                let k = (i64::from(v) - i64::from(*min)) as usize;
                if k >= counts.len() {
                    counts.resize(k + 1, 0);
                }
                counts[k] += n;
            }
        }
    }

    fn densify(&mut self) {
        let mut dense = Hist(HistRepr::Dense {
            min: *DENSE_RANGE.start(),
            counts: vec![0; DENSE_RANGE.count()],
        });
        for (v, n) in self.iter() {
            dense.add(v, n);
        }
        *self = dense;
    }

    /// Adds every count of `other`.
    pub fn merge(&mut self, other: &Hist) {
        if matches!(other.0, HistRepr::Dense { .. }) && matches!(self.0, HistRepr::Sparse(_)) {
            self.densify();
        }
        for (v, n) in other.iter() {
            self.add(v, n);
        }
    }

    /// (value, count) in ascending order of value, counts positive.
    pub fn iter(&self) -> impl Iterator<Item = (i32, u64)> + '_ {
        let (sparse, dense) = match &self.0 {
            HistRepr::Sparse(list) => (Some(list.iter().copied()), None),
            HistRepr::Dense { min, counts } => (
                None,
                Some(
                    counts
                        .iter()
                        .enumerate()
                        .filter(|(_, &n)| n > 0)
                        .map(move |(k, &n)| (min + k as i32, n)),
                ),
            ),
        };
        sparse
            .into_iter()
            .flatten()
            .chain(dense.into_iter().flatten())
    }
}

impl PartialEq for Hist {
    fn eq(&self, other: &Hist) -> bool {
        self.iter().eq(other.iter())
    }
}

/// As a map from value to count, like the `BTreeMap` it stands for.
impl Serialize for Hist {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Hist {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hist, D::Error> {
        let map = BTreeMap::<i32, u64>::deserialize(d)?;
        let mut hist = Hist::default();
        for (v, n) in map {
            if n > 0 {
                hist.add(v, n);
            }
        }
        Ok(hist)
    }
}

impl Dist {
    /// Adds one value (in 0.0001 units).
    pub fn add(&mut self, v: i64) {
        self.sum += v;
        self.sum_sq += i128::from(v) * i128::from(v);
        self.hist.add(v as i32, 1);
    }

    /// Adds every value of `other`.
    pub fn merge(&mut self, other: &Dist) {
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
        self.hist.merge(&other.hist);
    }

    /// Number of values.
    pub fn n(&self) -> u64 {
        self.hist.iter().map(|(_, n)| n).sum()
    }

    /// The values in ascending order with their counts, as scores.
    pub fn values(&self) -> impl Iterator<Item = (f64, u64)> + '_ {
        self.hist
            .iter()
            .map(|(v, n)| (f64::from(v) / COMPOUND_SCALE, n))
    }

    /// Mean, `None` without values.
    pub fn mean(&self) -> Option<f64> {
        let n = self.n();
        (n > 0).then(|| self.sum as f64 / COMPOUND_SCALE / n as f64)
    }

    /// Sample standard deviation (n − 1), `None` below two values. Exact up to the final division.
    pub fn std(&self) -> Option<f64> {
        let n = i128::from(self.n());
        if n < 2 {
            return None;
        }
        let s = i128::from(self.sum);
        let numerator = n * self.sum_sq - s * s;
        Some((numerator as f64 / (n * (n - 1)) as f64).sqrt() / COMPOUND_SCALE)
    }

    /// The `rank`-th smallest value (0-based).
    fn at_rank(&self, rank: u64) -> Option<f64> {
        let mut seen = 0;
        for (v, n) in self.values() {
            seen += n;
            if rank < seen {
                return Some(v);
            }
        }
        None
    }

    /// Quantile q by linear interpolation (numpy's default, type 7).
    pub fn quantile(&self, q: f64) -> Option<f64> {
        let n = self.n();
        if n == 0 {
            return None;
        }
        let h = (n - 1) as f64 * q;
        let (lo, hi) = (h.floor() as u64, h.ceil() as u64);
        let (a, b) = (self.at_rank(lo)?, self.at_rank(hi)?);
        Some(a + (h - lo as f64) * (b - a))
    }

    /// The median: the middle value, or the mean of the two middle values.
    pub fn median(&self) -> Option<f64> {
        let n = self.n();
        if n == 0 {
            return None;
        }
        let (a, b) = (self.at_rank((n - 1) / 2)?, self.at_rank(n / 2)?);
        Some((a + b) / 2.0)
    }

    /// At most `max` values at evenly spaced ranks, in ascending order: a regular sample for dot plots.
    pub fn sample(&self, max: usize) -> Vec<f64> {
        let n = self.n();
        let step = (n / max.max(1) as u64).max(1);
        let mut out = Vec::new();
        let mut next = 0u64;
        let mut seen = 0u64;
        for (v, c) in self.values() {
            while next < seen + c {
                out.push(v);
                next += step;
            }
            seen += c;
        }
        out
    }
}

/// Sums of one ratio's numerator y over paragraphs (clusters): Σy, Σy² and Σxy with its denominator x.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct YMoments {
    /// Σ y.
    pub sy: i128,
    /// Σ y².
    pub syy: i128,
    /// Σ x·y.
    pub sxy: i128,
}

impl YMoments {
    fn add(&mut self, y: i64, x: i64) {
        let (y, x) = (i128::from(y), i128::from(x));
        self.sy += y;
        self.syy += y * y;
        self.sxy += x * y;
    }

    fn merge(&mut self, o: &YMoments) {
        self.sy += o.sy;
        self.syy += o.syy;
        self.sxy += o.sxy;
    }
}

/// Σx and Σx² of a denominator over paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct XMoments {
    /// Σ x.
    pub sx: i128,
    /// Σ x².
    pub sxx: i128,
}

impl XMoments {
    fn add(&mut self, x: i64) {
        self.sx += i128::from(x);
        self.sxx += i128::from(x) * i128::from(x);
    }

    fn merge(&mut self, o: &XMoments) {
        self.sx += o.sx;
        self.sxx += o.sxx;
    }
}

/// Paragraph-level moments of every ratio the statistics compare, for the cluster-robust variance of a
/// ratio of sums ([`RatioMoments`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterMoments {
    /// Paragraphs with at least one sentence in scope.
    pub m: u64,
    /// Sentences per paragraph.
    pub sentences: XMoments,
    /// Tokens per paragraph.
    pub tokens: XMoments,
    /// Summed compound (0.0001 units) per paragraph, over sentences.
    pub compound: YMoments,
    /// Summed compound_domain per paragraph, over sentences.
    pub domain: YMoments,
    /// Per category: summed weight (0.000001 units) per paragraph, over tokens.
    pub rate: Vec<YMoments>,
    /// Per category: sentences with a hit per paragraph, over sentences.
    pub share: Vec<YMoments>,
}

impl ClusterMoments {
    fn add(&mut self, c: &ClusterSide) {
        if c.sentences == 0 {
            return;
        }
        self.m += 1;
        let (n, t) = (i64::from(c.sentences), i64::from(c.tokens));
        self.sentences.add(n);
        self.tokens.add(t);
        self.compound.add(c.compound, n);
        self.domain.add(c.domain, n);
        resize(&mut self.rate, c.weights.len());
        resize(&mut self.share, c.weights.len());
        for k in 0..c.weights.len() {
            self.rate[k].add(c.weights[k], t);
            self.share[k].add(i64::from(c.with_frame[k]), n);
        }
    }

    fn merge(&mut self, o: &ClusterMoments) {
        self.m += o.m;
        self.sentences.merge(&o.sentences);
        self.tokens.merge(&o.tokens);
        self.compound.merge(&o.compound);
        self.domain.merge(&o.domain);
        merge_vec(&mut self.rate, &o.rate, YMoments::merge);
        merge_vec(&mut self.share, &o.share, YMoments::merge);
    }

    fn moments(&self, x: &XMoments, y: &YMoments, y_scale: f64) -> RatioMoments {
        RatioMoments {
            clusters: self.m as usize,
            sy: y.sy as f64 / y_scale,
            sx: x.sx as f64,
            syy: y.syy as f64 / (y_scale * y_scale),
            sxx: x.sxx as f64,
            sxy: y.sxy as f64 / y_scale,
        }
    }

    /// Moments of mean compound (or compound_domain with `domain`) per sentence.
    pub fn sentiment(&self, domain: bool) -> RatioMoments {
        let y = if domain { &self.domain } else { &self.compound };
        self.moments(&self.sentences, y, COMPOUND_SCALE)
    }

    /// Moments of category k's weighted hits per token.
    pub fn rate(&self, k: usize) -> RatioMoments {
        self.moments(
            &self.tokens,
            self.rate.get(k).unwrap_or(&YMoments::default()),
            WEIGHT_SCALE,
        )
    }

    /// Moments of category k's share of sentences.
    pub fn share(&self, k: usize) -> RatioMoments {
        self.moments(
            &self.sentences,
            self.share.get(k).unwrap_or(&YMoments::default()),
            1.0,
        )
    }
}

fn resize<T: Default + Clone>(v: &mut Vec<T>, n: usize) {
    if v.len() < n {
        v.resize(n, T::default());
    }
}

fn merge_vec<T: Default + Clone>(a: &mut Vec<T>, b: &[T], merge: impl Fn(&mut T, &T)) {
    resize(a, b.len());
    for (x, y) in a.iter_mut().zip(b) {
        merge(x, y);
    }
}

/// One category's hits in a set of sentences.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FrameSums {
    /// Hits that count.
    pub hits: u64,
    /// Negated hits, counted or not.
    pub negated: u64,
    /// Summed weights of the hits that count, in 0.000001 units.
    pub weight: i64,
    /// Sentences with at least one hit that counts.
    pub sentences: u64,
    /// Summed compound (0.0001 units) of those sentences.
    pub compound: i64,
    /// Summed compound_domain of those sentences.
    pub domain: i64,
}

impl FrameSums {
    fn merge(&mut self, o: &FrameSums) {
        self.hits += o.hits;
        self.negated += o.negated;
        self.weight += o.weight;
        self.sentences += o.sentences;
        self.compound += o.compound;
        self.domain += o.domain;
    }

    /// Weighted hits.
    pub fn weighted(&self) -> f64 {
        self.weight as f64 / WEIGHT_SCALE
    }
}

/// The measures of one set of running-text sentences (an article's or a group's, in one voice scope).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Measures {
    /// Word tokens.
    pub tokens: u64,
    /// Compound per sentence (its count is the number of sentences).
    pub compound: Dist,
    /// compound_domain per sentence.
    pub domain: Dist,
    /// Sentences that are positive, neutral, negative (compound ≥ 0.05, between, ≤ −0.05).
    pub polarity: [u64; 3],
    /// Per voice (author, direct quote, reported): sentences and summed compound.
    pub voices: [(u64, i64); 3],
    /// Per category.
    pub frames: Vec<FrameSums>,
    /// Paragraph moments for the intervals.
    pub clusters: ClusterMoments,
}

impl Measures {
    /// Number of sentences.
    pub fn sentences(&self) -> u64 {
        self.compound.n()
    }

    /// Adds every sentence of `other`.
    pub fn merge(&mut self, o: &Measures) {
        self.tokens += o.tokens;
        self.compound.merge(&o.compound);
        self.domain.merge(&o.domain);
        for i in 0..3 {
            self.polarity[i] += o.polarity[i];
            self.voices[i].0 += o.voices[i].0;
            self.voices[i].1 += o.voices[i].1;
        }
        merge_vec(&mut self.frames, &o.frames, FrameSums::merge);
        self.clusters.merge(&o.clusters);
    }
}

/// What one running-text sentence contributes to the sums.
#[derive(Debug, Clone)]
pub struct SentenceSums {
    /// Paragraph index in the article.
    pub paragraph: usize,
    /// 0 author, 1 direct quote, 2 reported.
    pub voice: usize,
    /// Word tokens.
    pub tokens: u32,
    /// Compound, 0.0001 units.
    pub compound: i64,
    /// compound_domain, 0.0001 units.
    pub domain: i64,
    /// Per category: hits that count, negated hits, weight (0.000001 units).
    pub frames: Vec<(u32, u32, i64)>,
    /// Relative position in the article's running text, in (0, 1).
    pub position: f64,
}

/// One side of one paragraph: the sums the bootstrap resamples.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClusterSide {
    /// Sentences.
    pub sentences: u32,
    /// Tokens.
    pub tokens: u32,
    /// Summed compound, 0.0001 units.
    pub compound: i64,
    /// Summed compound_domain, 0.0001 units.
    pub domain: i64,
    /// Per category: summed weight, 0.000001 units.
    pub weights: Vec<i64>,
    /// Per category: sentences with a hit.
    pub with_frame: Vec<u32>,
}

impl ClusterSide {
    fn add(&mut self, s: &SentenceSums) {
        self.sentences += 1;
        self.tokens += s.tokens;
        self.compound += s.compound;
        self.domain += s.domain;
        resize(&mut self.weights, s.frames.len());
        resize(&mut self.with_frame, s.frames.len());
        for (k, f) in s.frames.iter().enumerate() {
            self.weights[k] += f.2;
            self.with_frame[k] += u32::from(f.0 > 0);
        }
    }

    /// Both sides of a paragraph together.
    pub fn plus(&self, o: &ClusterSide) -> ClusterSide {
        let mut out = self.clone();
        out.sentences += o.sentences;
        out.tokens += o.tokens;
        out.compound += o.compound;
        out.domain += o.domain;
        merge_vec(&mut out.weights, &o.weights, |a, b| *a += b);
        merge_vec(&mut out.with_frame, &o.with_frame, |a, b| *a += b);
        out
    }
}

/// One paragraph: the bootstrap's resampling unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    /// The article's id.
    pub article_id: String,
    /// The paragraph's index in the article.
    pub paragraph: u32,
    /// The article's group.
    pub group: String,
    /// The author's sentences and the quoted ones.
    pub sides: [ClusterSide; 2],
}

impl Cluster {
    /// The paragraph's sums in a voice scope: "all", "author" or "quoted".
    pub fn scope(&self, scope: usize) -> ClusterSide {
        side_in_scope(&self.sides, scope).into_owned()
    }
}

/// A paragraph's sums in voice scope `scope` (an index into [`SCOPES`]), from its author and
/// quoted sides: one of them as it is, or both added up for "all".
fn side_in_scope(sides: &[ClusterSide; 2], scope: usize) -> std::borrow::Cow<'_, ClusterSide> {
    use std::borrow::Cow;
    match scope {
        1 => Cow::Borrowed(&sides[0]),
        2 => Cow::Borrowed(&sides[1]),
        _ => Cow::Owned(sides[0].plus(&sides[1])),
    }
}

/// The three voice scopes of the sums, in order.
pub const SCOPES: [&str; 3] = ["all", "author", "quoted"];

/// The sums of one group of articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupSums {
    /// Measures per scope: all running text, the author's sentences, the quoted ones.
    pub scopes: [Measures; 3],
    /// Per position bin: summed compound (0.0001 units) and sentences.
    pub positions: Vec<(i64, u64)>,
    /// Sentences per speaker.
    pub speakers: BTreeMap<String, u64>,
    /// Running-text word counts.
    #[serde(serialize_with = "sorted_map")]
    pub words: Counts,
    /// Running-text sentences carrying both categories i and j, at i·K + j.
    pub cooccurrence: Vec<u64>,
}

/// Adds `n` to `word`'s count, copying the word only when it is new.
fn add_count(words: &mut Counts, word: &str, n: u64) {
    match words.get_mut(word) {
        Some(c) => *c += n,
        None => {
            words.insert(word.to_string(), n);
        }
    }
}

fn sorted_map<S: serde::Serializer>(map: &Counts, s: S) -> Result<S::Ok, S::Error> {
    let sorted: BTreeMap<&String, &u64> = map.iter().collect();
    sorted.serialize(s)
}

impl GroupSums {
    /// Adds `other` (a disjoint set of articles).
    pub fn merge(&mut self, o: &GroupSums) {
        for (a, b) in self.scopes.iter_mut().zip(&o.scopes) {
            a.merge(b);
        }
        merge_vec(&mut self.positions, &o.positions, |a, b| {
            a.0 += b.0;
            a.1 += b.1;
        });
        for (k, n) in &o.speakers {
            // The name is copied only when it is new here.
            match self.speakers.get_mut(k) {
                Some(c) => *c += n,
                None => {
                    self.speakers.insert(k.clone(), *n);
                }
            }
        }
        for (k, n) in &o.words {
            add_count(&mut self.words, k, *n);
        }
        merge_vec(&mut self.cooccurrence, &o.cooccurrence, |a, b| *a += b);
    }
}

/// One article's contribution: its sums, its paragraphs and its sentence scores.
#[derive(Debug, Clone, Default)]
pub struct ArticleSums {
    /// The article's sums (as a group of one).
    pub sums: GroupSums,
    /// Its paragraphs; `None` when the caller no longer keeps paragraphs (the corpus has more than
    /// [`CLUSTER_LIMIT`]), which drops them from the summary it is added to.
    pub clusters: Option<Vec<Cluster>>,
    /// (position, compound) of each running-text sentence, in order.
    pub trace: Vec<(f64, f64)>,
    /// With [`ClusterUnit::Field`]: the article's cluster (the field's value) and its author and
    /// quoted sums, added to that cluster's once every article is in.
    pub field_cluster: Option<(String, [ClusterSide; 2])>,
    /// With trends: the article's time bin ([`crate::time::UNDATED`] without a usable date), set by the
    /// caller once the sums are made.
    pub time_bin: Option<String>,
    /// With trends and a unit inside the article (paragraphs, or the article): its clusters, all voices.
    pub trend_units: Vec<ClusterSide>,
}

/// Where an article's sums go for the intervals: its sampling unit, and for [`ClusterUnit::Field`] the
/// field's value in this article.
#[derive(Debug, Clone, Copy)]
pub struct ClusterOf<'a> {
    /// The sampling unit.
    pub unit: &'a ClusterUnit,
    /// The article's value of the unit's field (empty otherwise).
    pub key: &'a str,
    /// Whether the trends table is made (the article's clusters are then kept for its time bin).
    pub trends: bool,
}

/// Sums one article's running-text sentences (in text order) and the speakers of all its units;
/// `keep_paragraphs` says whether its clusters are wanted for the bootstrap.
pub fn article_sums(
    article_id: &str,
    group: &str,
    sentences: &[SentenceSums],
    speakers: &[&str],
    categories: usize,
    keep_paragraphs: bool,
    cluster: ClusterOf<'_>,
) -> ArticleSums {
    let mut sums = GroupSums {
        positions: vec![(0, 0); POSITION_BINS],
        cooccurrence: vec![0; categories * categories],
        ..Default::default()
    };
    for m in &mut sums.scopes {
        m.frames = vec![FrameSums::default(); categories];
    }
    // Each paragraph's index and its author and quoted sides.
    let mut paragraphs: Vec<(u32, [ClusterSide; 2])> = Vec::new();
    let mut trace = Vec::with_capacity(sentences.len());
    for s in sentences {
        let side = usize::from(s.voice != 0);
        for scope in [0, 1 + side] {
            let m = &mut sums.scopes[scope];
            m.tokens += u64::from(s.tokens);
            m.compound.add(s.compound);
            m.domain.add(s.domain);
            let threshold = compound_units(super::POLARITY_THRESHOLD);
            let polarity = if s.compound >= threshold {
                0
            } else if s.compound > -threshold {
                1
            } else {
                2
            };
            m.polarity[polarity] += 1;
            m.voices[s.voice].0 += 1;
            m.voices[s.voice].1 += s.compound;
            for (k, f) in s.frames.iter().enumerate() {
                let fs = &mut m.frames[k];
                fs.hits += u64::from(f.0);
                fs.negated += u64::from(f.1);
                fs.weight += f.2;
                if f.0 > 0 {
                    fs.sentences += 1;
                    fs.compound += s.compound;
                    fs.domain += s.domain;
                }
            }
        }
        let bin = ((s.position * POSITION_BINS as f64) as usize).min(POSITION_BINS - 1);
        sums.positions[bin].0 += s.compound;
        sums.positions[bin].1 += 1;
        for i in 0..categories {
            for j in 0..categories {
                if s.frames[i].0 > 0 && s.frames[j].0 > 0 {
                    sums.cooccurrence[i * categories + j] += 1;
                }
            }
        }
        trace.push((s.position, s.compound as f64 / COMPOUND_SCALE));
        if paragraphs
            .last()
            .is_none_or(|(p, _)| *p as usize != s.paragraph)
        {
            paragraphs.push((s.paragraph as u32, Default::default()));
        }
        if let Some((_, sides)) = paragraphs.last_mut() {
            sides[side].add(s);
        }
    }
    // Whole articles and field values are clusters of their paragraphs put together.
    if *cluster.unit != ClusterUnit::Paragraph && !paragraphs.is_empty() {
        let mut whole: [ClusterSide; 2] = Default::default();
        for (_, sides) in &paragraphs {
            for (w, s) in whole.iter_mut().zip(sides) {
                *w = w.plus(s);
            }
        }
        paragraphs = vec![(0, whole)];
    }
    if let ClusterUnit::Field(_) = cluster.unit {
        // A field value's moments and list are made once all its articles are in
        // ([`Summary::close_field_clusters`]).
        let field_cluster = paragraphs
            .pop()
            .map(|(_, sides)| (cluster.key.to_string(), sides));
        for s in speakers {
            *sums.speakers.entry(s.to_string()).or_insert(0) += 1;
        }
        return ArticleSums {
            sums,
            clusters: None,
            trace,
            field_cluster,
            ..Default::default()
        };
    }
    let mut trend_units = Vec::new();
    for (_, sides) in &paragraphs {
        for (scope, m) in sums.scopes.iter_mut().enumerate() {
            let side = side_in_scope(sides, scope);
            m.clusters.add(&side);
            if scope == 0 && cluster.trends {
                trend_units.push(side.into_owned());
            }
        }
    }
    let clusters = keep_paragraphs.then(|| {
        paragraphs
            .into_iter()
            .map(|(paragraph, sides)| Cluster {
                article_id: article_id.to_string(),
                paragraph,
                group: group.to_string(),
                sides,
            })
            .collect()
    });
    for s in speakers {
        *sums.speakers.entry(s.to_string()).or_insert(0) += 1;
    }
    ArticleSums {
        sums,
        clusters,
        trace,
        field_cluster: None,
        time_bin: None,
        trend_units,
    }
}

/// Adds a field value's sums (of some of its articles) to its cluster in `group`.
fn add_field_cluster(
    all: &mut BTreeMap<String, BTreeMap<String, [ClusterSide; 2]>>,
    group: &str,
    key: String,
    sides: &[ClusterSide; 2],
) {
    let clusters = match all.get_mut(group) {
        Some(c) => c,
        None => all.entry(group.to_string()).or_default(),
    };
    match clusters.get_mut(&key) {
        Some(mine) => {
            for (m, s) in mine.iter_mut().zip(sides) {
                *m = m.plus(s);
            }
        }
        None => {
            clusters.insert(key, sides.clone());
        }
    }
}

/// Adds `more` to the list `kept`; the list is dropped (`None`) once it has more than `limit`
/// entries, or when `more` was itself dropped (the combined list would be incomplete).
fn keep_within<C>(kept: &mut Option<C>, more: Option<C>, limit: usize, len: impl Fn(&C) -> usize)
where
    C: IntoIterator + Extend<<C as IntoIterator>::Item>,
{
    match (kept.as_mut(), more) {
        (Some(list), Some(more)) => {
            list.extend(more);
            if len(list) > limit {
                *kept = None;
            }
        }
        _ => *kept = None,
    }
}

/// The sums of a whole run (or of one shard): per group, plus the paragraphs and the per-article scores
/// while there are few enough of them to keep.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Per group value, in name order.
    pub groups: BTreeMap<String, GroupSums>,
    /// Every paragraph, while there are at most [`CLUSTER_LIMIT`]; `None` beyond.
    pub clusters: Option<Vec<Cluster>>,
    /// Each article's (position, compound) scores, while there are at most [`TRACE_LIMIT`] articles.
    pub traces: Option<BTreeMap<String, Vec<(f64, f64)>>>,
    /// Articles summed.
    pub articles: u64,
    /// Scored units (sentences, headlines, headings) of those articles.
    pub units: u64,
    /// Page furniture removed, per outlet.
    #[serde(default)]
    pub furniture: BTreeMap<String, SourceFurniture>,
    /// What the survey pass found; the same in every shard of a run.
    #[serde(default)]
    pub notes: crate::survey::Notes,
    /// The sampling unit of the intervals; the same in every shard.
    #[serde(default)]
    pub unit: ClusterUnit,
    /// With [`ClusterUnit::Field`]: per group, each field value's author and quoted sums.
    #[serde(default)]
    pub field_clusters: BTreeMap<String, BTreeMap<String, [ClusterSide; 2]>>,
    /// The trends table's date field and bin width, when it is made; the same in every shard.
    #[serde(default)]
    pub trends: Option<crate::time::Trends>,
    /// Per group, per time bin label (and [`crate::time::UNDATED`]): the trends table's sums.
    #[serde(default)]
    pub time_bins: BTreeMap<String, BTreeMap<String, TrendSums>>,
}

/// The sums of one group's articles in one time bin.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrendSums {
    /// Articles.
    pub articles: u64,
    /// Cluster moments at the sampling unit, all voices: totals and cluster-robust variances.
    pub clusters: ClusterMoments,
    /// With [`ClusterUnit::Field`]: each field value's sums in this bin, until
    /// [`Summary::close_field_clusters`] turns them into `clusters`.
    #[serde(default)]
    pub field: BTreeMap<String, ClusterSide>,
}

impl TrendSums {
    fn merge(&mut self, o: &TrendSums) {
        self.articles += o.articles;
        self.clusters.merge(&o.clusters);
        for (key, side) in &o.field {
            add_side(&mut self.field, key, side);
        }
    }
}

/// Adds `side` to the sums of `key` in `map`, copying the key only when it is new.
fn add_side(map: &mut BTreeMap<String, ClusterSide>, key: &str, side: &ClusterSide) {
    match map.get_mut(key) {
        Some(mine) => *mine = mine.plus(side),
        None => {
            map.insert(key.to_string(), side.clone());
        }
    }
}

/// The page furniture removed from one outlet's articles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceFurniture {
    /// Articles of the outlet.
    pub articles: u64,
    /// Of them, articles that had furniture removed.
    pub articles_with: u64,
    /// Running-text tokens kept.
    pub tokens_kept: u64,
    /// Tokens removed as furniture.
    pub tokens_removed: u64,
    /// Per string removed (the artefact's name, or the learned string in its normal form).
    pub strings: BTreeMap<String, FurnitureString>,
}

/// One furniture string of an outlet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FurnitureString {
    /// `artefact` or `learned`.
    pub kind: String,
    /// Articles it was removed from.
    pub articles: u64,
    /// Tokens removed.
    pub tokens: u64,
    /// Its text as first met in corpus order (the article with the lowest corpus line).
    pub example: String,
    /// The corpus line of that article.
    pub example_line: u64,
}

impl SourceFurniture {
    /// Adds another set of articles of the same outlet.
    pub fn merge(&mut self, o: SourceFurniture) {
        self.articles += o.articles;
        self.articles_with += o.articles_with;
        self.tokens_kept += o.tokens_kept;
        self.tokens_removed += o.tokens_removed;
        for (label, f) in o.strings {
            match self.strings.get_mut(&label) {
                Some(mine) => {
                    mine.articles += f.articles;
                    mine.tokens += f.tokens;
                    if f.example_line < mine.example_line {
                        mine.example = f.example;
                        mine.example_line = f.example_line;
                    }
                }
                None => {
                    self.strings.insert(label, f);
                }
            }
        }
    }
}

impl Summary {
    /// An empty summary, ready to add articles to.
    pub fn new() -> Summary {
        Summary {
            clusters: Some(Vec::new()),
            traces: Some(BTreeMap::new()),
            ..Default::default()
        }
    }

    /// Adds one article of `group`.
    pub fn add(&mut self, article_id: &str, group: &str, article: ArticleSums) {
        let ArticleSums {
            sums,
            clusters,
            trace,
            field_cluster,
            time_bin,
            trend_units,
        } = article;
        if let Some(bin) = time_bin {
            let bins = match self.time_bins.get_mut(group) {
                Some(b) => b,
                None => self.time_bins.entry(group.to_string()).or_default(),
            };
            let cell = bins.entry(bin).or_default();
            cell.articles += 1;
            match &field_cluster {
                Some((key, sides)) => add_side(&mut cell.field, key, &sides[0].plus(&sides[1])),
                None => trend_units.iter().for_each(|u| cell.clusters.add(u)),
            }
        }
        if let Some((key, sides)) = field_cluster {
            add_field_cluster(&mut self.field_clusters, group, key, &sides);
        }
        match self.groups.get_mut(group) {
            Some(g) => g.merge(&sums),
            None => {
                self.groups.insert(group.to_string(), sums);
            }
        }
        self.articles += 1;
        self.keep(clusters, Some([(article_id.to_string(), trace)].into()));
    }

    /// Adds one article's page furniture: `spans` of `text` (the article at corpus `line`) removed, and
    /// `kept` running-text tokens left.
    pub fn add_furniture(
        &mut self,
        source: &str,
        line: u64,
        kept: u64,
        text: &str,
        spans: &[crate::furniture::Span],
    ) {
        let f = match self.furniture.get_mut(source) {
            Some(f) => f,
            None => self.furniture.entry(source.to_string()).or_default(),
        };
        f.articles += 1;
        f.tokens_kept += kept;
        f.articles_with += u64::from(!spans.is_empty());
        let mut seen = std::collections::HashSet::new();
        for span in spans {
            let piece = &text[span.range.clone()];
            let tokens = crate::frames::tokens::count_tokens(piece) as u64;
            f.tokens_removed += tokens;
            let label = span.origin.label();
            let first = seen.insert(label);
            match f.strings.get_mut(label) {
                Some(s) => {
                    s.tokens += tokens;
                    s.articles += u64::from(first);
                    if line < s.example_line {
                        s.example = piece.to_string();
                        s.example_line = line;
                    }
                }
                None => {
                    f.strings.insert(
                        label.to_string(),
                        FurnitureString {
                            kind: span.origin.kind().to_string(),
                            articles: 1,
                            tokens,
                            example: piece.to_string(),
                            example_line: line,
                        },
                    );
                }
            }
        }
    }

    /// Counts `words` (matching keys of the frame tokenizer, see [`crate::frames::tokens`]) into
    /// `group`'s word counts; the group must have been added.
    pub fn count_words<'t>(&mut self, group: &str, words: impl IntoIterator<Item = &'t str>) {
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        for key in words {
            add_count(&mut g.words, key, 1);
        }
    }

    /// Adds the paragraphs and traces of more articles, dropping each list once it outgrows its
    /// limit. A list given as `None` was dropped by its source, so the combined list is incomplete
    /// and is dropped too.
    fn keep(
        &mut self,
        clusters: Option<Vec<Cluster>>,
        traces: Option<BTreeMap<String, Vec<(f64, f64)>>>,
    ) {
        keep_within(&mut self.clusters, clusters, CLUSTER_LIMIT, Vec::len);
        keep_within(&mut self.traces, traces, TRACE_LIMIT, BTreeMap::len);
    }

    /// Adds a summary of a disjoint set of articles (another shard).
    pub fn merge(&mut self, o: Summary) {
        for (name, mut g) in o.groups {
            match self.groups.get_mut(&name) {
                Some(mine) => {
                    // The smaller vocabulary is added into the larger: the sums are the same
                    // either way, and the words are copied once.
                    if mine.words.len() < g.words.len() {
                        std::mem::swap(mine, &mut g);
                    }
                    mine.merge(&g);
                }
                None => {
                    self.groups.insert(name, g);
                }
            }
        }
        self.articles += o.articles;
        self.units += o.units;
        for (source, f) in o.furniture {
            self.furniture.entry(source).or_default().merge(f);
        }
        // Every shard surveyed the whole corpus, so the notes agree (`framing merge` checks).
        if self.notes == crate::survey::Notes::default() {
            self.notes = o.notes;
        }
        if self.unit == ClusterUnit::default() {
            self.unit = o.unit;
        }
        for (group, clusters) in o.field_clusters {
            for (key, sides) in clusters {
                add_field_cluster(&mut self.field_clusters, &group, key, &sides);
            }
        }
        if self.trends.is_none() {
            self.trends = o.trends;
        }
        for (group, bins) in o.time_bins {
            let mine = self.time_bins.entry(group).or_default();
            for (bin, cell) in bins {
                match mine.get_mut(&bin) {
                    Some(m) => m.merge(&cell),
                    None => {
                        mine.insert(bin, cell);
                    }
                }
            }
        }
        self.keep(o.clusters, o.traces);
        if let Some(list) = &mut self.clusters {
            list.sort_by(|a, b| (&a.article_id, a.paragraph).cmp(&(&b.article_id, b.paragraph)));
        }
    }

    /// With [`ClusterUnit::Field`], once every article is in: each group's cluster moments from its field
    /// values' sums, and the list of clusters for the bootstrap (while there are at most
    /// [`CLUSTER_LIMIT`]). Other units need nothing done.
    pub fn close_field_clusters(&mut self) {
        if !matches!(self.unit, ClusterUnit::Field(_)) {
            return;
        }
        for cell in self.time_bins.values_mut().flat_map(|b| b.values_mut()) {
            for side in std::mem::take(&mut cell.field).values() {
                cell.clusters.add(side);
            }
        }
        let mut list = Vec::new();
        for (group, clusters) in &self.field_clusters {
            let Some(g) = self.groups.get_mut(group) else {
                continue;
            };
            for m in g.scopes.iter_mut() {
                m.clusters = ClusterMoments::default();
            }
            for (key, sides) in clusters {
                for (scope, m) in g.scopes.iter_mut().enumerate() {
                    m.clusters.add(&side_in_scope(sides, scope));
                }
                list.push(Cluster {
                    article_id: key.clone(),
                    paragraph: 0,
                    group: group.clone(),
                    sides: sides.clone(),
                });
            }
        }
        self.clusters = (list.len() <= CLUSTER_LIMIT).then_some(list);
    }

    /// The measures of several groups together, per voice scope: what the statistics of a contrast
    /// side read (its word counts are added up on a shared vocabulary, see
    /// [`crate::compare::contrast`]).
    pub fn combined_scopes<'a>(
        &'a self,
        groups: impl IntoIterator<Item = &'a String>,
    ) -> [Measures; 3] {
        let mut found = groups.into_iter().filter_map(|g| self.groups.get(g));
        let Some(first) = found.next() else {
            return Default::default();
        };
        let mut out = first.scopes.clone();
        for sums in found {
            for (a, b) in out.iter_mut().zip(&sums.scopes) {
                a.merge(b);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_counts_equal_a_map_of_counts_through_densifying_and_merging() {
        // A fixed pseudo-random sequence of values, some beyond the compound range.
        let mut x: u64 = 12345;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % 24_001) as i32 - 12_000
        };
        let (mut small, mut big) = (Hist::default(), Hist::default());
        let mut expected: BTreeMap<i32, u64> = BTreeMap::new();
        for k in 0..5_000 {
            let v = next();
            *expected.entry(v).or_insert(0) += 1;
            if k < 40 {
                small.add(v, 1);
            } else {
                big.add(v, 1);
            }
        }
        assert!(matches!(small.0, HistRepr::Sparse(_)));
        assert!(matches!(big.0, HistRepr::Dense { .. }));
        // Sparse into dense and dense into sparse give the same counts.
        let mut a = big.clone();
        a.merge(&small);
        let mut b = small.clone();
        b.merge(&big);
        let want: Vec<(i32, u64)> = expected.into_iter().collect();
        assert_eq!(a.iter().collect::<Vec<_>>(), want);
        assert_eq!(b.iter().collect::<Vec<_>>(), want);
        assert_eq!(a, b);
        // Serialised as a map of counts, and read back the same.
        let json = serde_json::to_string(&a).expect("serialises");
        let map: BTreeMap<i32, u64> = serde_json::from_str(&json).expect("a map");
        assert_eq!(map.into_iter().collect::<Vec<_>>(), want);
        let back: Hist = serde_json::from_str(&json).expect("reads back");
        assert_eq!(back, a);
    }

    #[test]
    fn histogram_statistics_equal_the_direct_ones() {
        let values = [0.5, -0.25, 0.5, 0.1, 0.0, -0.9, 0.3333];
        let mut d = Dist::default();
        for v in values {
            d.add(compound_units(v));
        }
        let mean = values.iter().sum::<f64>() / 7.0;
        assert!((d.mean().unwrap_or(0.0) - mean).abs() < 1e-12);
        let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 6.0;
        assert!((d.std().unwrap_or(0.0) - var.sqrt()).abs() < 1e-12);
        assert_eq!(d.median(), Some(0.1));
        // numpy.percentile([-0.9,-0.25,0,0.1,0.3333,0.5,0.5], 25) = -0.125
        assert!((d.quantile(0.25).unwrap_or(0.0) + 0.125).abs() < 1e-12);
        assert_eq!(d.sample(3).len(), 4);
    }

    #[test]
    fn summaries_round_trip_through_json() {
        let mut d = Dist::default();
        d.add(12_345);
        d.add(-10_000);
        let g = GroupSums {
            scopes: [
                Measures {
                    compound: d,
                    ..Default::default()
                },
                Measures::default(),
                Measures::default(),
            ],
            words: [("war".to_string(), 3)].into_iter().collect(),
            ..Default::default()
        };
        let s = Summary {
            groups: [("left".to_string(), g)].into(),
            ..Summary::new()
        };
        let json = serde_json::to_string(&s).unwrap_or_default();
        let back: Summary = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, s);
    }
}
