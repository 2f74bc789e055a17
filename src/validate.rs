//! Validation stage: a lexicon measured against human frame labels.
//!
//! Input is a labelled file ([`read_labelled`]): one text per record with its human labels, single-label
//! (`"frame": "politics"`) or multi-label (`"frames": ["politics", "gun_control"]`, or
//! `{"politics": 1, "gun_control": 0}`). A [`LabelMap`] says which lexicon categories stand for each label.
//! Every text is matched ([`score_texts`]) and [`evaluate`] compares prediction with label:
//!
//! - **Presence rule** (fixed, never tuned on the labels it is scored on): a text carries a category when
//!   the category's weighted hits reach the category's `min_hits` (default 1; set in its file), in the
//!   whole text (`unit = text`, the text scored as `framing score` scores it) or in at least one sentence
//!   (`unit = sentence`: the text is segmented as an article, and only scored units count, so bylines and
//!   datelines do not). A label is predicted when any of its categories is present. `--tune-on F=V`
//!   instead picks, per label, the threshold on the label's weighted hits that maximises F1 on the records
//!   whose field F is V, and scores the others with it.
//! - **Per label**: precision, recall and F1 of that rule (precision is undefined, and F1 0, when nothing is
//!   predicted, as scikit-learn's `zero_division`), and the ROC AUC of the label's weighted hits per 1,000
//!   tokens (ties count a half, as `roc_auc_score`), which needs no threshold. Macro-F1 is the mean over
//!   labels, micro-F1 pools their counts.
//! - **Single-label data** (or `primary`, the first label of a list): the predicted label is the one with
//!   the most weighted hits (ties to the first label in name order; `none` when nothing matched), with
//!   accuracy, macro-F1 over the labels and a confusion table.
//! - **Intervals**: 95% percentile intervals from a bootstrap over texts (seeded; replicate r draws from
//!   its own stream), for every figure.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_json::Value;

use crate::aggregate::FrameCount;
use crate::error::{Error, Result};
use crate::frames::tokens::tokenize;
use crate::frames::{Lexicon, Matcher};
use crate::stats::{percentile, Xoshiro256StarStar};

/// Which record fields hold what.
#[derive(Debug, Clone)]
pub struct LabelFields {
    /// The record's id (the line number when absent).
    pub id: String,
    /// The text.
    pub text: String,
    /// The labels; `None` looks for `frames`, then `frame`.
    pub labels: Option<String>,
}

impl Default for LabelFields {
    fn default() -> Self {
        LabelFields {
            id: "id".into(),
            text: "text".into(),
            labels: None,
        }
    }
}

/// One labelled text.
#[derive(Debug, Clone, PartialEq)]
pub struct Labelled {
    /// The record's id.
    pub id: String,
    /// 1-based line (or CSV row) in the file.
    pub line: usize,
    /// The text.
    pub text: String,
    /// Its human labels, in the order given (dominant first where the coders ranked them).
    pub labels: Vec<String>,
    /// Every other scalar field as text (for `--tune-on`).
    pub fields: BTreeMap<String, String>,
}

/// A labelled file, read.
#[derive(Debug, Clone)]
pub struct LabelledSet {
    /// The file.
    pub path: PathBuf,
    /// The records, in file order.
    pub records: Vec<Labelled>,
    /// Whether every record gave its label as one string (single-label data).
    pub single: bool,
}

fn input_error(path: &Path, line: Option<usize>, message: impl Into<String>) -> Error {
    Error::Manifest {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// The labels of one field value: a string (one label, or several split at `;` in CSV), a list of
/// strings, or an object of label → 0/1 (or false/true).
fn parse_labels(value: &Value) -> std::result::Result<(Vec<String>, bool), String> {
    match value {
        Value::String(s) => {
            let trimmed = s.trim();
            if trimmed.starts_with('[') || trimmed.starts_with('{') {
                let inner: Value = serde_json::from_str(trimmed)
                    .map_err(|e| format!("labels {trimmed:?} are not valid JSON ({e})"))?;
                return parse_labels(&inner).map(|(l, _)| (l, false));
            }
            let labels: Vec<String> = trimmed
                .split(';')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
            // One label, or an empty cell (no label), is single-label data.
            let single = labels.len() <= 1;
            Ok((labels, single))
        }
        Value::Array(items) => items
            .iter()
            .map(|v| match v {
                Value::String(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
                other => Err(format!("a label list holds {other}: labels are strings")),
            })
            .collect::<std::result::Result<Vec<_>, _>>()
            .map(|l| (l, false)),
        Value::Object(map) => {
            let mut labels = Vec::new();
            for (name, v) in map {
                let on = match v {
                    Value::Bool(b) => *b,
                    Value::Number(n) if n.as_f64() == Some(1.0) => true,
                    Value::Number(n) if n.as_f64() == Some(0.0) => false,
                    other => {
                        return Err(format!(
                        "label {name:?} is {other}: a label object maps names to 0/1 or true/false"
                    ))
                    }
                };
                if on {
                    labels.push(name.clone());
                }
            }
            Ok((labels, false))
        }
        Value::Null => Ok((Vec::new(), false)),
        other => Err(format!(
            "labels are {other}: give a string, a list of strings or an object of 0/1"
        )),
    }
}

/// Reads a labelled file: JSON lines (plain or `.gz`) or CSV (by extension). Every problem names the file
/// and line: a malformed record, a missing field, an empty file.
pub fn read_labelled(path: &Path, fields: &LabelFields) -> Result<LabelledSet> {
    let rows = match path.extension().and_then(|x| x.to_str()) {
        Some("csv") => csv_rows(path)?,
        _ => {
            let mut rows = Vec::new();
            let mut bad = None;
            crate::corpus::records::for_each_record(path, |line, record| match record {
                Ok(map) => rows.push((line, map)),
                Err(e) if bad.is_none() => bad = Some((line, e.to_string())),
                Err(_) => {}
            })?;
            if let Some((line, why)) = bad {
                return Err(input_error(
                    path,
                    Some(line),
                    format!("{why}: each line must be one JSON object such as {{\"id\": ..., \"text\": ..., \"frames\": [...]}}"),
                ));
            }
            rows
        }
    };
    if rows.is_empty() {
        return Err(input_error(
            path,
            None,
            "no records: the file is empty (JSON lines or CSV with a text and its labels)",
        ));
    }
    let label_field = match &fields.labels {
        Some(f) => f.clone(),
        None => ["frames", "frame"]
            .into_iter()
            .find(|f| rows[0].1.contains_key(*f))
            .map(String::from)
            .ok_or_else(|| {
                input_error(
                    path,
                    Some(rows[0].0),
                    "no \"frames\" or \"frame\" field: name the label field with --label-field",
                )
            })?,
    };
    let mut records = Vec::with_capacity(rows.len());
    let mut single = true;
    let mut seen = BTreeSet::new();
    for (line, map) in rows {
        let missing = |name: &str, flag: &str| {
            input_error(
                path,
                Some(line),
                format!("no {name:?} field: every record needs one (set {flag})"),
            )
        };
        let text = match map.get(&fields.text) {
            Some(Value::String(s)) => s.clone(),
            _ => return Err(missing(&fields.text, "--text-field")),
        };
        let labels = map
            .get(&label_field)
            .ok_or_else(|| missing(&label_field, "--label-field"))?;
        let (labels, one) = parse_labels(labels).map_err(|m| input_error(path, Some(line), m))?;
        single &= one;
        let id = match map.get(&fields.id) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => format!("line-{line}"),
        };
        if !seen.insert(id.clone()) {
            return Err(input_error(
                path,
                Some(line),
                format!("duplicate id {id:?}: ids must be unique (or leave the id field out)"),
            ));
        }
        let fields = map
            .iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k.clone(), s.clone())),
                Value::Number(n) => Some((k.clone(), n.to_string())),
                Value::Bool(b) => Some((k.clone(), b.to_string())),
                _ => None,
            })
            .collect();
        records.push(Labelled {
            id,
            line,
            text,
            labels,
            fields,
        });
    }
    Ok(LabelledSet {
        path: path.to_path_buf(),
        records,
        single,
    })
}

/// The rows of a CSV file as JSON objects of strings (an empty cell is an empty string), with their
/// 1-based line (the header is line 1).
fn csv_rows(path: &Path) -> Result<Vec<(usize, serde_json::Map<String, Value>)>> {
    let wrap = |source| Error::Table {
        table: path.display().to_string(),
        source,
    };
    let df = crate::corpus::records::read_text_csv(path).map_err(wrap)?;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let mut columns = Vec::with_capacity(names.len());
    for name in &names {
        let col = df.column(name).map_err(wrap)?;
        let values: Vec<Option<String>> = col
            .str()
            .map_err(wrap)?
            .iter()
            .map(|v| v.map(String::from))
            .collect();
        columns.push(values);
    }
    Ok((0..df.height())
        .map(|row| {
            let map = names
                .iter()
                .zip(&columns)
                .map(|(n, c)| (n.clone(), Value::String(c[row].clone().unwrap_or_default())))
                .collect();
            (row + 2, map)
        })
        .collect())
}

/// Which categories stand for each label. A label mapped to no category (`label=-`) is left out.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelMap {
    /// (label, category names), sorted by label.
    pub entries: Vec<(String, Vec<String>)>,
    /// Labels explicitly left out.
    pub ignored: Vec<String>,
}

impl LabelMap {
    /// Parses `label=category[+category],...` or, when `spec` names a file, one such pair per line
    /// (`#` starts a comment).
    pub fn parse(spec: &str) -> Result<LabelMap> {
        let (source, text) = match std::fs::read_to_string(spec) {
            Ok(text) if Path::new(spec).is_file() => (Some(PathBuf::from(spec)), text),
            _ => (None, spec.replace(',', "\n")),
        };
        let mut map = LabelMap::default();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let fail = |message: String| match &source {
                Some(path) => input_error(path, Some(n + 1), message),
                None => input_error(Path::new("--map"), None, message),
            };
            let Some((label, cats)) = line.split_once('=') else {
                return Err(fail(format!(
                    "{line:?} is not label=category[+category] (or label=- to leave a label out)"
                )));
            };
            let label = label.trim().to_string();
            if map.entries.iter().any(|(l, _)| *l == label) || map.ignored.contains(&label) {
                return Err(fail(format!("label {label:?} is mapped twice")));
            }
            let cats: Vec<String> = cats
                .split('+')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            match cats.as_slice() {
                [] => {
                    return Err(fail(format!(
                        "label {label:?} maps to nothing: name a category, or write {label}=- to leave it out"
                    )))
                }
                [dash] if dash == "-" => map.ignored.push(label),
                _ => map.entries.push((label, cats)),
            }
        }
        map.entries.sort();
        map.ignored.sort();
        Ok(map)
    }

    /// The label → category indices of `lexicon`, checked against the labels of `set`: every mapped label
    /// must occur in the data and every category exist; a label neither mapped nor left out maps to the
    /// category of the same name, or is an error.
    pub fn resolve(
        &self,
        set: &LabelledSet,
        lexicon: &Lexicon,
    ) -> Result<Vec<(String, Vec<usize>)>> {
        let mut first_line: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &set.records {
            for l in &r.labels {
                first_line.entry(l.as_str()).or_insert(r.line);
            }
        }
        let known = || first_line.keys().copied().collect::<Vec<_>>().join(", ");
        for label in self.entries.iter().map(|(l, _)| l).chain(&self.ignored) {
            if !first_line.contains_key(label.as_str()) {
                return Err(input_error(
                    &set.path,
                    None,
                    format!(
                        "unknown label {label:?} in --map: the labels in this file are {}",
                        known()
                    ),
                ));
            }
        }
        let mut out = Vec::new();
        for (label, line) in &first_line {
            if self.ignored.iter().any(|l| l == label) {
                continue;
            }
            let names: Vec<String> = match self.entries.iter().find(|(l, _)| l == label) {
                Some((_, cats)) => cats.clone(),
                None if lexicon.index_of(label).is_some() => vec![label.to_string()],
                None => {
                    return Err(input_error(
                        &set.path,
                        Some(*line),
                        format!(
                            "label {label:?} has no category: map it with --map {label}=CATEGORY (categories: {}), or {label}=- to leave it out",
                            lexicon.names().join(", ")
                        ),
                    ))
                }
            };
            let mut cats = Vec::new();
            for name in names {
                let c = lexicon.index_of(&name).ok_or_else(|| {
                    input_error(
                        Path::new("--map"),
                        None,
                        format!(
                            "category {name:?} of label {label:?} is not in the lexicon: its categories are {}",
                            lexicon.names().join(", ")
                        ),
                    )
                })?;
                cats.push(c);
            }
            out.push((label.to_string(), cats));
        }
        if out.is_empty() {
            return Err(input_error(
                &set.path,
                None,
                "no label is left to score: map at least one label to a category",
            ));
        }
        Ok(out)
    }
}

/// How a text is matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// The whole text as one string, as `framing score` scores it.
    #[default]
    Text,
    /// The text segmented as an article; presence needs one sentence to reach `min_hits`.
    Sentence,
}

/// One text's matches, per category (parents include their descendants' hits).
#[derive(Debug, Clone, PartialEq)]
pub struct TextMatches {
    /// Weighted hits per category (negated hits left out where the category says so).
    pub weighted: Vec<f64>,
    /// Whether the category is present under the presence rule.
    pub present: Vec<bool>,
    /// Word tokens of the matched text.
    pub tokens: usize,
    /// Per category, the matched terms and how often, sorted by term.
    pub terms: Vec<BTreeMap<String, usize>>,
}

/// Matches pieces of text against a lexicon under each category's presence rule: the weighted hits,
/// presence and matched terms of [`TextMatches`], a piece (a text, or one sentence of it) at a time.
pub struct Marker<'l> {
    lexicon: &'l Lexicon,
    matcher: Matcher,
    rollup: Vec<Vec<usize>>,
}

impl<'l> Marker<'l> {
    /// A marker for `lexicon`.
    pub fn new(lexicon: &'l Lexicon) -> Marker<'l> {
        Marker {
            lexicon,
            matcher: Matcher::new(lexicon),
            rollup: lexicon.rollup(),
        }
    }

    /// No piece added yet.
    pub fn empty(&self) -> TextMatches {
        let n = self.lexicon.categories.len();
        TextMatches {
            weighted: vec![0.0; n],
            present: vec![false; n],
            tokens: 0,
            terms: vec![BTreeMap::new(); n],
        }
    }

    /// Adds one piece: a category is present when this piece alone reaches its `min_hits`.
    pub fn add(&self, all: &mut TextMatches, text: &str) {
        let lexicon = self.lexicon;
        let tokens = tokenize(text);
        let hits = self.matcher.find_in_tokens(&tokens);
        all.tokens += tokens.len();
        for (c, sources) in self.rollup.iter().enumerate() {
            let weighted = FrameCount::of(&hits, sources, lexicon).weight;
            all.weighted[c] += weighted;
            all.present[c] |= weighted >= lexicon.categories[c].min_hits;
        }
        for hit in &hits {
            let category = &lexicon.categories[hit.category];
            if hit.negated && category.exclude_negated {
                continue;
            }
            for (c, sources) in self.rollup.iter().enumerate() {
                if sources.contains(&hit.category) {
                    let term = &category.terms[hit.term].text;
                    *all.terms[c].entry(term.clone()).or_insert(0) += 1;
                }
            }
        }
    }

    /// The matches of a unit made of `pieces`.
    pub fn of<'t>(&self, pieces: impl IntoIterator<Item = &'t str>) -> TextMatches {
        let mut all = self.empty();
        for piece in pieces {
            self.add(&mut all, piece);
        }
        all
    }
}

/// Matches every text, in parallel (the result is in record order).
pub fn score_texts(set: &LabelledSet, lexicon: &Lexicon, unit: Unit) -> Vec<TextMatches> {
    let marker = Marker::new(lexicon);
    set.records
        .par_iter()
        .map(|record| match unit {
            Unit::Text => marker.of([record.text.as_str()]),
            Unit::Sentence => {
                let units = crate::segment::segment(&record.text, &Default::default());
                marker.of(units
                    .iter()
                    .filter(|u| u.kind.is_scored())
                    .map(|u| u.text(&record.text)))
            }
        })
        .collect()
}

/// What [`evaluate`] needs besides the data.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bootstrap replicates for the intervals.
    pub replicates: usize,
    /// Seed of the bootstrap.
    pub seed: u64,
    /// `Some((field, value))`: tune each label's threshold on these records and score the others.
    pub tune_on: Option<(String, String)>,
    /// Treat the first label of each record as its single label (dominant first).
    pub primary: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            replicates: 1000,
            seed: 20_140_601,
            tune_on: None,
            primary: false,
        }
    }
}

/// A figure with its 95% bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Estimate {
    /// The point estimate on the scored texts (`None` where undefined).
    pub value: Option<f64>,
    /// 2.5th percentile of the bootstrap replicates.
    pub lo: Option<f64>,
    /// 97.5th percentile.
    pub hi: Option<f64>,
}

/// One label's row.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRow {
    /// The label.
    pub label: String,
    /// The categories standing for it, joined by `+`.
    pub categories: String,
    /// The weighted-hit threshold used: `None` for the fixed presence rule, the tuned value otherwise.
    pub threshold: Option<f64>,
    /// Scored texts.
    pub n: usize,
    /// Texts with the label.
    pub positives: usize,
    /// True and false positives, false and true negatives.
    pub tp: usize,
    /// False positives.
    pub fp: usize,
    /// False negatives.
    pub fn_: usize,
    /// True negatives.
    pub tn: usize,
    /// Precision, with interval.
    pub precision: Estimate,
    /// Recall, with interval.
    pub recall: Estimate,
    /// F1, with interval.
    pub f1: Estimate,
    /// ROC AUC of hits per 1,000 tokens, with interval.
    pub auc: Estimate,
}

/// One text-label pair: what was predicted and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// Record index in the set.
    pub record: usize,
    /// Label index in the resolved map.
    pub label: usize,
    /// Whether the coders gave the label.
    pub gold: bool,
    /// Summed weighted hits of the label's categories.
    pub weighted: f64,
    /// The same per 1,000 tokens.
    pub per_1000: f64,
    /// Whether the rule predicts the label.
    pub predicted: bool,
}

/// Everything a validation run reports.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The labels and their categories, sorted by label.
    pub labels: Vec<(String, Vec<usize>)>,
    /// Per label figures.
    pub rows: Vec<LabelRow>,
    /// (name, estimate) of the overall figures: macro and micro F1, macro AUC, and for single-label data
    /// accuracy and the argmax prediction's macro-F1.
    pub overall: Vec<(String, Estimate)>,
    /// Gold × predicted counts of the single-label prediction (`none` for no label).
    pub confusion: Option<Vec<(String, String, usize)>>,
    /// Every text-label pair of the scored texts, by record then label.
    pub predictions: Vec<Prediction>,
    /// Indices of the scored records (all but the tuning split).
    pub scored: Vec<usize>,
    /// Texts left out of the single-label figures because their label is left out of the map.
    pub unmapped_single: usize,
}

/// The counts of a 0/1 prediction against 0/1 gold over `rows` (indices into the vectors).
fn counts(gold: &[bool], predicted: &[bool], rows: &[usize]) -> [usize; 4] {
    let mut c = [0; 4];
    for &i in rows {
        c[match (gold[i], predicted[i]) {
            (true, true) => 0,
            (false, true) => 1,
            (true, false) => 2,
            (false, false) => 3,
        }] += 1;
    }
    c
}

/// (precision, recall, F1) of counts; precision `None` with no predicted positive, recall `None` with no
/// positive; F1 0 when either is undefined or both are 0 (scikit-learn's `zero_division=0`).
fn prf(c: [usize; 4]) -> (Option<f64>, Option<f64>, f64) {
    let [tp, fp, fn_, _] = c.map(|x| x as f64);
    let p = (tp + fp > 0.0).then(|| tp / (tp + fp));
    let r = (tp + fn_ > 0.0).then(|| tp / (tp + fn_));
    let f = if tp > 0.0 {
        2.0 * tp / (2.0 * tp + fp + fn_)
    } else {
        0.0
    };
    (p, r, f)
}

/// ROC AUC of `score` for `gold` over `rows`: the share of (positive, negative) pairs ordered correctly,
/// ties a half (average ranks), as scikit-learn's `roc_auc_score`. `None` without both classes.
pub fn roc_auc(gold: &[bool], score: &[f64], rows: &[usize]) -> Option<f64> {
    let mut pairs: Vec<(f64, bool)> = rows.iter().map(|&i| (score[i], gold[i])).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = pairs.iter().filter(|p| p.1).count() as f64;
    let negatives = pairs.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    // Sum of the positives' ranks, tied values sharing their average rank.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < pairs.len() {
        let mut j = i;
        while j < pairs.len() && pairs[j].0 == pairs[i].0 {
            j += 1;
        }
        let average = (i + 1 + j) as f64 / 2.0;
        rank_sum += average * pairs[i..j].iter().filter(|p| p.1).count() as f64;
        i = j;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

/// The threshold on `score` that maximises F1 over `rows` (ties to the lowest); `None` when no row is
/// positive or no score is above 0.
fn tune_threshold(gold: &[bool], score: &[f64], rows: &[usize]) -> Option<f64> {
    let mut candidates: Vec<f64> = rows
        .iter()
        .map(|&i| score[i])
        .filter(|&s| s > 0.0)
        .collect();
    candidates.sort_by(f64::total_cmp);
    candidates.dedup();
    let mut best: Option<(f64, f64)> = None;
    for t in candidates {
        let predicted: Vec<bool> = score.iter().map(|&s| s >= t).collect();
        let f = prf(counts(gold, &predicted, rows)).2;
        if best.is_none_or(|(bf, _)| f > bf) {
            best = Some((f, t));
        }
    }
    best.map(|(_, t)| t)
}

/// The single-label prediction of one record: the label with the most weighted hits, `None` with none.
fn argmax(weighted: &[f64]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (l, &w) in weighted.iter().enumerate() {
        if w > 0.0 && best.is_none_or(|b| w > weighted[b]) {
            best = Some(l);
        }
    }
    best
}

/// Precision, recall, F1 and AUC of one label in one sample.
#[derive(Clone, Copy)]
struct LabelFigures {
    precision: Option<f64>,
    recall: Option<f64>,
    f1: f64,
    auc: Option<f64>,
}

/// The figures of one sample of rows (the scored texts, or a bootstrap resample of them).
struct Figures {
    per_label: Vec<LabelFigures>,
    macro_f1: f64,
    micro_f1: f64,
    macro_auc: Option<f64>,
    accuracy: Option<f64>,
    single_macro_f1: Option<f64>,
}

/// The data every sample's figures are computed from.
struct Columns {
    /// Per label, per record.
    gold: Vec<Vec<bool>>,
    predicted: Vec<Vec<bool>>,
    per_1000: Vec<Vec<f64>>,
    /// Per record: single-label gold (label index, `None` = no label) when it takes part.
    single_gold: Vec<Option<Option<usize>>>,
    single_predicted: Vec<Option<usize>>,
}

impl Columns {
    fn figures(&self, rows: &[usize]) -> Figures {
        let mut per_label = Vec::with_capacity(self.gold.len());
        let mut pooled = [0; 4];
        for l in 0..self.gold.len() {
            let c = counts(&self.gold[l], &self.predicted[l], rows);
            for k in 0..4 {
                pooled[k] += c[k];
            }
            let (precision, recall, f1) = prf(c);
            per_label.push(LabelFigures {
                precision,
                recall,
                f1,
                auc: roc_auc(&self.gold[l], &self.per_1000[l], rows),
            });
        }
        let macro_f1 = per_label.iter().map(|x| x.f1).sum::<f64>() / per_label.len() as f64;
        let aucs: Vec<f64> = per_label.iter().filter_map(|x| x.auc).collect();
        let macro_auc =
            (aucs.len() == per_label.len()).then(|| aucs.iter().sum::<f64>() / aucs.len() as f64);
        let single: Vec<usize> = rows
            .iter()
            .copied()
            .filter(|&i| self.single_gold[i].is_some())
            .collect();
        let (accuracy, single_macro_f1) = if single.is_empty() {
            (None, None)
        } else {
            let gold = |i: usize| self.single_gold[i].flatten();
            let right = single
                .iter()
                .filter(|&&i| gold(i) == self.single_predicted[i])
                .count();
            let f1s: Vec<f64> = (0..self.gold.len())
                .map(|l| {
                    let g: Vec<bool> = (0..self.single_gold.len())
                        .map(|i| gold(i) == Some(l))
                        .collect();
                    let p: Vec<bool> = self
                        .single_predicted
                        .iter()
                        .map(|&x| x == Some(l))
                        .collect();
                    prf(counts(&g, &p, &single)).2
                })
                .collect();
            (
                Some(right as f64 / single.len() as f64),
                Some(f1s.iter().sum::<f64>() / f1s.len() as f64),
            )
        };
        Figures {
            per_label,
            macro_f1,
            micro_f1: prf(pooled).2,
            macro_auc,
            accuracy,
            single_macro_f1,
        }
    }
}

/// Scores the lexicon against the labels.
pub fn evaluate(
    set: &LabelledSet,
    labels: Vec<(String, Vec<usize>)>,
    lexicon: &Lexicon,
    matches: &[TextMatches],
    options: &Options,
) -> Result<Evaluation> {
    let n = set.records.len();
    let (tune, scored): (Vec<usize>, Vec<usize>) = match &options.tune_on {
        None => (Vec::new(), (0..n).collect()),
        Some((field, value)) => (0..n).partition(|&i| {
            set.records[i].fields.get(field).map(String::as_str) == Some(value.as_str())
        }),
    };
    if let Some((field, value)) = &options.tune_on {
        if tune.is_empty() || scored.is_empty() {
            return Err(input_error(
                &set.path,
                None,
                format!(
                    "--tune-on {field}={value} leaves {} records to tune on and {} to score: both need some",
                    tune.len(),
                    scored.len()
                ),
            ));
        }
    }
    let weighted: Vec<Vec<f64>> = labels
        .iter()
        .map(|(_, cats)| {
            matches
                .iter()
                .map(|m| cats.iter().map(|&c| m.weighted[c]).sum())
                .collect()
        })
        .collect();
    let gold: Vec<Vec<bool>> = labels
        .iter()
        .map(|(label, _)| {
            set.records
                .iter()
                .map(|r| r.labels.contains(label))
                .collect()
        })
        .collect();
    let mut thresholds = Vec::with_capacity(labels.len());
    let mut predicted = Vec::with_capacity(labels.len());
    for (l, (_, cats)) in labels.iter().enumerate() {
        let threshold = if options.tune_on.is_some() {
            Some(tune_threshold(&gold[l], &weighted[l], &tune).unwrap_or(f64::INFINITY))
        } else {
            None
        };
        predicted.push(match threshold {
            Some(t) => weighted[l].iter().map(|&w| w >= t).collect::<Vec<bool>>(),
            None => matches
                .iter()
                .map(|m| cats.iter().any(|&c| m.present[c]))
                .collect(),
        });
        thresholds.push(threshold);
    }
    let per_1000: Vec<Vec<f64>> = weighted
        .iter()
        .map(|w| {
            w.iter()
                .zip(matches)
                .map(|(&w, m)| {
                    if m.tokens == 0 {
                        0.0
                    } else {
                        1000.0 * w / m.tokens as f64
                    }
                })
                .collect()
        })
        .collect();
    let single_data = set.single || options.primary;
    let label_index = |name: &String| labels.iter().position(|(l, _)| l == name);
    // Single-label gold: the (first) label, `Some(None)` for a text without labels; a text whose label
    // is left out of the map takes no part.
    let single_gold: Vec<Option<Option<usize>>> = set
        .records
        .iter()
        .map(|r| match r.labels.first() {
            _ if !single_data => None,
            None => Some(None),
            Some(first) => label_index(first).map(Some),
        })
        .collect();
    let single_predicted: Vec<Option<usize>> = (0..n)
        .map(|i| argmax(&weighted.iter().map(|w| w[i]).collect::<Vec<_>>()))
        .collect();
    let unmapped_single = scored
        .iter()
        .filter(|&&i| single_data && single_gold[i].is_none())
        .count();
    let columns = Columns {
        gold,
        predicted,
        per_1000,
        single_gold,
        single_predicted,
    };
    let point = columns.figures(&scored);
    let replicates: Vec<Figures> = (0..options.replicates)
        .into_par_iter()
        .map(|r| {
            let mut rng = Xoshiro256StarStar::for_stream(options.seed, r as u64);
            let sample: Vec<usize> = (0..scored.len())
                .map(|_| scored[rng.below(scored.len() as u64) as usize])
                .collect();
            columns.figures(&sample)
        })
        .collect();
    let interval = |value: Option<f64>, pick: &dyn Fn(&Figures) -> Option<f64>| {
        let values: Vec<f64> = replicates.iter().filter_map(pick).collect();
        Estimate {
            value,
            lo: percentile(&values, 2.5),
            hi: percentile(&values, 97.5),
        }
    };
    let mut rows = Vec::with_capacity(labels.len());
    for (l, (label, cats)) in labels.iter().enumerate() {
        let c = counts(&columns.gold[l], &columns.predicted[l], &scored);
        let LabelFigures {
            precision,
            recall,
            f1,
            auc,
        } = point.per_label[l];
        rows.push(LabelRow {
            label: label.clone(),
            categories: cats
                .iter()
                .map(|&c| lexicon.categories[c].name.as_str())
                .collect::<Vec<_>>()
                .join("+"),
            threshold: thresholds[l],
            n: scored.len(),
            positives: c[0] + c[2],
            tp: c[0],
            fp: c[1],
            fn_: c[2],
            tn: c[3],
            precision: interval(precision, &|x| x.per_label[l].precision),
            recall: interval(recall, &|x| x.per_label[l].recall),
            f1: interval(Some(f1), &|x| Some(x.per_label[l].f1)),
            auc: interval(auc, &|x| x.per_label[l].auc),
        });
    }
    let mut overall = vec![
        (
            "macro_f1".to_string(),
            interval(Some(point.macro_f1), &|x| Some(x.macro_f1)),
        ),
        (
            "micro_f1".to_string(),
            interval(Some(point.micro_f1), &|x| Some(x.micro_f1)),
        ),
        (
            "macro_auc".to_string(),
            interval(point.macro_auc, &|x| x.macro_auc),
        ),
    ];
    let confusion = single_data.then(|| {
        overall.push(("accuracy".into(), interval(point.accuracy, &|x| x.accuracy)));
        overall.push((
            "single_label_macro_f1".into(),
            interval(point.single_macro_f1, &|x| x.single_macro_f1),
        ));
        let name = |l: Option<usize>| l.map_or("none".to_string(), |l| labels[l].0.clone());
        let mut cells: BTreeMap<(String, String), usize> = BTreeMap::new();
        for &i in &scored {
            if let Some(g) = columns.single_gold[i] {
                *cells
                    .entry((name(g), name(columns.single_predicted[i])))
                    .or_insert(0) += 1;
            }
        }
        cells.into_iter().map(|((g, p), k)| (g, p, k)).collect()
    });
    let mut predictions = Vec::with_capacity(scored.len() * labels.len());
    for &i in &scored {
        for (l, w) in weighted.iter().enumerate() {
            predictions.push(Prediction {
                record: i,
                label: l,
                gold: columns.gold[l][i],
                weighted: w[i],
                per_1000: columns.per_1000[l][i],
                predicted: columns.predicted[l][i],
            });
        }
    }
    Ok(Evaluation {
        labels,
        rows,
        overall,
        confusion,
        predictions,
        scored,
        unmapped_single,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_ties_as_half() {
        let gold = [true, false, true, false];
        let score = [1.0, 1.0, 2.0, 0.0];
        // Pairs (pos, neg): (1,1) tie 0.5, (1,0) 1, (2,1) 1, (2,0) 1 → 3.5 / 4.
        assert_eq!(roc_auc(&gold, &score, &[0, 1, 2, 3]), Some(0.875));
        assert_eq!(roc_auc(&gold, &score, &[0, 2]), None);
    }

    #[test]
    fn f1_is_zero_when_nothing_is_predicted() {
        assert_eq!(prf([0, 0, 3, 5]), (None, Some(0.0), 0.0));
        assert_eq!(prf([2, 2, 0, 1]), (Some(0.5), Some(1.0), 2.0 / 3.0));
    }

    #[test]
    fn maps_parse_and_refuse_what_they_cannot_read() {
        let map = LabelMap::parse("b=x+y, a=z, c=-").unwrap();
        assert_eq!(
            map.entries,
            vec![
                ("a".to_string(), vec!["z".to_string()]),
                ("b".to_string(), vec!["x".to_string(), "y".to_string()])
            ]
        );
        assert_eq!(map.ignored, vec!["c".to_string()]);
        assert!(LabelMap::parse("a").is_err());
        assert!(LabelMap::parse("a=x,a=y").is_err());
        assert!(LabelMap::parse("a=").is_err());
    }
}
