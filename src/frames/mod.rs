//! Framing lexicons: the category file format, loading and validation, and matching against text.
//!
//! A category is one TOML file in a lexicon directory (`lexicons/frames/` by default): a name, a one-line
//! definition and its terms. `lexicons/README.md` documents the format and the matching rules for users;
//! [`load`] reads and validates the files (and, through [`import`], LIWC `.dic` and quanteda YAML
//! dictionaries), [`matcher`] implements the matching rules and [`tokens`] the word tokens they apply to.
//! Dropping a new file into the directory adds a category to every table and chart with no code change.

pub mod check;
pub mod import;
pub mod load;
pub mod matcher;
pub mod tokens;

use std::path::PathBuf;

pub use load::load_category;
pub use matcher::{FrameHit, Matcher};

/// One framing category, as loaded from its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// Unique name; becomes part of table column names, so it is restricted to `[a-z0-9_]`.
    pub name: String,
    /// One line saying what the category captures.
    pub definition: String,
    /// Optional parent category: this category's hits also count for the parent in every table.
    pub parent: Option<String>,
    /// Optional frame function (Entman): problem, cause, moral or remedy.
    pub function: Option<String>,
    /// Optional chart colour as `#rrggbb`.
    pub color: Option<String>,
    /// The terms, in file order. Empty for a parent that only gathers its children.
    pub terms: Vec<Term>,
    /// Whether negated hits ("no ceasefire") are left out of the category's counts; they are always
    /// reported separately.
    pub exclude_negated: bool,
    /// The presence rule: a text (or, in sentence units, one of its sentences) carries the category when
    /// its weighted hits reach this (default 1). `framing validate labels` uses it; tables report counts.
    pub min_hits: f64,
    /// The file it came from.
    pub path: PathBuf,
}

/// One lexicon entry: a word, glob or phrase, split into per-word patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The entry as written in the file.
    pub text: String,
    /// One pattern per word of the entry.
    pub words: Vec<WordPattern>,
    /// How much one hit counts in densities (1 unless the file says otherwise).
    pub weight: f64,
    /// Longer phrases this term must not match inside ("good" but not "good bye"), as word patterns.
    pub exclude: Vec<Vec<WordPattern>>,
}

/// How one word of a term matches one token's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordPattern {
    /// The token key must equal this.
    Exact(String),
    /// A glob: `*` stands for any run of characters (possibly none); the pattern is split at the stars.
    Glob(Vec<String>),
}

impl WordPattern {
    /// Whether the token key `key` matches.
    pub fn matches(&self, key: &str) -> bool {
        match self {
            WordPattern::Exact(word) => word == key,
            WordPattern::Glob(parts) => glob_match(parts, key),
        }
    }
}

/// Matches `key` against a glob split at its stars: `["cleans", ""]` is `cleans*`.
fn glob_match(parts: &[String], key: &str) -> bool {
    let (first, rest) = match parts.split_first() {
        Some(split) => split,
        None => return key.is_empty(),
    };
    let Some(mut remaining) = key.strip_prefix(first.as_str()) else {
        return false;
    };
    let Some((last, middle)) = rest.split_last() else {
        return remaining.is_empty();
    };
    for part in middle {
        match remaining.find(part.as_str()) {
            Some(i) => remaining = &remaining[i + part.len()..],
            None => return false,
        }
    }
    remaining.len() >= last.len() && remaining.ends_with(last.as_str())
}

/// All categories of a lexicon directory, sorted by name so that tables and charts have a stable order.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// The categories, sorted by name; parents named by a category but defined by no file are added
    /// with no terms of their own.
    pub categories: Vec<Category>,
}

impl Lexicon {
    /// Category names in table order.
    pub fn names(&self) -> Vec<&str> {
        self.categories.iter().map(|c| c.name.as_str()).collect()
    }

    /// Index of the category called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.name == name)
    }

    /// For each category, the categories whose hits count for it: itself and all its descendants.
    pub fn rollup(&self) -> Vec<Vec<usize>> {
        (0..self.categories.len())
            .map(|c| {
                (0..self.categories.len())
                    .filter(|&d| self.is_within(d, c))
                    .collect()
            })
            .collect()
    }

    /// Whether category `d` is `c` or lies below it. Parents are checked to be acyclic at load time.
    fn is_within(&self, d: usize, c: usize) -> bool {
        let mut current = d;
        for _ in 0..=self.categories.len() {
            if current == c {
                return true;
            }
            match self.categories[current]
                .parent
                .as_deref()
                .and_then(|p| self.index_of(p))
            {
                Some(parent) => current = parent,
                None => return false,
            }
        }
        false
    }
}

/// Parses one term as written in a file into word patterns, splitting words exactly as text is tokenised.
pub fn parse_term(text: &str) -> std::result::Result<Term, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("empty term: remove it or write a word".into());
    }
    let mut words = Vec::new();
    for raw in trimmed.split(|c: char| c.is_whitespace() || c == '-') {
        if raw.is_empty() {
            continue;
        }
        if let Some(bad) = raw
            .chars()
            .find(|&c| !(c.is_alphanumeric() || c == '*' || c == '\'' || c == '’' || c == '.'))
        {
            return Err(format!(
                "term {trimmed:?} contains {bad:?}: terms are words, phrases, dotted abbreviations (\"u.s.\") and `*` globs only"
            ));
        }
        if raw.chars().all(|c| c == '*') {
            return Err(format!(
                "term {trimmed:?} has a word that is only `*`, which would match every token: add letters"
            ));
        }
        if raw.contains('*') {
            let parts = raw.split('*').map(tokens::match_key).collect();
            words.push(WordPattern::Glob(parts));
        } else {
            words.push(WordPattern::Exact(tokens::match_key(raw)));
        }
    }
    if words.is_empty() {
        return Err(format!("term {trimmed:?} has no words"));
    }
    Ok(Term {
        text: trimmed.to_string(),
        words,
        weight: 1.0,
        exclude: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let g = |p: &str, k: &str| {
            parse_term(p)
                .map(|t| t.words[0].matches(k))
                .unwrap_or(false)
        };
        assert!(g("cleans*", "cleansed"));
        assert!(g("cleans*", "cleans"));
        assert!(!g("cleans*", "clean"));
        assert!(g("*militia*", "militiamen"));
        assert!(g("*militia*", "paramilitia"));
        assert!(g("*ism", "imperialism"));
        assert!(!g("*ism", "isms"));
        assert!(g("a*b", "ab"));
        assert!(!g("ab*b", "ab"));
    }

    #[test]
    fn bad_terms_are_refused() {
        assert!(parse_term("  ").is_err());
        assert!(parse_term("*").is_err());
        assert!(parse_term("war!").is_err());
        assert_eq!(parse_term("anti-tank").map(|t| t.words.len()), Ok(2));
    }
}
