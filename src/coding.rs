//! The human-coding loop behind a lexicon: a seeded, stratified sample of running-text units for people
//! to code blind (`framing validate sample`), and the filled sheets read back, checked against the
//! sample, and turned into agreement and accuracy (`framing validate report`).
//!
//! **Design.** Every running-text unit (a sentence of the standfirst or body, or a whole article) falls
//! in one stratum: `marked:C` for the rarest category C that marks it (rarest in this corpus), or
//! `unmarked`. Half the sample is shared equally among the marked strata and half goes to `unmarked`,
//! as far as each stratum allows (what a small stratum cannot take goes to the others), so a rare
//! category gets units the lexicon marks and units it does not. Within a stratum the units with the
//! smallest keys are taken, key = SHA-256(seed, article id, unit index): a simple random sample
//! without replacement that depends neither on corpus order nor on the thread count. A unit of stratum
//! h enters with probability π = n_h / N_h and stands for 1/π corpus units (its design weight), which
//! is what lets [`crate::stats::design`] estimate the corpus's precision and recall from the sample.
//!
//! **Blind.** The sheet holds the unit, the sentences around it and an empty column per category; the
//! lexicon's marks and matched terms stay in `sample.json`, which coders are not given.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::corpus::Article;
use crate::error::{Error, Result};
use crate::frames::Lexicon;
use crate::stats::agreement::{
    bootstrap_alpha_interval, krippendorff_alpha_nominal, percent_agreement,
};
use crate::stats::design::{accuracy_intervals, weighted_accuracy, Accuracy, Coded, Intervals};
use crate::validate::Marker;

/// The `format` of a `sample.json` this version reads.
pub const FORMAT: &str = "framing coding sample 1";

/// The stratum of units no sampled category marks.
pub const UNMARKED: &str = "unmarked";

/// One stratum of the design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stratum {
    /// `marked:CATEGORY` or `unmarked`.
    pub name: String,
    /// N_h: units of the corpus in the stratum.
    pub population: u64,
    /// n_h: units drawn from it.
    pub sampled: u64,
    /// π = n_h / N_h.
    pub probability: f64,
}

/// One sampled unit, with what the lexicon says about it (kept out of the sheet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampledUnit {
    /// `ARTICLE_ID:UNIT`, UNIT the unit's index in the article's segmentation (as `framing segment`
    /// numbers units).
    pub id: String,
    /// The article's id.
    pub article: String,
    /// Index into [`Design::strata`].
    pub stratum: usize,
    /// Its inclusion probability π.
    pub probability: f64,
    /// 1/π.
    pub weight: f64,
    /// Per category, whether the lexicon marks the unit.
    pub lexicon: BTreeMap<String, bool>,
    /// Per category, the terms it matched.
    pub terms: BTreeMap<String, Vec<String>>,
}

/// The whole design, as `sample.json` stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Design {
    /// [`FORMAT`].
    pub format: String,
    /// The seed of the unit keys.
    pub seed: u64,
    /// `sentence` or `article`.
    pub unit: String,
    /// The sample size asked for.
    pub requested: usize,
    /// The corpus read.
    pub corpus: String,
    /// Running-text units in the corpus.
    pub population: u64,
    /// The lexicon set read.
    pub lexicons: String,
    /// SHA-256 of the lexicon's categories as written by `lexicon import` (name, definition, terms):
    /// the report warns when the lexicon changed since.
    pub lexicon_hash: String,
    /// The categories coded, in sheet column order.
    pub categories: Vec<String>,
    /// The strata.
    pub strata: Vec<Stratum>,
    /// The units, in sheet order.
    pub units: Vec<SampledUnit>,
}

/// One row of the coding sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    /// The unit's id.
    pub id: String,
    /// The article's id.
    pub article: String,
    /// The running-text sentence before (the headline, for a whole article), or empty.
    pub before: String,
    /// The unit's text, on one line.
    pub text: String,
    /// The sentence after, or empty.
    pub after: String,
}

/// What [`Sampler`] draws.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleOptions {
    /// Units to draw.
    pub n: usize,
    /// Seed of the unit keys.
    pub seed: u64,
    /// Whole articles instead of sentences.
    pub whole: bool,
    /// The lexicon's categories to stratify by and code (indices; at most 64).
    pub categories: Vec<usize>,
}

/// One unit seen in the first pass.
#[derive(Debug, Clone, Copy)]
struct Seen {
    key: u64,
    article: u32,
    unit: u32,
    /// Bit k: category `options.categories[k]` marks the unit.
    mask: u64,
}

/// Draws the sample in two passes over the corpus: [`Sampler::survey`] sees every unit (its key and
/// which categories mark it), [`Sampler::plan`] allocates and chooses, [`Plan::collect`] reads the
/// chosen units' texts.
pub struct Sampler<'l> {
    lexicon: &'l Lexicon,
    marker: Marker<'l>,
    options: SampleOptions,
    articles: u32,
    seen: Vec<Seen>,
}

fn unit_key(seed: u64, article: &str, unit: usize) -> u64 {
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    h.update(article.as_bytes());
    h.update([0]);
    h.update((unit as u64).to_le_bytes());
    let digest = h.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// SHA-256 over the categories as `lexicon import` writes them, in name order.
pub fn lexicon_hash(lexicon: &Lexicon) -> String {
    let mut categories: Vec<_> = lexicon.categories.iter().collect();
    categories.sort_by(|a, b| a.name.cmp(&b.name));
    let mut text = String::new();
    for c in categories {
        let plain = crate::frames::Category {
            path: PathBuf::new(),
            ..c.clone()
        };
        text.push_str(&crate::frames::import::to_toml(&plain));
    }
    crate::render::report::sha256_hex(text.as_bytes())
}

impl<'l> Sampler<'l> {
    /// A sampler over `lexicon`; fails when more than 64 categories are asked for.
    pub fn new(lexicon: &'l Lexicon, options: SampleOptions) -> Result<Sampler<'l>> {
        if options.categories.len() > 64 || options.categories.is_empty() {
            return Err(Error::Output {
                path: PathBuf::from("--categories"),
                message: format!(
                    "{} categories asked for; a coding sample codes 1 to 64 categories (choose with --categories a,b,c)",
                    options.categories.len()
                ),
            });
        }
        Ok(Sampler {
            lexicon,
            marker: Marker::new(lexicon),
            options,
            articles: 0,
            seen: Vec::new(),
        })
    }

    /// First pass over a batch of articles (in corpus order).
    pub fn survey(&mut self, batch: &[Article]) {
        let first = self.articles;
        let (options, marker) = (&self.options, &self.marker);
        let seen: Vec<Seen> = batch
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, a)| {
                crate::segment::running_units(a, options.whole)
                    .into_iter()
                    .map(move |(unit, parts)| {
                        let present = marker.of(parts.iter().copied()).present;
                        let mask = options
                            .categories
                            .iter()
                            .enumerate()
                            .filter(|(_, &c)| present[c])
                            .fold(0u64, |m, (k, _)| m | 1 << k);
                        Seen {
                            key: unit_key(options.seed, &a.id, unit),
                            article: first + i as u32,
                            unit: unit as u32,
                            mask,
                        }
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        self.seen.extend(seen);
        self.articles += batch.len() as u32;
    }

    /// Allocates the sample to the strata and chooses its units.
    pub fn plan(self) -> Plan<'l> {
        let k = self.options.categories.len();
        let mut marked = vec![0u64; k];
        for s in &self.seen {
            for (c, m) in marked.iter_mut().enumerate() {
                *m += (s.mask >> c) & 1;
            }
        }
        // Rarest first: a unit goes to the stratum of the rarest category that marks it.
        let mut rarest: Vec<usize> = (0..k).collect();
        rarest.sort_by_key(|&c| (marked[c], c));
        let stratum_of = |mask: u64| -> usize {
            rarest
                .iter()
                .find(|&&c| (mask >> c) & 1 == 1)
                .copied()
                .unwrap_or(k)
        };
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); k + 1];
        for (i, s) in self.seen.iter().enumerate() {
            members[stratum_of(s.mask)].push(i);
        }
        let sizes = allocate(
            self.options.n,
            &members.iter().map(Vec::len).collect::<Vec<_>>(),
        );
        let mut chosen = HashMap::new();
        for (h, m) in members.iter_mut().enumerate() {
            m.sort_by_key(|&i| self.seen[i].key);
            for &i in &m[..sizes[h]] {
                let s = self.seen[i];
                chosen.insert((s.article, s.unit), (h, s.key));
            }
        }
        let strata = members
            .iter()
            .zip(&sizes)
            .enumerate()
            .map(|(h, (m, &n))| Stratum {
                name: match h {
                    h if h < k => format!(
                        "marked:{}",
                        self.lexicon.categories[self.options.categories[h]].name
                    ),
                    _ => UNMARKED.to_string(),
                },
                population: m.len() as u64,
                sampled: n as u64,
                probability: if m.is_empty() {
                    0.0
                } else {
                    n as f64 / m.len() as f64
                },
            })
            .collect();
        Plan {
            articles: chosen.keys().map(|&(a, _)| a).collect(),
            chosen,
            strata,
            population: self.seen.len() as u64,
            lexicon: self.lexicon,
            marker: self.marker,
            options: self.options,
            next: 0,
            rows: Vec::new(),
        }
    }
}

/// Sizes per stratum: half of `n` shared equally among the marked strata (all but the last), the rest
/// to the last (`unmarked`), each capped at its population; what a stratum cannot take goes, one unit
/// at a time, to the others that have room (the last first, then the marked in order).
fn allocate(n: usize, populations: &[usize]) -> Vec<usize> {
    let k = populations.len() - 1;
    let mut sizes = vec![0; k + 1];
    let per_marked = (n / 2).checked_div(k).unwrap_or(0);
    for h in 0..k {
        sizes[h] = per_marked.min(populations[h]);
    }
    sizes[k] = (n - sizes.iter().sum::<usize>()).min(populations[k]);
    let mut left = n - sizes.iter().sum::<usize>();
    let order: Vec<usize> = std::iter::once(k).chain(0..k).collect();
    while left > 0 {
        let before = left;
        for &h in &order {
            if left > 0 && sizes[h] < populations[h] {
                sizes[h] += 1;
                left -= 1;
            }
        }
        if left == before {
            break;
        }
    }
    sizes
}

/// The chosen units, whose texts the second pass reads.
pub struct Plan<'l> {
    chosen: HashMap<(u32, u32), (usize, u64)>,
    articles: HashSet<u32>,
    strata: Vec<Stratum>,
    population: u64,
    lexicon: &'l Lexicon,
    marker: Marker<'l>,
    options: SampleOptions,
    next: u32,
    rows: Vec<(u64, SheetRow, SampledUnit)>,
}

/// One line of text, whitespace collapsed, as the sheet shows it.
fn one_line<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        for word in part.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

impl Plan<'_> {
    /// Second pass over a batch (the same batches, in the same order, as the first).
    pub fn collect(&mut self, batch: &[Article]) {
        let first = self.next;
        self.next += batch.len() as u32;
        for (i, article) in batch.iter().enumerate() {
            let ordinal = first + i as u32;
            if !self.articles.contains(&ordinal) {
                continue;
            }
            let units = crate::segment::running_units(article, self.options.whole);
            for (pos, (unit, parts)) in units.iter().enumerate() {
                let Some(&(stratum, key)) = self.chosen.get(&(ordinal, *unit as u32)) else {
                    continue;
                };
                let (before, after) = if self.options.whole {
                    (article.title.clone().unwrap_or_default(), String::new())
                } else {
                    let around = |p: Option<usize>| {
                        p.and_then(|p| units.get(p))
                            .map(|(_, parts)| one_line(parts.iter().copied()))
                            .unwrap_or_default()
                    };
                    (around(pos.checked_sub(1)), around(Some(pos + 1)))
                };
                let matches = self.marker.of(parts.iter().copied());
                let mut lexicon = BTreeMap::new();
                let mut terms = BTreeMap::new();
                for &c in &self.options.categories {
                    let name = self.lexicon.categories[c].name.clone();
                    lexicon.insert(name.clone(), matches.present[c]);
                    terms.insert(name, matches.terms[c].keys().cloned().collect());
                }
                let id = format!("{}:{unit}", article.id);
                let probability = self.strata[stratum].probability;
                self.rows.push((
                    key,
                    SheetRow {
                        id: id.clone(),
                        article: article.id.clone(),
                        before,
                        text: one_line(parts.iter().copied()),
                        after,
                    },
                    SampledUnit {
                        id,
                        article: article.id.clone(),
                        stratum,
                        probability,
                        weight: 1.0 / probability,
                        lexicon,
                        terms,
                    },
                ));
            }
        }
    }

    /// The design and the sheet rows, in sheet order (by key: strata mixed, so the order tells a coder
    /// nothing).
    pub fn finish(mut self, corpus: &str, lexicons: &str) -> (Design, Vec<SheetRow>) {
        self.rows
            .sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let (rows, units): (Vec<SheetRow>, Vec<SampledUnit>) =
            self.rows.into_iter().map(|(_, r, u)| (r, u)).unzip();
        let design = Design {
            format: FORMAT.to_string(),
            seed: self.options.seed,
            unit: if self.options.whole {
                "article"
            } else {
                "sentence"
            }
            .to_string(),
            requested: self.options.n,
            corpus: corpus.to_string(),
            population: self.population,
            lexicons: lexicons.to_string(),
            lexicon_hash: lexicon_hash(self.lexicon),
            categories: self
                .options
                .categories
                .iter()
                .map(|&c| self.lexicon.categories[c].name.clone())
                .collect(),
            strata: self.strata,
            units,
        };
        (design, rows)
    }
}

/// The fixed columns of a coding sheet, before the category columns.
pub const SHEET_COLUMNS: [&str; 5] = ["unit_id", "article_id", "before", "text", "after"];

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The coding sheet as CSV: the unit, its context, an empty column per category and a `note` column.
pub fn sheet_csv(design: &Design, rows: &[SheetRow]) -> String {
    let mut out = String::new();
    let header: Vec<&str> = SHEET_COLUMNS
        .iter()
        .copied()
        .chain(design.categories.iter().map(String::as_str))
        .chain(["note"])
        .collect();
    out.push_str(&header.join(","));
    out.push('\n');
    let empty = ",".repeat(design.categories.len() + 1);
    for r in rows {
        let fields = [&r.id, &r.article, &r.before, &r.text, &r.after];
        let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str(&empty);
        out.push('\n');
    }
    out
}

/// One CSV record: the 1-based line it starts on, and its fields.
type CsvRecord = (usize, Vec<String>);

/// Parses CSV (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks) into records,
/// each with the 1-based line it starts on. A byte-order mark is skipped.
fn csv_records(text: &str) -> std::result::Result<Vec<CsvRecord>, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let (mut line, mut start_line) = (1, 1);
    let mut quoted = false;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut field));
                records.push((start_line, std::mem::take(&mut record)));
                line += 1;
                start_line = line;
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if quoted {
        return Err((start_line, "a quoted field is never closed".to_string()));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push((start_line, record));
    }
    records.retain(|(_, r)| !(r.len() == 1 && r[0].trim().is_empty()));
    Ok(records)
}

/// Reads a sample directory's `sample.json`.
pub fn read_design(dir: &Path) -> Result<Design> {
    let path = dir.join("sample.json");
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, "cannot read", e))?;
    let design: Design = serde_json::from_str(&text).map_err(|e| Error::Coding {
        path: path.clone(),
        line: Some(e.line()),
        message: format!("not a coding sample written by `framing validate sample`: {e}"),
    })?;
    if design.format != FORMAT {
        return Err(Error::Coding {
            path,
            line: None,
            message: format!(
                "format {:?}, but this version reads {FORMAT:?}; draw the sample again",
                design.format
            ),
        });
    }
    Ok(design)
}

/// One coder's filled sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The coder: the file's name without extension.
    pub coder: String,
    /// The file.
    pub path: PathBuf,
    /// Per unit (design order), per category (design order): 1, 0, or not coded.
    pub codes: Vec<Vec<Option<bool>>>,
    /// Per unit, the text the sheet shows (empty when the row is missing).
    pub texts: Vec<String>,
    /// Units of the sample whose row the sheet lacks.
    pub missing: Vec<String>,
}

/// Reads a filled sheet and checks it against the design: every category column present, every
/// unit id one of the sample's and given once, every code 0, 1 or empty.
pub fn read_sheet(path: &Path, design: &Design) -> Result<Sheet> {
    let fail = |line: Option<usize>, message: String| Error::Coding {
        path: path.to_path_buf(),
        line,
        message,
    };
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read", e))?;
    let records = csv_records(&text).map_err(|(l, m)| fail(Some(l), m))?;
    let Some(((_, header), rows)) = records.split_first() else {
        return Err(fail(
            None,
            "empty file; expected the coding sheet with its header".into(),
        ));
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let column = |name: &str| header.iter().position(|h| h == name);
    let id_col = column("unit_id").ok_or_else(|| {
        fail(
            Some(1),
            format!(
                "no unit_id column (columns: {}); code the sheet.csv written by `framing validate sample`",
                header.join(", ")
            ),
        )
    })?;
    let mut category_cols = Vec::new();
    for c in &design.categories {
        let col = column(c).ok_or_else(|| {
            fail(
                Some(1),
                format!(
                    "no column for the category {c:?} (columns: {}); keep every category column of the sheet, filled with 1, 0 or left empty",
                    header.join(", ")
                ),
            )
        })?;
        category_cols.push(col);
    }
    let text_col = column("text");
    let index: HashMap<&str, usize> = design
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.id.as_str(), i))
        .collect();
    let n = design.units.len();
    let mut codes = vec![vec![None; design.categories.len()]; n];
    let mut texts = vec![String::new(); n];
    let mut seen_at: Vec<Option<usize>> = vec![None; n];
    for (line, row) in rows {
        let cell = |col: usize| row.get(col).map(|s| s.trim()).unwrap_or("");
        let id = cell(id_col);
        let Some(&u) = index.get(id) else {
            return Err(fail(
                Some(*line),
                format!(
                    "unit {id:?} is not in this sample ({} units, seed {}): the sheet belongs to another sample, or its unit_id was edited; code the sheet.csv of this sample",
                    n, design.seed
                ),
            ));
        };
        if let Some(first) = seen_at[u] {
            return Err(fail(
                Some(*line),
                format!("unit {id:?} appears twice (first on line {first}); keep one row per unit"),
            ));
        }
        seen_at[u] = Some(*line);
        for (k, &col) in category_cols.iter().enumerate() {
            codes[u][k] = match cell(col) {
                "" => None,
                "1" => Some(true),
                "0" => Some(false),
                other => {
                    return Err(fail(
                        Some(*line),
                        format!(
                            "column {:?} holds {other:?}; code 1 (the category applies), 0 (it does not) or leave it empty (not coded)",
                            design.categories[k]
                        ),
                    ))
                }
            };
        }
        texts[u] = text_col.map(|c| cell(c).to_string()).unwrap_or_default();
    }
    let missing = design
        .units
        .iter()
        .zip(&seen_at)
        .filter(|(_, s)| s.is_none())
        .map(|(u, _)| u.id.clone())
        .collect();
    Ok(Sheet {
        coder: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.to_path_buf(),
        codes,
        texts,
        missing,
    })
}

/// Where the lexicon is compared with people on a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// The unit.
    pub unit: String,
    /// The lexicon marks it (a false positive) or not (a false negative).
    pub lexicon: bool,
    /// The terms it matched.
    pub terms: Vec<String>,
    /// The unit's text.
    pub text: String,
}

/// Agreement and accuracy for one category.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryReport {
    /// The category.
    pub category: String,
    /// Units at least two coders coded.
    pub pairable: usize,
    /// Krippendorff's alpha among the coders.
    pub alpha: Option<f64>,
    /// Its bootstrap 95% interval over units.
    pub alpha_interval: Option<(f64, f64)>,
    /// Pairwise percent agreement among the coders.
    pub agreement: Option<f64>,
    /// Alpha with the lexicon as one more coder.
    pub alpha_with_lexicon: Option<f64>,
    /// Units whose coders split evenly (no majority): listed and left out of the accuracy.
    pub ties: Vec<String>,
    /// Units compared (a reference code exists).
    pub compared: usize,
    /// Sample counts: lexicon and people both mark, lexicon only, people only, neither.
    pub counts: [usize; 4],
    /// Design-weighted estimates for the corpus.
    pub weighted: Accuracy,
    /// Their 95% intervals.
    pub intervals: Intervals,
    /// The plain sample figures.
    pub unweighted: Accuracy,
    /// Every unit where the lexicon and the reference differ.
    pub disagreements: Vec<Disagreement>,
}

/// The reference code of a unit from its coders' codes: the gold coder's, or the majority's (`Err`
/// on a tie, `Ok(None)` when nobody coded it).
fn reference(codes: &[Option<bool>], gold: Option<usize>) -> std::result::Result<Option<bool>, ()> {
    if let Some(g) = gold {
        return Ok(codes[g]);
    }
    let ones = codes.iter().filter(|c| **c == Some(true)).count();
    let zeros = codes.iter().filter(|c| **c == Some(false)).count();
    match ones.cmp(&zeros) {
        std::cmp::Ordering::Greater => Ok(Some(true)),
        std::cmp::Ordering::Less => Ok(Some(false)),
        std::cmp::Ordering::Equal if ones == 0 => Ok(None),
        std::cmp::Ordering::Equal => Err(()),
    }
}

/// Agreement among the sheets' coders and the lexicon's accuracy against them (their majority, or the
/// coder `gold`), per category of the design. `draws` bootstrap resamples (seeded by `seed`) give
/// alpha's interval. Weights are recomputed per stratum over the units actually compared (N_h over
/// the compared units of h), so units left uncoded or tied are treated as missing at random within
/// their stratum.
pub fn evaluate(
    design: &Design,
    sheets: &[Sheet],
    gold: Option<&str>,
    draws: usize,
    seed: u64,
) -> Result<Vec<CategoryReport>> {
    let gold = match gold {
        None => None,
        Some(name) => Some(sheets.iter().position(|s| s.coder == name).ok_or_else(|| {
            Error::Coding {
                path: PathBuf::from(name),
                line: None,
                message: format!(
                    "--gold {name:?} is none of the coders ({}); coders are named by their sheet's file name",
                    sheets.iter().map(|s| s.coder.as_str()).collect::<Vec<_>>().join(", ")
                ),
            }
        })?),
    };
    let text_of = |u: usize| {
        sheets
            .iter()
            .map(|s| s.texts[u].as_str())
            .find(|t| !t.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let mut reports = Vec::new();
    for (k, category) in design.categories.iter().enumerate() {
        let codes: Vec<Vec<Option<bool>>> = (0..design.units.len())
            .map(|u| sheets.iter().map(|s| s.codes[u][k]).collect())
            .collect();
        let as_codes = |row: &[Option<bool>]| -> Vec<Option<u32>> {
            row.iter().map(|c| c.map(u32::from)).collect()
        };
        let humans: Vec<Vec<Option<u32>>> = codes.iter().map(|r| as_codes(r)).collect();
        let lexicon: Vec<bool> = design
            .units
            .iter()
            .map(|u| u.lexicon.get(category).copied().unwrap_or(false))
            .collect();
        let with_lexicon: Vec<Vec<Option<u32>>> = humans
            .iter()
            .zip(&lexicon)
            .map(|(r, &l)| r.iter().copied().chain([Some(u32::from(l))]).collect())
            .collect();
        let mut ties = Vec::new();
        let mut compared: Vec<(usize, bool)> = Vec::new();
        for (u, row) in codes.iter().enumerate() {
            match reference(row, gold) {
                Ok(Some(human)) => compared.push((u, human)),
                Ok(None) => {}
                Err(()) => ties.push(design.units[u].id.clone()),
            }
        }
        let mut usable = vec![0usize; design.strata.len()];
        for &(u, _) in &compared {
            usable[design.units[u].stratum] += 1;
        }
        let coded: Vec<Coded> = compared
            .iter()
            .map(|&(u, human)| {
                let h = design.units[u].stratum;
                Coded {
                    weight: design.strata[h].population as f64 / usable[h] as f64,
                    stratum: h,
                    lexicon: lexicon[u],
                    human,
                }
            })
            .collect();
        let plain: Vec<Coded> = coded.iter().map(|c| Coded { weight: 1.0, ..*c }).collect();
        let mut counts = [0usize; 4];
        let mut disagreements = Vec::new();
        for &(u, human) in &compared {
            let slot = match (lexicon[u], human) {
                (true, true) => 0,
                (true, false) => 1,
                (false, true) => 2,
                (false, false) => 3,
            };
            counts[slot] += 1;
            if lexicon[u] != human {
                disagreements.push(Disagreement {
                    unit: design.units[u].id.clone(),
                    lexicon: lexicon[u],
                    terms: design.units[u]
                        .terms
                        .get(category)
                        .cloned()
                        .unwrap_or_default(),
                    text: text_of(u),
                });
            }
        }
        reports.push(CategoryReport {
            category: category.clone(),
            pairable: humans
                .iter()
                .filter(|r| r.iter().flatten().count() >= 2)
                .count(),
            alpha: krippendorff_alpha_nominal(&humans),
            alpha_interval: bootstrap_alpha_interval(&humans, draws, 0.95, seed),
            agreement: percent_agreement(&humans),
            alpha_with_lexicon: krippendorff_alpha_nominal(&with_lexicon),
            ties,
            compared: compared.len(),
            counts,
            weighted: weighted_accuracy(&coded),
            intervals: accuracy_intervals(&coded, 1.96),
            unweighted: weighted_accuracy(&plain),
            disagreements,
        });
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_gives_half_to_the_marked_strata_and_moves_what_they_cannot_take() {
        assert_eq!(allocate(100, &[1000, 50_000]), [50, 50]);
        assert_eq!(allocate(100, &[10, 50_000]), [10, 90]);
        assert_eq!(allocate(100, &[400, 300, 50_000]), [25, 25, 50]);
        assert_eq!(allocate(100, &[400, 30]), [70, 30]);
        assert_eq!(allocate(100, &[20, 30]), [20, 30]);
    }

    #[test]
    fn csv_records_keep_quoted_commas_quotes_and_line_breaks_with_their_lines() {
        let text = "\u{feff}a,b\r\n1,\"x, \"\"y\"\"\nz\"\n\n2,w";
        let records = csv_records(text).unwrap();
        assert_eq!(records.len(), 3);
        assert_eq!(records[0], (1, vec!["a".to_string(), "b".to_string()]));
        assert_eq!(records[1].0, 2);
        assert_eq!(records[1].1[1], "x, \"y\"\nz");
        assert_eq!(records[2], (5, vec!["2".to_string(), "w".to_string()]));
    }

    #[test]
    fn majority_reference_leaves_ties_out() {
        assert_eq!(
            reference(&[Some(true), Some(true), Some(false)], None),
            Ok(Some(true))
        );
        assert_eq!(reference(&[Some(true), Some(false)], None), Err(()));
        assert_eq!(reference(&[None, None], None), Ok(None));
        assert_eq!(
            reference(&[Some(true), Some(false)], Some(1)),
            Ok(Some(false))
        );
    }
}
