//! Finds lexicon terms in text.
//!
//! Rules: terms match whole tokens (see [`super::tokens`]), case-insensitively; a phrase matches consecutive
//! tokens; within one category the longest phrase starting at a token wins and the tokens it covers are not
//! counted again by that category's shorter entries (leftmost-longest); different categories match
//! independently, so one token can count for several. A term does not match inside one of its `exclude`
//! phrases ("good" in "good bye"). A hit with a negator among the three tokens before it, within its
//! clause, is marked negated ("no ceasefire", "wasn't a victory", "without aid").

use std::ops::Range;

use super::tokens::{tokenize, Token};
use super::{Lexicon, WordPattern};

/// One match of a term in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameHit {
    /// Index of the category in [`Lexicon::categories`].
    pub category: usize,
    /// Index of the term within its category.
    pub term: usize,
    /// Byte span of the matched words in the text given to [`Matcher::find`].
    pub span: Range<usize>,
    /// Whether a negator precedes the hit within its clause (see [`NEGATORS`]).
    pub negated: bool,
}

/// Words that negate a following hit within three tokens of the same clause. Contractions ending in
/// "n't" negate too.
pub const NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "nor", "neither", "none", "nobody", "nothing", "nowhere",
    "cannot", "lack", "lacks", "lacking", "absent",
];

/// How many tokens back a negator reaches.
pub const NEGATION_WINDOW: usize = 3;

fn is_negator(key: &str) -> bool {
    NEGATORS.contains(&key) || key.ends_with("n't")
}

/// Whether a negator stands within [`NEGATION_WINDOW`] tokens before token `i`, in the same clause.
pub fn negated_at(tokens: &[Token], i: usize) -> bool {
    let mut j = i;
    for _ in 0..NEGATION_WINDOW {
        if j == 0 || tokens[j].clause_start {
            return false;
        }
        j -= 1;
        if is_negator(&tokens[j].key) {
            return true;
        }
    }
    false
}

/// A lexicon compiled for fast matching; build once, share across threads.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// (category, term) pairs by their first word: an exact word, or a glob's literal prefix
    /// (`cleans*`), in one byte trie that a token walks once (most leave it within a byte or two).
    first_words: FirstWords,
    /// (category, term) pairs whose first word is a glob starting with `*`.
    glob_first: GlobFirst,
    /// Per category, per term, the word patterns.
    patterns: Vec<Vec<Vec<WordPattern>>>,
    /// Per category, per term, the longer phrases the term must not match inside.
    excludes: Vec<Vec<Vec<Vec<WordPattern>>>>,
}

impl Matcher {
    /// Compiles `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let mut first_words = TrieBuilder::default();
        let mut glob_first = GlobFirstBuilder::default();
        let mut patterns = Vec::with_capacity(lexicon.categories.len());
        let mut excludes = Vec::with_capacity(lexicon.categories.len());
        for (c, category) in lexicon.categories.iter().enumerate() {
            excludes.push(category.terms.iter().map(|t| t.exclude.clone()).collect());
            let mut terms = Vec::with_capacity(category.terms.len());
            for (t, term) in category.terms.iter().enumerate() {
                match &term.words[0] {
                    WordPattern::Exact(word) => first_words.insert(word.as_bytes(), false, (c, t)),
                    WordPattern::Glob(parts) if !parts[0].is_empty() => {
                        first_words.insert(parts[0].as_bytes(), true, (c, t))
                    }
                    WordPattern::Glob(parts) => glob_first.push(parts, (c, t)),
                }
                terms.push(term.words.clone());
            }
            patterns.push(terms);
        }
        Matcher {
            first_words: first_words.build(),
            glob_first: glob_first.build(),
            patterns,
            excludes,
        }
    }

    /// Number of categories.
    pub fn category_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every hit in `text`, ordered by category, then position.
    pub fn find(&self, text: &str) -> Vec<FrameHit> {
        self.find_in_tokens(&tokenize(text))
    }

    /// Every hit in already tokenised text, ordered by category, then position.
    pub fn find_in_tokens(&self, tokens: &[Token]) -> Vec<FrameHit> {
        // best[c] = longest (length, term) for category c starting at the current token.
        let categories = self.patterns.len();
        // Allocated at the first candidate: most sentences have none.
        let mut best: Vec<Option<(usize, usize)>> = Vec::new();
        let mut covered_until: Vec<usize> = Vec::new();
        let mut touched: Vec<usize> = Vec::new();
        let mut hits = Vec::new();
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for i in 0..tokens.len() {
            let key: &str = &tokens[i].key;
            candidates.clear();
            self.first_words.walk(key.as_bytes(), |terms, glob| {
                if glob {
                    candidates.extend(
                        terms
                            .iter()
                            .filter(|&&(c, t)| self.patterns[c][t][0].matches(key)),
                    )
                } else {
                    candidates.extend_from_slice(terms);
                }
            });
            self.glob_first.candidates(key, |terms| {
                candidates.extend(
                    terms
                        .iter()
                        .filter(|&&(c, t)| self.patterns[c][t][0].matches(key)),
                )
            });
            if candidates.is_empty() {
                continue;
            }
            if best.is_empty() {
                best = vec![None; categories];
                covered_until = vec![0; categories];
            }
            for &(c, t) in &candidates {
                if i < covered_until[c] {
                    continue;
                }
                let words = &self.patterns[c][t];
                if words.len() > tokens.len() - i {
                    continue;
                }
                let rest_match = words[1..]
                    .iter()
                    .zip(&tokens[i + 1..])
                    .all(|(w, tok)| w.matches(&tok.key));
                // Ties in length go to the earlier term in the file, for a stable choice.
                let better = match best[c] {
                    None => true,
                    Some((len, term)) => words.len() > len || (words.len() == len && t < term),
                };
                if rest_match && better && !self.excluded(c, t, tokens, i, words.len()) {
                    if best[c].is_none() {
                        touched.push(c);
                    }
                    best[c] = Some((words.len(), t));
                }
            }
            touched.sort_unstable();
            for c in touched.drain(..) {
                if let Some((len, term)) = best[c].take() {
                    covered_until[c] = i + len;
                    hits.push(FrameHit {
                        category: c,
                        term,
                        span: tokens[i].span.start..tokens[i + len - 1].span.end,
                        negated: negated_at(tokens, i),
                    });
                }
            }
        }
        hits.sort_by_key(|h| (h.category, h.span.start));
        hits
    }

    /// Whether the match of term `t` of category `c` at tokens `i..i + len` lies inside one of the term's
    /// exclude phrases.
    fn excluded(&self, c: usize, t: usize, tokens: &[Token], i: usize, len: usize) -> bool {
        self.excludes[c][t].iter().any(|phrase| {
            let l = phrase.len();
            let first = (i + len).saturating_sub(l);
            (first..=i).any(|s| {
                s + l <= tokens.len()
                    && phrase
                        .iter()
                        .zip(&tokens[s..s + l])
                        .all(|(w, tok)| w.matches(&tok.key))
            })
        })
    }
}

/// The first words of terms as they are added: a byte trie with a vector of children per node.
#[derive(Default)]
struct TrieBuilder {
    /// Per node (the root is 0): its children as (byte, node), sorted by byte.
    children: Vec<Vec<(u8, u32)>>,
    /// Per node: the terms whose exact first word ends there, and those whose glob prefix does.
    exact: Vec<Vec<(usize, usize)>>,
    globs: Vec<Vec<(usize, usize)>>,
}

impl TrieBuilder {
    fn insert(&mut self, word: &[u8], glob: bool, term: (usize, usize)) {
        if self.children.is_empty() {
            self.push_node();
        }
        let mut node = 0;
        for &b in word {
            node = match self.children[node].binary_search_by_key(&b, |&(byte, _)| byte) {
                Ok(k) => self.children[node][k].1 as usize,
                Err(k) => {
                    let child = self.push_node();
                    self.children[node].insert(k, (b, child as u32));
                    child
                }
            };
        }
        let terms = if glob {
            &mut self.globs
        } else {
            &mut self.exact
        };
        terms[node].push(term);
    }

    fn push_node(&mut self) -> usize {
        self.children.push(Vec::new());
        self.exact.push(Vec::new());
        self.globs.push(Vec::new());
        self.children.len() - 1
    }

    /// The trie as a double array (see [`FirstWords`]), for matching.
    fn build(self) -> FirstWords {
        // Codes 1..=K for the bytes that occur in some first word (0: no word has that byte), so that a
        // node's children fit in a window of K cells.
        let mut code = [0u16; 256];
        for &(b, _) in self.children.iter().flatten() {
            code[usize::from(b)] = 1;
        }
        let mut next = 0;
        for c in code.iter_mut().filter(|c| **c != 0) {
            next += 1;
            *c = next;
        }
        let mut trie = FirstWords {
            code,
            cells: vec![Cell {
                base: 0,
                check: ROOT,
            }],
            ranges: Vec::new(),
            terms: Vec::new(),
        };
        if self.children.is_empty() {
            return trie;
        }
        // Breadth first, each node's children placed at the first base where all their cells are free.
        // A node with one child takes the first free cell; one with more searches from `search_from`,
        // which moves on past a crowded stretch once a search there has been long, so that building
        // stays linear in the trie's size (a large lexicon's upper levels leave holes no node fits).
        let mut state_of = vec![0u32; self.children.len()];
        let mut queue = std::collections::VecDeque::from([0usize]);
        // Cells past the largest code suit any single child (its base stays at least 1); the few
        // before it that stay free are left so.
        let mut first_free = usize::from(next) + 1;
        let mut search_from = first_free;
        let free = |cells: &[Cell], at: usize| cells.get(at).is_none_or(|c| c.check == FREE);
        while let Some(node) = queue.pop_front() {
            let state = state_of[node] as usize;
            let children = &self.children[node];
            if let Some(&(lowest, _)) = children.first() {
                let lowest = usize::from(code[usize::from(lowest)]);
                while !free(&trie.cells, first_free) {
                    first_free += 1;
                }
                search_from = search_from.max(first_free);
                let start = if children.len() == 1 {
                    first_free
                } else {
                    search_from
                };
                let mut base = start.saturating_sub(lowest).max(1);
                while !children
                    .iter()
                    .all(|&(b, _)| free(&trie.cells, base + usize::from(code[usize::from(b)])))
                {
                    base += 1;
                }
                if children.len() > 1 && base > start + 64 {
                    search_from = base;
                }
                for &(b, child) in children {
                    let at = base + usize::from(code[usize::from(b)]);
                    if at >= trie.cells.len() {
                        trie.cells.resize(
                            at + 1,
                            Cell {
                                base: 0,
                                check: FREE,
                            },
                        );
                    }
                    trie.cells[at].check = state as u32;
                    state_of[child as usize] = at as u32;
                    queue.push_back(child as usize);
                }
                trie.cells[state].base |= base as u32;
            }
            let mut flags = 0;
            let start = trie.terms.len() as u32;
            if !self.globs[node].is_empty() {
                flags |= GLOBS;
                trie.terms.extend_from_slice(&self.globs[node]);
            }
            let middle = trie.terms.len() as u32;
            if !self.exact[node].is_empty() {
                flags |= EXACT;
                trie.terms.extend_from_slice(&self.exact[node]);
            }
            if flags != 0 {
                trie.cells[state].base |= flags;
                if trie.ranges.len() <= state {
                    trie.ranges.resize(state + 1, (0, 0, 0));
                }
                trie.ranges[state] = (start, middle, trie.terms.len() as u32);
            }
        }
        trie
    }
}

/// The state a walk falls into when the key leaves the trie: no flags, and no cell has it as parent.
const DEAD_STATE: usize = u32::MAX as usize - 2;
const DEAD: Cell = Cell {
    base: 0,
    check: FREE,
};

/// Marks a free cell of [`FirstWords`].
const FREE: u32 = u32::MAX;
/// The check of the root cell (no parent).
const ROOT: u32 = u32::MAX - 1;
/// Flags in a cell's base: glob terms end at this node; exact first words end here.
const GLOBS: u32 = 1 << 31;
const EXACT: u32 = 1 << 30;
const BASE: u32 = EXACT - 1;

/// A byte trie of the terms' first words, as a double array: the child of state `s` by byte `b` is
/// state `t = base(s) + code[b]`, valid when `cells[t].check == s`. Every token of every scored text
/// walks it, so a step costs one table lookup and one cell, not a search among a node's children.
#[derive(Debug, Clone)]
struct FirstWords {
    code: [u16; 256],
    /// Per state (the root is 0): its base, with the [`GLOBS`] and [`EXACT`] flags, and its parent.
    cells: Vec<Cell>,
    /// Per state with a flag: where its glob terms start, where they end and its exact terms start, and
    /// where those end, in `terms`.
    ranges: Vec<(u32, u32, u32)>,
    terms: Vec<(usize, usize)>,
}

/// One state of [`FirstWords`].
#[derive(Debug, Clone, Copy)]
struct Cell {
    base: u32,
    check: u32,
}

impl FirstWords {
    /// Calls `f(terms, true)` with the glob terms of every prefix of `key` in the trie, shortest
    /// first, then `f(terms, false)` with the terms whose first word is `key` itself.
    fn walk(&self, key: &[u8], mut f: impl FnMut(&[(usize, usize)], bool)) {
        let range = |state: usize, pick: fn((u32, u32, u32)) -> (u32, u32)| {
            let (start, end) = pick(self.ranges[state]);
            &self.terms[start as usize..end as usize]
        };
        // Branch-free steps: a byte with no edge sends the walk to the dead state (a cell nobody's
        // child, whose flags are clear), so the only branch a token mispredicts is its loop's end.
        let mut state = 0;
        let mut cell = self.cells[0];
        for &b in key {
            if cell.base & GLOBS != 0 {
                f(range(state, |r| (r.0, r.1)), true);
            }
            // A byte of no first word has code 0, and the cell at a base is never its own state's
            // child (codes start at 1), so it fails the check like any missing edge.
            let next = (cell.base & BASE) as usize + usize::from(self.code[usize::from(b)]);
            let c = self.cells.get(next).copied().unwrap_or(DEAD);
            let ok = c.check == state as u32;
            state = if ok { next } else { DEAD_STATE };
            cell = if ok { c } else { DEAD };
        }
        if cell.base & GLOBS != 0 {
            f(range(state, |r| (r.0, r.1)), true);
        }
        if cell.base & EXACT != 0 {
            f(range(state, |r| (r.1, r.2)), false);
        }
    }
}

/// Terms whose first word is a glob starting with `*` ("*ceasefire", "*bomb*"), found by the longest
/// literal part each holds: a token that does not contain it cannot match. One Aho-Corasick pass over
/// the token finds every such part it contains, so a lexicon of thousands of these costs about what
/// one costs, instead of a test of every term against every token.
#[derive(Debug, Clone, Default)]
struct GlobFirst {
    /// Terms with no literal part (a lone `*`): candidates for every token.
    always: Vec<(usize, usize)>,
    /// The automaton over the distinct literal parts; `None` when there are none.
    literals: Option<aho_corasick::AhoCorasick>,
    /// Per literal (the automaton's pattern id), the terms whose longest part it is.
    terms: Vec<Vec<(usize, usize)>>,
}

impl GlobFirst {
    /// Calls `f` with every group of terms the token `key` may match (each still to be tested).
    fn candidates(&self, key: &str, mut f: impl FnMut(&[(usize, usize)])) {
        if !self.always.is_empty() {
            f(&self.always);
        }
        let Some(automaton) = &self.literals else {
            return;
        };
        let mut found: Vec<usize> = automaton
            .find_overlapping_iter(key)
            .map(|m| m.pattern().as_usize())
            .collect();
        found.sort_unstable();
        found.dedup();
        for id in found {
            f(&self.terms[id]);
        }
    }
}

/// Collects the terms of a [`GlobFirst`].
#[derive(Default)]
struct GlobFirstBuilder {
    always: Vec<(usize, usize)>,
    literals: Vec<String>,
    index: std::collections::HashMap<String, usize>,
    terms: Vec<Vec<(usize, usize)>>,
}

impl GlobFirstBuilder {
    fn push(&mut self, parts: &[String], term: (usize, usize)) {
        let Some(longest) = parts
            .iter()
            .filter(|p| !p.is_empty())
            .max_by_key(|p| p.len())
        else {
            self.always.push(term);
            return;
        };
        let id = *self.index.entry(longest.clone()).or_insert_with(|| {
            self.literals.push(longest.clone());
            self.terms.push(Vec::new());
            self.literals.len() - 1
        });
        self.terms[id].push(term);
    }

    fn build(self) -> GlobFirst {
        if self.literals.is_empty() {
            return GlobFirst {
                always: self.always,
                ..GlobFirst::default()
            };
        }
        match aho_corasick::AhoCorasick::new(&self.literals) {
            Ok(automaton) => GlobFirst {
                always: self.always,
                literals: Some(automaton),
                terms: self.terms,
            },
            // Too large an automaton: every such term is tested against every token, as before.
            Err(_) => GlobFirst {
                always: self
                    .always
                    .into_iter()
                    .chain(self.terms.into_iter().flatten())
                    .collect(),
                ..GlobFirst::default()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frames::{parse_term, Category};

    fn lexicon(cats: &[(&str, &[&str])]) -> Lexicon {
        Lexicon {
            categories: cats
                .iter()
                .map(|(name, terms)| Category {
                    name: name.to_string(),
                    definition: String::new(),
                    parent: None,
                    function: None,
                    color: None,
                    terms: terms
                        .iter()
                        .map(|t| parse_term(t).expect("valid term"))
                        .collect(),
                    exclude_negated: false,
                    min_hits: 1.0,
                    path: Default::default(),
                })
                .collect(),
        }
    }

    fn matched<'a>(text: &'a str, hits: &[FrameHit]) -> Vec<(usize, &'a str)> {
        hits.iter()
            .map(|h| (h.category, &text[h.span.clone()]))
            .collect()
    }

    #[test]
    fn globs_that_start_with_a_star_are_found_by_their_longest_part() {
        // Suffix, infix and two-part globs, one that shares its longest part, one on a phrase.
        let lex = lexicon(&[
            ("a", &["*fire", "*bomb*", "*ag*ad", "*fire zone"]),
            ("b", &["*fire*", "x"]),
        ]);
        let text = "Ceasefire, carbombing; a firearm in Baghdad. Crossfire zone.";
        let hits = Matcher::new(&lex).find(text);
        assert_eq!(
            matched(text, &hits),
            [
                (0, "Ceasefire"),
                (0, "carbombing"),
                (0, "Baghdad"),
                (0, "Crossfire zone"),
                (1, "Ceasefire"),
                (1, "firearm"),
                (1, "Crossfire"),
            ]
        );
    }

    #[test]
    fn longest_phrase_wins_and_is_not_recounted() {
        let lex = lexicon(&[("geo", &["influence", "sphere of influence", "sphere"])]);
        let text = "Iran's regional ‘sphere of influence’ and its influence.";
        let hits = Matcher::new(&lex).find(text);
        assert_eq!(
            matched(text, &hits),
            [(0, "sphere of influence"), (0, "influence")]
        );
    }

    #[test]
    fn one_token_counts_for_several_categories() {
        let lex = lexicon(&[("a", &["strike*"]), ("b", &["drone strike"])]);
        let text = "A US drone strike in Baghdad.";
        let hits = Matcher::new(&lex).find(text);
        assert_eq!(matched(text, &hits), [(0, "strike"), (1, "drone strike")]);
    }

    #[test]
    fn hyphens_possessives_globs_and_case() {
        let lex = lexicon(&[(
            "x",
            &["iran", "assad", "*militia*", "scorched earth", "CLEANS*"],
        )]);
        let text = "Iran-backed militiamen; Assad's scorched-earth plan cleansed towns.";
        let hits = Matcher::new(&lex).find(text);
        assert_eq!(
            matched(text, &hits),
            [
                (0, "Iran"),
                (0, "militiamen"),
                (0, "Assad's"),
                (0, "scorched-earth"),
                (0, "cleansed")
            ]
        );
    }

    #[test]
    fn nested_and_non_ascii_glob_prefixes() {
        let lex = lexicon(&[
            ("a", &["war*", "warlord*", "wa*"]),
            ("b", &["réfugi*", "war crime*"]),
        ]);
        let text = "Warlords, wars and a warden; réfugiés fled war crimes. W wa";
        let hits = Matcher::new(&lex).find(text);
        assert_eq!(
            matched(text, &hits),
            [
                (0, "Warlords"),
                (0, "wars"),
                (0, "warden"),
                (0, "war"),
                (0, "wa"),
                (1, "réfugiés"),
                (1, "war crimes")
            ]
        );
        // The longest prefix is not always the term that wins: ties go to the earlier term.
        assert_eq!(hits[0].term, 0);
    }

    #[test]
    fn no_partial_word_matches() {
        let lex = lexicon(&[("x", &["war", "so"])]);
        let text = "The warden also said: war, so.";
        let hits = Matcher::new(&lex).find(text);
        assert_eq!(matched(text, &hits), [(0, "war"), (0, "so")]);
    }

    #[test]
    fn the_double_array_walk_agrees_with_a_plain_search() {
        // Generated first words over a small alphabet (so that they share prefixes), some as globs,
        // with non-ASCII bytes among them; every word, every prefix and some strangers are walked.
        let mut seed = 0x2545_f491_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet = ["a", "b", "c", "d", "e", "é", "'", "1"];
        let mut words: Vec<(String, bool)> = (0..3000)
            .map(|_| {
                let len = 1 + next() as usize % 7;
                let word: String = (0..len)
                    .map(|_| alphabet[next() as usize % alphabet.len()])
                    .collect();
                (word, next() % 3 == 0)
            })
            .collect();
        words.sort();
        words.dedup();
        let mut builder = TrieBuilder::default();
        for (i, (word, glob)) in words.iter().enumerate() {
            builder.insert(word.as_bytes(), *glob, (0, i));
        }
        let trie = builder.build();
        let mut probes: Vec<String> = words.iter().map(|w| w.0.clone()).collect();
        probes.extend(words.iter().map(|w| format!("{}ab", w.0)));
        probes.extend(["", "zzz", "é", "\u{2019}"].map(String::from));
        for probe in &probes {
            let mut walked = Vec::new();
            trie.walk(probe.as_bytes(), |terms, glob| {
                walked.extend(terms.iter().map(|&(_, i)| (i, glob)))
            });
            // Glob prefixes of the probe, shortest first, then the exact word.
            let mut expected: Vec<(usize, bool)> = Vec::new();
            let mut by_length: Vec<(usize, usize)> = words
                .iter()
                .enumerate()
                .filter(|(_, (w, glob))| *glob && probe.as_bytes().starts_with(w.as_bytes()))
                .map(|(i, (w, _))| (w.len(), i))
                .collect();
            by_length.sort();
            expected.extend(by_length.into_iter().map(|(_, i)| (i, true)));
            expected.extend(
                words
                    .iter()
                    .enumerate()
                    .filter(|(_, (w, glob))| !*glob && w == probe)
                    .map(|(i, _)| (i, false)),
            );
            assert_eq!(walked, expected, "{probe:?}");
        }
    }
}
