//! Load stage: reads a corpus directory (its manifest `corpus.toml` and the article files it names, or
//! else a folder of `.txt` files, see [`folder`]) into [`Article`]s.
//!
//! The manifest is the single source of metadata where there is one: adding an article means adding a
//! file and an `[[article]]` entry, nothing else. Every problem is reported with the file (and manifest
//! line) at fault.

pub mod folder;
pub mod records;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{line_of, Error, Result};

/// Name of the manifest file inside a corpus directory.
pub const MANIFEST: &str = "corpus.toml";

/// Genres a manifest may name. A closed list, so that a typo ("oppinion") is caught instead of silently
/// becoming a group of its own in every comparison.
pub const GENRES: &[&str] = &[
    "opinion",
    "editorial",
    "analysis",
    "wire",
    "news",
    "feature",
    "interview",
];

/// One article: its metadata and its original text, exactly as read from disk.
#[derive(Debug, Clone)]
pub struct Article {
    /// Short unique slug from the manifest.
    pub id: String,
    /// The file the text came from.
    pub path: PathBuf,
    /// The original text. Every byte offset produced downstream points into this string.
    pub text: String,
    /// Headline as given in the manifest; when the text's first line equals it, that line is the headline unit.
    pub title: Option<String>,
    /// Whether the first paragraph (after any headline) is a standfirst rather than body text.
    pub standfirst: bool,
    /// Every metadata field as text (`outlet`, `genre`, `published`, `title`, and any extra key), for grouping.
    pub fields: BTreeMap<String, String>,
    /// Where the article stands in its source: the record's line in a corpus file, or its position
    /// (from 1) among the manifest's entries. Shards split the corpus by it.
    pub line: usize,
}

impl Article {
    /// A metadata field, or the empty string when the article lacks it.
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map(String::as_str).unwrap_or("")
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[serde(default)]
    article: Vec<toml::Spanned<Entry>>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    id: String,
    file: String,
    outlet: String,
    genre: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    standfirst: bool,
    #[serde(flatten)]
    extra: BTreeMap<String, toml::Value>,
}

/// Reads the corpus in `dir`: its manifest and every article it lists, in manifest order; or, with no
/// manifest, its `.txt` files in name order (the file names alone: see [`load_dir_with`]). Files of a
/// text folder that cannot be read as UTF-8 are left out.
pub fn load_dir(dir: &Path) -> Result<Vec<Article>> {
    load_dir_with(dir, &folder::Options::default()).map(|(articles, _)| articles)
}

/// [`load_dir`], with how a folder without a manifest is read, and the files it left out.
pub fn load_dir_with(
    dir: &Path,
    options: &folder::Options,
) -> Result<(Vec<Article>, Vec<records::Rejected>)> {
    if !dir.is_dir() {
        return Err(Error::CorpusNotFound {
            path: dir.to_path_buf(),
            hint: "pass --data DIR naming a folder that holds corpus.toml and the article files, or .txt files"
                .into(),
        });
    }
    let manifest_path = dir.join(MANIFEST);
    if !manifest_path.is_file() {
        if !folder::text_files(dir)?.is_empty() {
            return folder::load(dir, options);
        }
        return Err(Error::CorpusNotFound {
            path: manifest_path,
            hint: "a corpus folder needs .txt files (one article each, metadata in an optional metadata.csv) or a corpus.toml with one [[article]] entry per text file (see README.md)"
                .into(),
        });
    }
    load_manifest(dir, &manifest_path).map(|articles| (articles, Vec::new()))
}

/// Reads a corpus folder's manifest and every article it lists, in manifest order.
fn load_manifest(dir: &Path, manifest_path: &Path) -> Result<Vec<Article>> {
    let manifest_path = manifest_path.to_path_buf();
    let source = read_utf8(&manifest_path)?;
    let manifest: Manifest = toml::from_str(&source).map_err(|e| Error::Manifest {
        path: manifest_path.clone(),
        line: e.span().map(|s| line_of(&source, s.start)),
        message: e.message().trim().to_string(),
    })?;
    if manifest.article.is_empty() {
        return Err(Error::Manifest {
            path: manifest_path,
            line: None,
            message: "no [[article]] entries: add one per article file".into(),
        });
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut articles = Vec::with_capacity(manifest.article.len());
    for spanned in manifest.article {
        let line = line_of(&source, spanned.span().start);
        let entry = spanned.into_inner();
        let bad = |message: String| Error::Manifest {
            path: manifest_path.clone(),
            line: Some(line),
            message,
        };
        if entry.id.trim().is_empty() {
            return Err(bad(
                "article id is empty: give each article a short unique slug".into(),
            ));
        }
        if let Some(first) = seen.insert(entry.id.clone(), line) {
            return Err(bad(format!(
                "duplicate article id {:?} (first used on line {first}): ids must be unique",
                entry.id
            )));
        }
        if !GENRES.contains(&entry.genre.as_str()) {
            return Err(bad(format!(
                "unknown genre {:?} for article {:?}: use one of {}",
                entry.genre,
                entry.id,
                GENRES.join(", ")
            )));
        }
        let path = dir.join(&entry.file);
        if !path.is_file() {
            return Err(Error::Article {
                path,
                message: format!(
                    "file named by article {:?} (corpus.toml line {line}) does not exist: fix `file` or add the file",
                    entry.id
                ),
            });
        }
        let text = read_utf8(&path)?;
        if text.trim().is_empty() {
            return Err(Error::Article {
                path,
                message: format!(
                    "article {:?} is empty: add its text or remove its entry from corpus.toml",
                    entry.id
                ),
            });
        }
        let mut article = article_from_entry(entry, path, text);
        article.line = articles.len() + 1;
        articles.push(article);
    }
    Ok(articles)
}

fn article_from_entry(entry: Entry, path: PathBuf, text: String) -> Article {
    let mut fields = BTreeMap::new();
    fields.insert("id".to_string(), entry.id.clone());
    fields.insert("outlet".to_string(), entry.outlet);
    fields.insert("genre".to_string(), entry.genre);
    fields.insert("published".to_string(), entry.published.unwrap_or_default());
    fields.insert("title".to_string(), entry.title.clone().unwrap_or_default());
    for (key, value) in entry.extra {
        let value = match value {
            toml::Value::String(s) => s,
            other => other.to_string(),
        };
        fields.insert(key, value);
    }
    Article {
        id: entry.id,
        path,
        text,
        title: entry.title,
        standfirst: entry.standfirst,
        fields,
        line: 0,
    }
}

/// Reads a file that must be UTF-8, naming the line of the first invalid byte when it is not.
pub fn read_utf8(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, "cannot read", e))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::Article {
                path: path.to_path_buf(),
                message: format!(
                    "invalid UTF-8 at byte {valid} (line {line}): re-save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"
                ),
            })
        }
    }
}
