//! Reading lexicon directories: native category files (`*.toml`), and the dictionary formats
//! researchers already own (LIWC `.dic`, quanteda YAML), with every problem reported as file:line.
//!
//! A native file is one category:
//!
//! ```toml
//! name = "humanitarian"
//! definition = "Suffering, needs and protection of civilians."
//! parent = "harm"                 # optional: hits also count for this category
//! function = "problem"            # optional: problem | cause | moral | remedy
//! color = "#88CCEE"               # optional
//! exclude_negated = false         # optional: leave "no civilians" out of the counts
//! min_hits = 1.0                  # optional: weighted hits at which a text carries the category
//! terms = [
//!   "civilian*",
//!   "scorched earth",
//!   { term = "aid", weight = 0.5, exclude = ["aid the cause"] },
//! ]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{import, parse_term, Category, Lexicon, Term};
use crate::error::{line_of, Error, Result};

/// Entman's frame functions, the values `function` may take.
pub const FUNCTIONS: &[&str] = &["problem", "cause", "moral", "remedy"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryFile {
    name: toml::Spanned<String>,
    definition: String,
    #[serde(default)]
    parent: Option<toml::Spanned<String>>,
    #[serde(default)]
    function: Option<toml::Spanned<String>>,
    #[serde(default)]
    color: Option<toml::Spanned<String>>,
    #[serde(default)]
    exclude_negated: bool,
    #[serde(default)]
    min_hits: Option<toml::Spanned<f64>>,
    terms: Vec<toml::Spanned<TermEntry>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum TermEntry {
    Plain(String),
    Full(FullTerm),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FullTerm {
    term: String,
    #[serde(default)]
    weight: Option<f64>,
    #[serde(default)]
    exclude: Vec<String>,
}

fn lexicon_error(path: &Path, line: Option<usize>, message: impl Into<String>) -> Error {
    Error::Lexicon {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// Whether a file is a dictionary the loader reads, by extension.
pub fn is_dictionary_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|x| x.to_str()),
        Some("toml" | "dic" | "yml" | "yaml")
    )
}

impl Lexicon {
    /// Loads every dictionary file in `dir` (a folder, or a built-in set's virtual folder from
    /// [`crate::lexicons::resolve`]): each `*.toml` is one category; each `*.dic` (LIWC) and
    /// `*.yml`/`*.yaml` (quanteda) may hold several.
    pub fn load_dir(dir: &Path) -> Result<Lexicon> {
        let paths = crate::lexicons::list(dir, is_dictionary_file)?;
        if paths.is_empty() {
            return Err(lexicon_error(
                dir,
                None,
                "no category files (*.toml, *.dic, *.yml) found: add one per category (see lexicons/README.md)",
            ));
        }
        let mut categories = Vec::new();
        for path in &paths {
            categories.extend(load_file(path)?);
        }
        Lexicon::from_categories(categories)
    }

    /// Builds a lexicon from loaded categories: rejects duplicate names and parent cycles, adds parents
    /// that no file defines, and sorts by name.
    pub fn from_categories(categories: Vec<Category>) -> Result<Lexicon> {
        let mut by_name: BTreeMap<String, Category> = BTreeMap::new();
        for category in categories {
            if let Some(first) = by_name.get(&category.name) {
                return Err(lexicon_error(
                    &category.path,
                    None,
                    format!(
                        "duplicate category name {:?}, already defined in {}: rename one of them",
                        category.name,
                        first.path.display()
                    ),
                ));
            }
            by_name.insert(category.name.clone(), category);
        }
        let missing: Vec<(String, PathBuf)> = by_name
            .values()
            .filter_map(|c| Some((c.parent.clone()?, c.path.clone())))
            .filter(|(p, _)| !by_name.contains_key(p))
            .collect();
        for (parent, path) in missing {
            by_name.entry(parent.clone()).or_insert_with(|| Category {
                name: parent.clone(),
                definition: format!("All of its subcategories ({parent} is named as a parent and has no file of its own)."),
                parent: None,
                function: None,
                color: None,
                terms: Vec::new(),
                exclude_negated: false,
                min_hits: 1.0,
                path,
            });
        }
        for category in by_name.values() {
            let has_children = by_name
                .values()
                .any(|c| c.parent.as_deref() == Some(category.name.as_str()));
            if category.terms.is_empty() && !has_children {
                return Err(lexicon_error(
                    &category.path,
                    None,
                    format!(
                        "category {:?} has no terms and no subcategories: list at least one word or phrase",
                        category.name
                    ),
                ));
            }
            let mut seen = vec![category.name.as_str()];
            let mut current = category;
            while let Some(parent) = current.parent.as_deref() {
                if seen.contains(&parent) {
                    return Err(lexicon_error(
                        &category.path,
                        None,
                        format!(
                            "parent cycle {} -> {parent}: a category cannot lie below itself",
                            seen.join(" -> ")
                        ),
                    ));
                }
                seen.push(parent);
                match by_name.get(parent) {
                    Some(p) => current = p,
                    None => break,
                }
            }
        }
        Ok(Lexicon {
            categories: by_name.into_values().collect(),
        })
    }
}

/// Loads the categories of one dictionary file, by its extension.
pub fn load_file(path: &Path) -> Result<Vec<Category>> {
    match path.extension().and_then(|x| x.to_str()) {
        Some("dic") => import::load_dic(path),
        Some("yml" | "yaml") => import::load_yaml(path),
        _ => Ok(vec![load_category(path)?]),
    }
}

/// Reads a lexicon file as UTF-8, naming the line of the first invalid byte.
pub fn read_source(path: &Path) -> Result<String> {
    let bytes = crate::lexicons::read(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        lexicon_error(path, Some(line), "invalid UTF-8: save the file as UTF-8")
    })
}

/// Checks a category name: it names table columns, so only `a-z`, `0-9` and `_`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Loads and validates one native category file.
pub fn load_category(path: &Path) -> Result<Category> {
    let source = read_source(path)?;
    let err = |offset: usize, message: String| {
        lexicon_error(path, Some(line_of(&source, offset)), message)
    };
    let file: CategoryFile = toml::from_str(&source).map_err(|e| {
        lexicon_error(
            path,
            e.span().map(|s| line_of(&source, s.start)),
            format!(
                "{} (a category file has `name`, `definition` and `terms`, and optionally `parent`, `function`, `color`, `exclude_negated`, `min_hits`; see lexicons/README.md)",
                e.message().trim()
            ),
        )
    })?;
    let name = file.name.get_ref().trim().to_string();
    if !valid_name(&name) {
        return Err(err(
            file.name.span().start,
            format!("category name {name:?} must be non-empty and use only a-z, 0-9 and _ (it names table columns)"),
        ));
    }
    let parent = match file.parent {
        Some(p) if !valid_name(p.get_ref().trim()) || p.get_ref().trim() == name => {
            return Err(err(
                p.span().start,
                format!(
                    "parent {:?} must name another category (a-z, 0-9 and _)",
                    p.get_ref()
                ),
            ))
        }
        p => p.map(|p| p.into_inner().trim().to_string()),
    };
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
    let min_hits = match file.min_hits {
        Some(m) if !m.get_ref().is_finite() || *m.get_ref() <= 0.0 => {
            return Err(err(
                m.span().start,
                format!(
                    "min_hits = {} must be a positive number (the weighted hits at which a text carries the category; default 1)",
                    m.get_ref()
                ),
            ))
        }
        m => m.map_or(1.0, |m| m.into_inner()),
    };
    let mut terms = Vec::with_capacity(file.terms.len());
    for spanned in &file.terms {
        let at = spanned.span().start;
        let term = match spanned.get_ref() {
            TermEntry::Plain(text) => parse_term(text).map_err(|m| err(at, m))?,
            TermEntry::Full(full) => full_term(full).map_err(|m| err(at, m))?,
        };
        terms.push(term);
    }
    Ok(Category {
        name,
        definition: file.definition.trim().to_string(),
        parent,
        function,
        color,
        terms,
        exclude_negated: file.exclude_negated,
        min_hits,
        path: path.to_path_buf(),
    })
}

fn full_term(full: &FullTerm) -> std::result::Result<Term, String> {
    let mut term = parse_term(&full.term)?;
    if let Some(weight) = full.weight {
        if !weight.is_finite() || weight <= 0.0 {
            return Err(format!(
                "weight {weight} of term {:?} must be a positive number",
                full.term
            ));
        }
        term.weight = weight;
    }
    for phrase in &full.exclude {
        let excluded =
            parse_term(phrase).map_err(|m| format!("in `exclude` of {:?}: {m}", full.term))?;
        if excluded.words.len() <= term.words.len() {
            return Err(format!(
                "exclude phrase {phrase:?} of term {:?} must be longer than the term: it names a longer phrase the term must not match inside",
                full.term
            ));
        }
        term.exclude.push(excluded.words);
    }
    Ok(term)
}

fn is_hex_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}
