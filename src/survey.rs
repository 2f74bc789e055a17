//! The first pass over a corpus, before anything is segmented: what can only be known from the whole
//! corpus, in bounded memory.
//!
//! - each outlet's page furniture ([`crate::furniture::Learner`]),
//! - near-duplicate clusters ([`crate::duplicates`]),
//! - whether the compared groups are nested in the outlets (every outlet in one group, as outlets' bias
//!   labels are), and how often each word of an outlet's name occurs in that outlet's own articles, so
//!   that the word tables can mark outlet names ([`Notes::outlet_names`]).
//!
//! The pass reads every record (a shard too, so that every shard learns the same lists: nothing is
//! passed between shards, and `framing merge` checks that their notes agree). Articles are hashed in
//! parallel and counted in corpus order, so the result does not depend on the thread count.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::corpus::Article;
use crate::duplicates::{self, Entry, Found, Mode};
use crate::furniture::{self, Furniture, Learner};

/// What the pass looks for.
#[derive(Debug, Clone)]
pub struct Options {
    /// Page furniture.
    pub furniture: furniture::Options,
    /// Near-duplicates: the mode, or `None` to skip detection.
    pub near_duplicates: Option<Mode>,
    /// Estimated Jaccard similarity from which two articles are near-duplicates.
    pub duplicate_threshold: f64,
    /// The `--group-by` field.
    pub group_by: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            furniture: furniture::Options::default(),
            near_duplicates: Some(Mode::Flag),
            duplicate_threshold: 0.8,
            group_by: "genre".into(),
        }
    }
}

/// What the pass found that the tables and the report show, and that shards must agree on.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Notes {
    /// The source field.
    pub source_field: String,
    /// Whether furniture was removed.
    pub furniture: bool,
    /// Strings learned as furniture, per outlet.
    pub learned: BTreeMap<String, u64>,
    /// Near-duplicate clusters, when detection ran.
    pub duplicates: Option<Found>,
    /// Per outlet, its articles per group (articles without either field left out).
    pub outlet_groups: BTreeMap<String, BTreeMap<String, u64>>,
    /// Per word of an outlet's name (lower case), how often it occurs in that outlet's own articles.
    pub own_name_counts: BTreeMap<String, u64>,
    /// Per word of an outlet's name, the articles of the outlets whose name has it.
    pub name_articles: BTreeMap<String, u64>,
    /// Articles surveyed.
    pub articles: u64,
    /// Articles surveyed per group.
    pub group_articles: BTreeMap<String, u64>,
}

impl Notes {
    /// Whether the groups are nested in the outlets: more outlets than groups, and at least 95% of the
    /// articles in outlets whose articles all belong to one group (a few outlets labelled twice, as
    /// in real corpora, do not undo the nesting of the rest).
    pub fn groups_nested_in_outlets(&self) -> bool {
        let groups: BTreeSet<&String> =
            self.outlet_groups.values().flat_map(|g| g.keys()).collect();
        let (mut single, mut all) = (0u64, 0u64);
        for g in self.outlet_groups.values() {
            let n: u64 = g.values().sum();
            all += n;
            if g.len() == 1 {
                single += n;
            }
        }
        self.outlet_groups.len() > groups.len().max(1) && single as f64 >= 0.95 * all as f64
    }

    /// A warning when the groups are nested in the outlets but the intervals resample `unit`, a smaller
    /// unit than the outlet (`None` when they do resample outlets, or the groups are not nested).
    pub fn sampling_warning(&self, unit: &str, group_by: &str) -> Option<String> {
        let source = &self.source_field;
        if !self.groups_nested_in_outlets() || unit == source {
            return None;
        }
        Some(nesting_warning(
            group_by,
            source,
            self.outlet_groups.len(),
            unit,
        ))
    }

    /// The words that stand for outlets: words of an outlet's name that occur in the corpus mostly in
    /// the own articles of the outlets so named (at least half of `total`, the word's count in the
    /// corpus), and at least three times as often there as those outlets' share of the articles would
    /// give. So "cnn" or "politico" is marked, but not "times", "hill", or "news" (in the names of
    /// outlets that hold much of the corpus). Empty unless the groups are nested in the outlets, since
    /// only then do outlet names stand in for the groups.
    pub fn outlet_names(&self, total: impl Fn(&str) -> u64) -> BTreeSet<String> {
        if !self.groups_nested_in_outlets() {
            return BTreeSet::new();
        }
        self.own_name_counts
            .iter()
            .filter(|(w, own)| {
                let all = total(w) as f64;
                let own = **own as f64;
                let share = self.name_articles.get(*w).copied().unwrap_or(0) as f64
                    / self.articles.max(1) as f64;
                all > 0.0 && own * 2.0 >= all && own / all >= 3.0 * share
            })
            .map(|(w, _)| w.clone())
            .collect()
    }
}

/// Metadata fields other than the source field whose values the groups are nested in, the way bias is
/// nested in outlets: more values than groups, at least two articles a value on average (so ids, titles
/// and links are not fields to cluster by), and at least 95% of the articles in values whose articles
/// all share one group. Each with its number of values, in field order.
pub fn nesting_fields(
    articles: &[crate::corpus::Article],
    group_by: &str,
    source_field: &str,
) -> Vec<(String, usize)> {
    let mut fields: BTreeMap<&str, BTreeMap<&str, BTreeSet<&str>>> = BTreeMap::new();
    let mut counts: BTreeMap<&str, BTreeMap<&str, u64>> = BTreeMap::new();
    let mut groups = BTreeSet::new();
    for a in articles {
        let group = a.field(group_by);
        groups.insert(group);
        for (name, value) in &a.fields {
            if name == group_by || name == source_field || value.is_empty() {
                continue;
            }
            fields
                .entry(name)
                .or_default()
                .entry(value)
                .or_default()
                .insert(group);
            *counts.entry(name).or_default().entry(value).or_insert(0) += 1;
        }
    }
    fields
        .into_iter()
        .filter_map(|(name, values)| {
            let n = &counts[name];
            let all: u64 = n.values().sum();
            let single: u64 = values
                .iter()
                .filter(|(_, g)| g.len() == 1)
                .map(|(v, _)| n[v])
                .sum();
            let nested = values.len() > groups.len().max(1)
                && 2 * values.len() as u64 <= all
                && single as f64 >= 0.95 * all as f64;
            nested.then(|| (name.to_string(), values.len()))
        })
        .collect()
}

/// The warning that the groups are nested in `field` (with `values` values) and the intervals resample
/// the smaller `unit`.
pub fn nesting_warning(group_by: &str, field: &str, values: usize, unit: &str) -> String {
    format!(
        "--group-by {group_by} is constant within the values of `{field}` ({values} of them, at least 95% of the articles in values of one group), so `{field}` is the sampling unit for claims about the groups; these intervals resample {unit}s and are too narrow for such claims: rerun with --cluster-by {field}"
    )
}

/// Every warning that the intervals resample a smaller unit than the groups are nested in: the source
/// field's (from the survey of the whole corpus, [`Notes::sampling_warning`]) and any other field's
/// ([`nesting_fields`] over `articles`). None when the unit is itself a field the groups are nested in.
pub fn sampling_warnings(
    notes: &Notes,
    articles: &[crate::corpus::Article],
    group_by: &str,
    unit: &crate::aggregate::sums::ClusterUnit,
) -> Vec<String> {
    let label = unit.label();
    let others = nesting_fields(articles, group_by, &notes.source_field);
    let unit_nested = (label == notes.source_field && notes.groups_nested_in_outlets())
        || others.iter().any(|(f, _)| f == label);
    if unit_nested {
        return Vec::new();
    }
    notes
        .sampling_warning(label, group_by)
        .into_iter()
        .chain(
            others
                .iter()
                .map(|(field, values)| nesting_warning(group_by, field, *values, label)),
        )
        .collect()
}

/// The pass's result: what segmentation needs, and the notes.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Survey {
    /// Furniture to remove from every article.
    pub furniture: Furniture,
    /// The notes for tables, report and merge.
    pub notes: Notes,
}

/// The words of an outlet's name worth checking: letters only, lower case, at least three of them.
fn name_words(source: &str) -> Vec<String> {
    let mut out: Vec<String> = source
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// One article reduced, in parallel.
struct Seen {
    keys: Vec<u64>,
    signature: Option<duplicates::Signature>,
    own_names: Vec<(String, u64)>,
}

/// Feeds the pass batch by batch, in corpus order.
pub struct Surveyor {
    options: Options,
    learner: Learner,
    entries: Vec<Entry>,
    notes: Notes,
}

impl Surveyor {
    /// A pass that has seen nothing.
    pub fn new(options: &Options) -> Surveyor {
        Surveyor {
            options: options.clone(),
            learner: Learner::new(),
            entries: Vec::new(),
            notes: Notes {
                source_field: options.furniture.source_field.clone(),
                furniture: options.furniture.enabled,
                ..Default::default()
            },
        }
    }

    /// Surveys a batch of articles.
    pub fn add(&mut self, batch: &[Article]) {
        let source_field = &self.options.furniture.source_field;
        let furniture = self.options.furniture.enabled;
        let near = self.options.near_duplicates.is_some();
        let seen: Vec<Seen> = batch
            .par_iter()
            .map(|a| {
                // One walk over the lines: furniture keys, shingles, and the outlet's name words.
                let names = name_words(a.field(source_field));
                let mut counts = vec![0u64; names.len()];
                let mut keys = Vec::new();
                let mut parts = Vec::new();
                let mut shingler = duplicates::Shingler::new();
                for line in furniture::content_lines(&a.text) {
                    if furniture {
                        furniture::line_keys(line, &mut parts, &mut keys);
                    }
                    if near || !names.is_empty() {
                        shingler.add_line(line, |w| {
                            if w.len() < 3 || names.is_empty() {
                                return;
                            }
                            if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(w)) {
                                counts[i] += 1;
                            }
                        });
                    }
                }
                keys.sort_unstable();
                keys.dedup();
                Seen {
                    keys,
                    signature: if near { shingler.finish() } else { None },
                    own_names: names.into_iter().zip(counts).collect(),
                }
            })
            .collect();
        for (a, s) in batch.iter().zip(seen) {
            let source = a.field(source_field);
            let group = a.field(&self.options.group_by);
            self.learner.observe(source, &s.keys);
            if !source.is_empty() && !group.is_empty() {
                let groups = match self.notes.outlet_groups.get_mut(source) {
                    Some(g) => g,
                    None => self.notes.outlet_groups.entry(source.into()).or_default(),
                };
                match groups.get_mut(group) {
                    Some(n) => *n += 1,
                    None => {
                        groups.insert(group.to_string(), 1);
                    }
                }
            }
            self.notes.articles += 1;
            match self.notes.group_articles.get_mut(group) {
                Some(n) => *n += 1,
                None => {
                    self.notes.group_articles.insert(group.to_string(), 1);
                }
            }
            for (w, n) in s.own_names {
                *self.notes.name_articles.entry(w.clone()).or_insert(0) += 1;
                *self.notes.own_name_counts.entry(w).or_insert(0) += n;
            }
            if near {
                self.entries.push(Entry {
                    id: a.id.clone(),
                    source: source.to_string(),
                    group: group.to_string(),
                    signature: s.signature,
                });
            }
        }
    }

    /// What the pass found.
    pub fn finish(self) -> Survey {
        let Surveyor {
            options,
            learner,
            entries,
            mut notes,
        } = self;
        let furniture = if options.furniture.enabled {
            learner.finish(&options.furniture)
        } else {
            Furniture::off()
        };
        notes.learned = furniture
            .learned()
            .into_iter()
            .map(|(s, n)| (s.to_string(), n as u64))
            .collect();
        notes.duplicates = options
            .near_duplicates
            .map(|mode| duplicates::detect(&entries, options.duplicate_threshold, mode));
        Survey { furniture, notes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_names_only_when_groups_nest_and_the_word_is_the_outlets_own() {
        let mut notes = Notes::default();
        for (o, g) in [
            ("CNN", "left"),
            ("Fox News", "right"),
            ("Times", "center"),
            ("Vox", "left"),
        ] {
            notes
                .outlet_groups
                .insert(o.into(), [(g.to_string(), 10)].into());
        }
        notes.own_name_counts =
            [("cnn".into(), 90), ("times".into(), 5), ("fox".into(), 40)].into();
        notes.name_articles = [("cnn".into(), 10), ("times".into(), 10), ("fox".into(), 10)].into();
        notes.articles = 100;
        let totals = |w: &str| match w {
            "cnn" => 100,
            "times" => 400,
            "fox" => 80,
            _ => 0,
        };
        let names = notes.outlet_names(totals);
        assert_eq!(names, ["cnn".to_string(), "fox".to_string()].into());
        notes
            .outlet_groups
            .get_mut("CNN")
            .map(|g| g.insert("right".into(), 10));
        assert!(notes.outlet_names(totals).is_empty());
        assert_eq!(name_words("CNN (Web News)"), ["cnn", "news", "web"]);
    }
}
