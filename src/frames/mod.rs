//! Framing lexicons: the category file format, loading and validation, and matching against text.
//!
//! A category is one TOML file in a lexicon directory (`lexicons/frames/` by default): a name, a one-line
//! definition and its terms. `lexicons/README.md` documents the format and the matching rules for users;
//! [`matcher`] implements the rules and [`tokens`] the word tokens they apply to. Dropping a new file into
//! the directory adds a category to every table and chart with no code change.

pub mod matcher;
pub mod tokens;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{line_of, Error, Result};

pub use matcher::{FrameHit, Matcher};

/// One framing category, as loaded from its file.
#[derive(Debug, Clone)]
pub struct Category {
    /// Unique name; becomes part of table column names, so it is restricted to `[a-z0-9_]`.
    pub name: String,
    /// One line saying what the category captures.
    pub definition: String,
    /// Optional parent category name.
    pub parent: Option<String>,
    /// Optional frame function (Entman): problem, cause, moral or remedy.
    pub function: Option<String>,
    /// Optional chart colour as `#rrggbb`.
    pub color: Option<String>,
    /// The terms, in file order.
    pub terms: Vec<Term>,
    /// The file it came from.
    pub path: PathBuf,
}

/// One lexicon entry: a word, glob or phrase, split into per-word patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The entry as written in the file.
    pub text: String,
    /// One pattern per word of the entry.
    pub words: Vec<WordPattern>,
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
    /// The categories, sorted by name.
    pub categories: Vec<Category>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryFile {
    name: toml::Spanned<String>,
    definition: String,
    #[serde(default)]
    parent: Option<String>,
    #[serde(default)]
    function: Option<toml::Spanned<String>>,
    #[serde(default)]
    color: Option<toml::Spanned<String>>,
    terms: Vec<toml::Spanned<String>>,
}

const FUNCTIONS: &[&str] = &["problem", "cause", "moral", "remedy"];

impl Lexicon {
    /// Loads every `*.toml` file in `dir` as a category.
    pub fn load_dir(dir: &Path) -> Result<Lexicon> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, "cannot read lexicon directory", e))?;
        let mut paths = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(dir, "cannot list lexicon directory", e))?;
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "toml") {
                paths.push(path);
            }
        }
        paths.sort();
        if paths.is_empty() {
            return Err(Error::Lexicon {
                path: dir.to_path_buf(),
                line: None,
                message: "no category files (*.toml) found: add one per category (see lexicons/README.md)".into(),
            });
        }
        let mut by_name: BTreeMap<String, Category> = BTreeMap::new();
        for path in paths {
            let category = load_category(&path)?;
            if let Some(first) = by_name.get(&category.name) {
                return Err(Error::Lexicon {
                    path: path.clone(),
                    line: None,
                    message: format!(
                        "duplicate category name {:?}, already defined in {}: rename one of them",
                        category.name,
                        first.path.display()
                    ),
                });
            }
            by_name.insert(category.name.clone(), category);
        }
        Ok(Lexicon {
            categories: by_name.into_values().collect(),
        })
    }

    /// Category names in table order.
    pub fn names(&self) -> Vec<&str> {
        self.categories.iter().map(|c| c.name.as_str()).collect()
    }
}

/// Loads and validates one category file.
pub fn load_category(path: &Path) -> Result<Category> {
    let source = std::fs::read(path).map_err(|e| Error::io(path, "cannot read", e))?;
    let source = String::from_utf8(source).map_err(|e| Error::Lexicon {
        path: path.to_path_buf(),
        line: Some(line_of_bytes(e.as_bytes(), e.utf8_error().valid_up_to())),
        message: "invalid UTF-8: save the file as UTF-8".into(),
    })?;
    let err = |offset: usize, message: String| Error::Lexicon {
        path: path.to_path_buf(),
        line: Some(line_of(&source, offset)),
        message,
    };
    let file: CategoryFile = toml::from_str(&source).map_err(|e| Error::Lexicon {
        path: path.to_path_buf(),
        line: e.span().map(|s| line_of(&source, s.start)),
        message: format!(
            "{} (a category file needs `name`, `definition` and `terms`; see lexicons/README.md)",
            e.message().trim()
        ),
    })?;
    let name = file.name.get_ref().trim().to_string();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(err(
            file.name.span().start,
            format!("category name {name:?} must be non-empty and use only a-z, 0-9 and _ (it names table columns)"),
        ));
    }
    let function = match file.function {
        Some(f) if !FUNCTIONS.contains(&f.get_ref().as_str()) => {
            return Err(err(
                f.span().start,
                format!(
                    "unknown function {:?}: use one of {}",
                    f.get_ref(),
                    FUNCTIONS.join(", ")
                ),
            ))
        }
        f => f.map(|f| f.into_inner()),
    };
    let color = match file.color {
        Some(c) if !is_hex_colour(c.get_ref()) => {
            return Err(err(
                c.span().start,
                format!("color {:?} must be #rrggbb", c.get_ref()),
            ))
        }
        c => c.map(|c| c.into_inner()),
    };
    if file.terms.is_empty() {
        return Err(Error::Lexicon {
            path: path.to_path_buf(),
            line: None,
            message: "`terms` is empty: list at least one word or phrase".into(),
        });
    }
    let mut terms = Vec::with_capacity(file.terms.len());
    for spanned in &file.terms {
        let term =
            parse_term(spanned.get_ref()).map_err(|message| err(spanned.span().start, message))?;
        terms.push(term);
    }
    Ok(Category {
        name,
        definition: file.definition.trim().to_string(),
        parent: file.parent,
        function,
        color,
        terms,
        path: path.to_path_buf(),
    })
}

fn line_of_bytes(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
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
            .find(|&c| !(c.is_alphanumeric() || c == '*' || c == '\'' || c == '’'))
        {
            return Err(format!(
                "term {trimmed:?} contains {bad:?}: terms are words, phrases and `*` globs only"
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
