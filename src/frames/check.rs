//! `framing lexicon check`: every problem of a lexicon directory at once — errors that stop a run (with
//! file, line and the fix) and warnings worth a look (duplicated terms, terms shared between categories,
//! globs so broad they match a large share of the corpus vocabulary).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::load::{is_dictionary_file, load_file};
use super::{Lexicon, WordPattern};
use crate::error::{Error, Result};

/// A glob matching more than this share of the corpus vocabulary is reported as too broad.
pub const BROAD_GLOB_SHARE: f64 = 0.01;

/// What `check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems that stop a run, each naming file and line.
    pub errors: Vec<Error>,
    /// Things worth a look that do not stop a run.
    pub warnings: Vec<String>,
    /// The lexicon, when it loaded.
    pub lexicon: Option<Lexicon>,
}

/// Checks every dictionary file of `dir`. `vocabulary` (distinct token keys of a corpus) enables the
/// broad-glob warning.
pub fn check_dir(dir: &Path, vocabulary: Option<&BTreeSet<String>>) -> Result<Report> {
    let paths = crate::lexicons::list(dir, is_dictionary_file)?;
    let mut report = Report::default();
    let mut categories = Vec::new();
    for path in &paths {
        match load_file(path) {
            Ok(cats) => categories.extend(cats),
            Err(e) => report.errors.push(e),
        }
    }
    if paths.is_empty() {
        report.errors.push(Error::Lexicon {
            path: dir.to_path_buf(),
            line: None,
            message: "no category files (*.toml, *.dic, *.yml) found: add one per category (see lexicons/README.md)"
                .into(),
        });
    }
    if !report.errors.is_empty() {
        return Ok(report);
    }
    match Lexicon::from_categories(categories) {
        Ok(lexicon) => {
            report.warnings = warnings(&lexicon, vocabulary);
            report.lexicon = Some(lexicon);
        }
        Err(e) => report.errors.push(e),
    }
    Ok(report)
}

/// Warnings about a loaded lexicon.
pub fn warnings(lexicon: &Lexicon, vocabulary: Option<&BTreeSet<String>>) -> Vec<String> {
    let mut out = Vec::new();
    let mut owners: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for category in &lexicon.categories {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        for term in &category.terms {
            let key = term.text.to_lowercase();
            if !seen.insert(key.clone()) {
                out.push(format!(
                    "{}: term {:?} appears more than once in category {}",
                    category.path.display(),
                    term.text,
                    category.name
                ));
            }
            let names = owners.entry(key).or_default();
            if !names.contains(&category.name.as_str()) {
                names.push(&category.name);
            }
        }
    }
    for (term, names) in &owners {
        if names.len() > 1 {
            out.push(format!(
                "term {term:?} is in several categories ({}): it counts for each of them",
                names.join(", ")
            ));
        }
    }
    if let Some(vocabulary) = vocabulary.filter(|v| !v.is_empty()) {
        for category in &lexicon.categories {
            for term in &category.terms {
                for word in &term.words {
                    if let WordPattern::Glob(_) = word {
                        let n = vocabulary.iter().filter(|k| word.matches(k)).count();
                        let share = n as f64 / vocabulary.len() as f64;
                        if share > BROAD_GLOB_SHARE {
                            out.push(format!(
                                "{}: glob {:?} in category {} matches {n} of {} corpus word types ({:.1}%): list the forms you mean",
                                category.path.display(),
                                term.text,
                                category.name,
                                vocabulary.len(),
                                share * 100.0
                            ));
                        }
                    }
                }
            }
        }
    }
    out
}
