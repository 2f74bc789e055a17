//! A folder of plain `.txt` files with no `corpus.toml`, as a newcomer has one: one article per file,
//! as R's readtext reads them.
//!
//! - The id is the file's stem; the title its first line, when that line is short and unpunctuated
//!   (then the segmenter takes it for the headline). A `title` column in `metadata.csv` says it as the
//!   manifest's key does (empty: the first line is no headline), and a `standfirst` column (true or
//!   false) as the manifest's key does.
//! - Metadata comes from an optional `metadata.csv` beside the texts (an `id` or a `file` column, plus
//!   any fields), or from the file names: `name_fields = [outlet, date, id]` splits
//!   `bbc_2020-01-03_x1.txt` on `_`. Both may be used; the CSV wins where they disagree.
//! - A file that is not UTF-8, or is empty, is left out and reported (with its name) as a corpus
//!   record is: in `rejects.csv`, numbered by its position in file-name order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::records::{RejectScope, Rejected};
use super::Article;
use crate::error::{Error, Result};

/// The optional metadata file of a text folder.
pub const METADATA: &str = "metadata.csv";

/// Longest first line taken for a title, in characters and in words.
const TITLE_CHARS: usize = 150;
const TITLE_WORDS: usize = 20;

/// How a folder of `.txt` files is read.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The fields a file's stem holds, split on `_` (`["outlet", "date", "id"]`); `id` among them
    /// sets the id. Empty: the stem is the id.
    pub name_fields: Vec<String>,
}

/// The `.txt` files directly in `dir`, sorted by name.
pub fn text_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, "cannot read folder", e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    Ok(files)
}

/// The title a text's first line gives: short, with more text after it, and not ending like a
/// sentence or a clause.
fn title_of(text: &str) -> Option<String> {
    let trimmed = text.trim_start();
    let (first, rest) = trimmed.split_once('\n')?;
    let first = first.trim();
    let short =
        first.chars().count() <= TITLE_CHARS && first.split_whitespace().count() <= TITLE_WORDS;
    let unpunctuated = !first.ends_with(['.', '!', '?', ':', ';', ',']);
    (!first.is_empty() && short && unpunctuated && !rest.trim().is_empty())
        .then(|| first.to_string())
}

/// The rows of `metadata.csv` by the `id` or `file` they name: each row's line and fields.
type MetadataRows = BTreeMap<String, (usize, BTreeMap<String, String>)>;

/// `metadata.csv`: its rows, with the name of the column they are keyed by (`id` or `file`).
fn read_metadata(path: &Path) -> Result<(String, MetadataRows)> {
    use polars::prelude::*;
    let bad = |message: String| Error::Manifest {
        path: path.to_path_buf(),
        line: None,
        message,
    };
    let df = super::records::read_text_csv(path).map_err(|e| {
        bad(format!(
            "cannot read the table ({e}): give a CSV file with a header row"
        ))
    })?;
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let key = ["id", "file"]
        .into_iter()
        .find(|k| names.iter().any(|n| n == k))
        .ok_or_else(|| {
            bad(format!(
                "has no `id` or `file` column (it has {}): name each row's text by its id (the file name without .txt) or its file name",
                names.join(", ")
            ))
        })?;
    let mut columns = Vec::new();
    for name in &names {
        let c = df
            .column(name)
            .and_then(|c| c.cast(&DataType::String))
            .map_err(|e| bad(e.to_string()))?;
        let values: Vec<String> = c
            .str()
            .map_err(|e| bad(e.to_string()))?
            .iter()
            .map(|v| v.unwrap_or("").to_string())
            .collect();
        columns.push((name.clone(), values));
    }
    let key_column = names.iter().position(|n| n == key).unwrap_or(0);
    let mut rows = BTreeMap::new();
    for row in 0..df.height() {
        let line = row + 2;
        let k = columns[key_column].1[row].trim().to_string();
        if k.is_empty() {
            return Err(Error::Manifest {
                path: path.to_path_buf(),
                line: Some(line),
                message: format!("empty `{key}`: every row names the text it describes"),
            });
        }
        let fields = columns
            .iter()
            .filter(|(name, _)| name != key)
            .map(|(name, values)| (name.clone(), values[row].clone()))
            .collect();
        if let Some((first, _)) = rows.insert(k.clone(), (line, fields)) {
            return Err(Error::Manifest {
                path: path.to_path_buf(),
                line: Some(line),
                message: format!("`{key}` {k:?} is also on line {first}: describe each text once"),
            });
        }
    }
    Ok((key.to_string(), rows))
}

/// Reads the `.txt` files of `dir` (there is no manifest) into articles, and the files left out.
pub fn load(dir: &Path, options: &Options) -> Result<(Vec<Article>, Vec<Rejected>)> {
    let files = text_files(dir)?;
    let metadata_path = dir.join(METADATA);
    let (key, mut metadata) = if metadata_path.is_file() {
        read_metadata(&metadata_path)?
    } else {
        (String::new(), BTreeMap::new())
    };
    let mut articles = Vec::with_capacity(files.len());
    let mut rejected = Vec::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (k, path) in files.iter().enumerate() {
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = path
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut fields = BTreeMap::new();
        let mut id = stem.clone();
        if !options.name_fields.is_empty() {
            let parts: Vec<&str> = stem.split('_').collect();
            if parts.len() != options.name_fields.len() {
                return Err(Error::Article {
                    path: path.clone(),
                    message: format!(
                        "the name has {} parts split on `_`, but --name-fields names {} ({}): rename the file or change --name-fields",
                        parts.len(),
                        options.name_fields.len(),
                        options.name_fields.join(",")
                    ),
                });
            }
            for (name, value) in options.name_fields.iter().zip(parts) {
                if name == "id" {
                    id = value.to_string();
                }
                fields.insert(name.clone(), value.to_string());
            }
        }
        let row = match key.as_str() {
            "id" => metadata.remove(&id),
            "file" => metadata.remove(&file),
            _ => None,
        };
        if let Some((_, row)) = row {
            fields.extend(row);
        }
        if let Some(first) = seen.insert(id.clone(), path.clone()) {
            return Err(Error::Article {
                path: path.clone(),
                message: format!(
                    "its id {id:?} is also that of {}: ids must be unique (check --name-fields)",
                    first.display()
                ),
            });
        }
        let line = k + 1;
        let reject = |reason: String| Rejected {
            line,
            id: Some(id.clone()),
            reason,
            scope: RejectScope::Analysis,
        };
        let text = match super::read_utf8(path) {
            Ok(text) => text,
            Err(e) => {
                // The error names the file already.
                rejected.push(reject(e.to_string()));
                continue;
            }
        };
        if text.trim().is_empty() {
            rejected.push(reject(format!("{file}: empty")));
            continue;
        }
        // A `title` column says what the manifest's key says (empty: the first line is no headline);
        // without one, a short unpunctuated first line is taken for the title.
        let title = match fields.get("title") {
            Some(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
            None => title_of(&text),
        };
        // Like the manifest's, the key tells the segmenter about the text; it is no field to group by.
        let standfirst = fields.remove("standfirst").is_some_and(|v| {
            matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "yes" | "1")
        });
        fields.insert("id".into(), id.clone());
        fields.insert("title".into(), title.clone().unwrap_or_default());
        articles.push(Article {
            id,
            path: path.clone(),
            text,
            title,
            standfirst,
            fields,
            line,
        });
    }
    // A row that describes no file is a typo to fix, not metadata to drop unseen.
    if let Some((name, (line, _))) = metadata.into_iter().next() {
        return Err(Error::Manifest {
            path: metadata_path,
            line: Some(line),
            message: format!(
                "`{key}` {name:?} names no .txt file in the folder: fix it or remove the row"
            ),
        });
    }
    Ok((articles, rejected))
}
