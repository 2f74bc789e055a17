//! Term suggestion for one category: the words and two- and three-word phrases over-represented in the
//! units that carry it (units the lexicon marks, or texts people labelled) against the units that do
//! not, ranked by the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn
//! 2008), the pooled counts as prior, as the `distinctive_words` table ranks words.
//!
//! Counts are of units, not occurrences: a phrase counts once in a unit however often it appears
//! there, because a category is present in a unit or not. A phrase never spans a clause break (comma,
//! full stop, dash, bracket, quotation mark), and neither its first nor its last word is a function
//! word ([`STOP_WORDS`]) or a number, so candidates read as lexicon terms ("background checks", not
//! "checks on the").
//!
//! Two passes, so that a corpus streams in batches: [`Collector`] counts every phrase of the units
//! that carry the category and keeps those above the frequency floor as candidates; [`Counter`] then
//! counts the candidates in every unit and keeps a few keyword-in-context lines. Memory holds the
//! phrases of the carrying units only, not the corpus's whole vocabulary.
//!
//! [`select_by_f1`] turns a ranking into a category when the units carry human labels: greedy forward
//! selection of the terms whose union best reproduces the labels (F1 on the labelled units).

use std::collections::HashMap;
use std::ops::Range;

use std::hash::BuildHasher;

use rayon::prelude::*;

use crate::frames::tokens::{tokenize, Token};
use crate::stats::log_odds_pooled;

/// English function words that may not begin or end a suggested term (the project's own short list).
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "been", "before", "being", "both", "but", "by", "can", "could", "did", "do",
    "does", "down", "during", "each", "few", "for", "from", "had", "has", "have", "having", "he",
    "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just",
    "may", "me", "might", "more", "most", "must", "my", "no", "nor", "not", "now", "of", "off",
    "on", "once", "only", "or", "other", "our", "out", "over", "own", "s", "said", "same", "says",
    "shall", "she", "should", "so", "some", "such", "t", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
    "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "whose", "why", "will", "with", "would", "you", "your",
];

/// How candidates are formed and which are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Longest phrase, in words.
    pub max_words: usize,
    /// Frequency floor: a candidate appears in at least this many units that carry the category.
    pub min_count: u64,
    /// Lowest z-score listed.
    pub min_z: f64,
    /// Keyword-in-context lines kept per candidate (from units that carry the category).
    pub contexts: usize,
    /// Words of context on each side of a keyword-in-context line.
    pub window: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_words: 3,
            min_count: 3,
            min_z: 1.0,
            contexts: 3,
            window: 6,
        }
    }
}

/// One unit: one or more pieces of text (a sentence is one piece; an article's running text is its
/// sentences, so that phrases do not run from one sentence into the next), and whether it carries the
/// category.
#[derive(Debug, Clone)]
pub struct UnitText<'a> {
    /// The unit's pieces of text.
    pub parts: Vec<&'a str>,
    /// Whether the unit carries the category (the lexicon marks it, or people labelled it).
    pub positive: bool,
}

fn is_stop(key: &str) -> bool {
    STOP_WORDS.binary_search(&key).is_ok()
}

fn can_edge(key: &str) -> bool {
    key.chars().any(char::is_alphabetic) && !is_stop(key)
}

/// Calls `f(key, token range)` for every candidate phrase of `tokens` (1 to `max_words` words, in text
/// order, repeats included): the key is the words' match keys joined by single spaces, as a lexicon
/// term of those words is written.
fn for_each_phrase(tokens: &[Token], max_words: usize, mut f: impl FnMut(&str, Range<usize>)) {
    let mut key = String::new();
    for start in 0..tokens.len() {
        if !can_edge(&tokens[start].key) {
            continue;
        }
        key.clear();
        for (k, token) in tokens[start..].iter().take(max_words).enumerate() {
            if k > 0 {
                if token.clause_start {
                    break;
                }
                key.push(' ');
            }
            key.push_str(&token.key);
            if can_edge(&token.key) {
                f(&key, start..start + k + 1);
            }
        }
    }
}

/// Pass one: every phrase of the units that carry the category, with the number of such units it
/// appears in.
#[derive(Debug, Clone)]
pub struct Collector {
    options: Options,
    counts: HashMap<String, u64>,
}

impl Collector {
    /// An empty collector.
    pub fn new(options: Options) -> Collector {
        Collector {
            options,
            counts: HashMap::new(),
        }
    }

    /// Counts the phrases of a batch's carrying units (tokenised in parallel).
    pub fn add(&mut self, units: &[UnitText<'_>]) {
        let max_words = self.options.max_words;
        let phrases: Vec<Vec<String>> = units
            .par_iter()
            .filter(|u| u.positive)
            .map(|u| {
                let mut keys = Vec::new();
                for part in &u.parts {
                    for_each_phrase(&tokenize(part), max_words, |k, _| keys.push(k.to_owned()));
                }
                keys.sort_unstable();
                keys.dedup();
                keys
            })
            .collect();
        for key in phrases.into_iter().flatten() {
            *self.counts.entry(key).or_insert(0) += 1;
        }
    }

    /// The candidates for pass two: the phrases at or above the frequency floor that `excluded` does
    /// not rule out (terms the set already matches). `keep_units` keeps, per candidate, the units it
    /// appears in, which [`select_by_f1`] needs.
    pub fn finish(self, excluded: impl Fn(&str) -> bool, keep_units: bool) -> Counter {
        let mut terms: Vec<String> = self
            .counts
            .into_iter()
            .filter(|(k, c)| *c >= self.options.min_count && !excluded(k))
            .map(|(k, _)| k)
            .collect();
        terms.sort_unstable();
        let index = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        let n = terms.len();
        Counter {
            options: self.options,
            index,
            with: vec![0; n],
            without: vec![0; n],
            contexts: vec![Vec::new(); n],
            units: keep_units.then(|| vec![Vec::new(); n]),
            labels: Vec::new(),
            phrases_with: 0,
            phrases_without: 0,
            units_with: 0,
            units_without: 0,
            terms,
        }
    }
}

/// Pass two: the candidates counted in every unit, on both sides, with keyword-in-context lines.
#[derive(Debug, Clone)]
pub struct Counter {
    options: Options,
    terms: Vec<String>,
    index: HashMap<String, u32>,
    with: Vec<u64>,
    without: Vec<u64>,
    contexts: Vec<Vec<String>>,
    units: Option<Vec<Vec<u32>>>,
    labels: Vec<bool>,
    phrases_with: u64,
    phrases_without: u64,
    units_with: u64,
    units_without: u64,
}

/// What pass two learns from one unit.
struct Seen {
    /// Distinct phrases of the unit (candidates or not): the side's total for the log-odds.
    distinct: u64,
    /// (candidate, piece, token range of its first occurrence), one per candidate present.
    found: Vec<(u32, usize, Range<usize>)>,
}

impl Counter {
    /// Number of candidates.
    pub fn candidates(&self) -> usize {
        self.terms.len()
    }

    fn see(&self, unit: &UnitText<'_>) -> Seen {
        let mut hashes = Vec::new();
        let mut found: Vec<(u32, usize, Range<usize>)> = Vec::new();
        for (p, part) in unit.parts.iter().enumerate() {
            for_each_phrase(&tokenize(part), self.options.max_words, |k, range| {
                hashes.push(foldhash::fast::FixedState::with_seed(7).hash_one(k));
                if let Some(&c) = self.index.get(k) {
                    found.push((c, p, range));
                }
            });
        }
        hashes.sort_unstable();
        hashes.dedup();
        // The first occurrence of each candidate: a stable sort keeps text order within a candidate.
        found.sort_by_key(|f| f.0);
        found.dedup_by_key(|f| f.0);
        Seen {
            distinct: hashes.len() as u64,
            found,
        }
    }

    /// Counts a batch of units (in parallel; added in unit order, so the result does not depend on
    /// the thread count).
    pub fn add(&mut self, units: &[UnitText<'_>]) {
        let seen: Vec<Seen> = units.par_iter().map(|u| self.see(u)).collect();
        for (unit, seen) in units.iter().zip(seen) {
            let id = (self.units_with + self.units_without) as u32;
            if self.units.is_some() {
                // Only the selection against labels needs them.
                self.labels.push(unit.positive);
            }
            if unit.positive {
                self.units_with += 1;
                self.phrases_with += seen.distinct;
            } else {
                self.units_without += 1;
                self.phrases_without += seen.distinct;
            }
            for (c, part, range) in seen.found {
                let c = c as usize;
                if unit.positive {
                    self.with[c] += 1;
                    if self.contexts[c].len() < self.options.contexts {
                        let line = context_line(unit.parts[part], range, self.options.window);
                        self.contexts[c].push(line);
                    }
                } else {
                    self.without[c] += 1;
                }
                if let Some(units) = &mut self.units {
                    units[c].push(id);
                }
            }
        }
    }

    /// The ranking: every candidate with z at least `min_z`, most distinctive first (z descending,
    /// then the term).
    pub fn finish(self) -> Suggestions {
        let kept = self.units.is_some();
        let mut rows: Vec<(Suggestion, Vec<u32>)> = Vec::new();
        let mut units = self.units.map(|u| u.into_iter());
        for (c, (term, contexts)) in self.terms.into_iter().zip(self.contexts).enumerate() {
            let postings = units.as_mut().and_then(|u| u.next()).unwrap_or_default();
            let Some(lo) = log_odds_pooled(
                &term,
                self.with[c],
                self.without[c],
                self.phrases_with,
                self.phrases_without,
            ) else {
                continue;
            };
            if lo.z < self.options.min_z {
                continue;
            }
            rows.push((
                Suggestion {
                    term,
                    with: self.with[c],
                    without: self.without[c],
                    delta: lo.delta,
                    z: lo.z,
                    contexts,
                },
                postings,
            ));
        }
        rows.sort_by(|a, b| {
            b.0.z
                .total_cmp(&a.0.z)
                .then_with(|| a.0.term.cmp(&b.0.term))
        });
        let (rows, postings): (Vec<Suggestion>, Vec<Vec<u32>>) = rows.into_iter().unzip();
        Suggestions {
            rows,
            postings: kept.then_some(postings),
            labels: self.labels,
            units_with: self.units_with,
            units_without: self.units_without,
        }
    }
}

/// `text` around the token range, the match in brackets, `window` words each side, on one line.
fn context_line(text: &str, range: Range<usize>, window: usize) -> String {
    let tokens = tokenize(text);
    let (first, last) = (range.start, range.end - 1);
    let left = tokens[first.saturating_sub(window)].span.start;
    let right = tokens[(last + window).min(tokens.len() - 1)].span.end;
    let (start, end) = (tokens[first].span.start, tokens[last].span.end);
    let line = format!(
        "{}[{}]{}",
        &text[left..start],
        &text[start..end],
        &text[end..right]
    );
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One suggested term with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The term as a lexicon file writes it (match keys joined by spaces).
    pub term: String,
    /// Units that carry the category and contain the term.
    pub with: u64,
    /// Units that do not carry it and contain the term.
    pub without: u64,
    /// Log-odds ratio δ (natural logarithm), carrying units against the rest.
    pub delta: f64,
    /// δ over its standard error.
    pub z: f64,
    /// Keyword-in-context lines from units that carry the category, in corpus order.
    pub contexts: Vec<String>,
}

/// The ranked candidates of a category.
#[derive(Debug, Clone)]
pub struct Suggestions {
    /// Most distinctive first.
    pub rows: Vec<Suggestion>,
    /// Per row, the units (in the order they were added) it appears in, when kept.
    postings: Option<Vec<Vec<u32>>>,
    /// Per unit, whether it carries the category (only when the postings are kept).
    labels: Vec<bool>,
    /// Units that carry the category.
    pub units_with: u64,
    /// Units that do not.
    pub units_without: u64,
}

/// Counts of a term set against the labels on the units it was chosen from.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Fit {
    /// Carrying units the terms reach.
    pub tp: u64,
    /// Other units the terms reach.
    pub fp: u64,
    /// Carrying units they miss.
    pub fn_: u64,
}

impl Fit {
    /// F1 of the term set on these units (0 when it reaches no carrying unit).
    pub fn f1(&self) -> f64 {
        if self.tp == 0 {
            0.0
        } else {
            2.0 * self.tp as f64 / (2 * self.tp + self.fp + self.fn_) as f64
        }
    }
}

/// Greedy forward selection: starting from no term, adds the row whose units most raise F1 against
/// the labels (ties to the higher-ranked row), until no row raises it or `max_terms` are chosen. The
/// chosen rows in the order chosen, and their fit on these units (in-sample: measure it out of sample
/// with `validate labels`). Without kept units ([`Collector::finish`]), the first `max_terms` rows.
pub fn select_by_f1(s: &Suggestions, max_terms: usize) -> (Vec<usize>, Option<Fit>) {
    let Some(postings) = &s.postings else {
        return ((0..s.rows.len().min(max_terms)).collect(), None);
    };
    let positives = s.units_with;
    let mut covered = vec![false; s.labels.len()];
    let mut chosen = Vec::new();
    let mut taken = vec![false; s.rows.len()];
    let mut fit = Fit {
        fn_: positives,
        ..Fit::default()
    };
    while chosen.len() < max_terms {
        let mut best: Option<(usize, Fit)> = None;
        for (r, postings) in postings.iter().enumerate() {
            if taken[r] {
                continue;
            }
            let (mut tp, mut fp) = (fit.tp, fit.fp);
            for &u in postings {
                if !covered[u as usize] {
                    if s.labels[u as usize] {
                        tp += 1;
                    } else {
                        fp += 1;
                    }
                }
            }
            let next = Fit {
                tp,
                fp,
                fn_: positives - tp,
            };
            if best.is_none_or(|(_, b)| next.f1() > b.f1()) {
                best = Some((r, next));
            }
        }
        match best {
            Some((r, next)) if next.f1() > fit.f1() + 1e-12 => {
                taken[r] = true;
                for &u in &postings[r] {
                    covered[u as usize] = true;
                }
                chosen.push(r);
                fit = next;
            }
            _ => break,
        }
    }
    (chosen, Some(fit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    fn phrases(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_phrase(&tokenize(text), 3, |k, _| out.push(k.to_string()));
        out
    }

    #[test]
    fn phrases_skip_function_word_edges_and_clause_breaks() {
        assert_eq!(
            phrases("The gun sales fell, analysts said"),
            [
                "gun",
                "gun sales",
                "gun sales fell",
                "sales",
                "sales fell",
                "fell",
                "analysts"
            ]
        );
        assert_eq!(
            phrases("cost of living"),
            ["cost", "cost of living", "living"]
        );
    }
}
