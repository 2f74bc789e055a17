//! Domain sentiment layers: valences for a field of reporting, layered over VADER's lexicon.
//!
//! VADER's lexicon was rated for general social-media English, and some of its words mean
//! something else in war reporting ("rebels" is the neutral wire label for armed opposition,
//! not a slight; "cleansing" names a crime, not hygiene). A layer is a folder of `*.tsv` files,
//! one entry per line:
//!
//! ```text
//! # comment lines and blank lines are skipped
//! word<TAB>valence<TAB>comment saying why the entry is there
//! ```
//!
//! The layer never replaces the reference score: [`Vader::polarity_scores`] stays pure
//! vaderSentiment 3.3.2, and the layered score comes from
//! [`Vader::polarity_scores_with`]`(text, Some(layer.valences()))`, so tables can report both.
//!
//! [`Vader::polarity_scores`]: crate::sentiment::Vader::polarity_scores
//! [`Vader::polarity_scores_with`]: crate::sentiment::Vader::polarity_scores_with

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::sentiment::vader::{self, Overlay};

/// The content hash [`DomainLayer::files`] reports, named for a methods section.
pub const HASH_ALGORITHM: &str = "FNV-1a 64";

/// Where one entry came from.
#[derive(Debug, Clone)]
struct Origin {
    /// Index into `DomainLayer::files`.
    file: usize,
    /// 1-based line number.
    line: usize,
    /// The entry's comment.
    comment: String,
}

/// Domain valences layered over VADER's lexicon, loaded from `*.tsv` files
/// (`word<TAB>valence<TAB>comment`).
#[derive(Debug, Clone, Default)]
pub struct DomainLayer {
    /// Lowercase word -> valence, what the scorer takes.
    valences: Overlay,
    /// Lowercase word -> where its entry came from.
    origins: HashMap<String, Origin>,
    /// The files loaded, in load order, with their content hashes.
    files: Vec<(PathBuf, String)>,
}

impl DomainLayer {
    /// A layer with no entries: scores with it equal the pure VADER scores.
    pub fn empty() -> Self {
        Self::default()
    }

    /// Loads every `*.tsv` file in `dir`, in order of file name.
    ///
    /// A word may appear in several files: later files override earlier ones (so
    /// `20_local.tsv` can refine `10_conflict.tsv`), and [`DomainLayer::origin`] then names the
    /// later file. Within one file a word may appear only once. Lines starting with `#` and
    /// blank lines are skipped; every other line needs a word, a valence in −4..4 and a
    /// non-empty comment, separated by tabs. Words are stored lowercase, the key VADER looks
    /// tokens up by; a word that no token can ever produce (it holds whitespace, or
    /// punctuation VADER strips from token ends) is an error.
    pub fn load_dir(dir: &Path) -> Result<DomainLayer> {
        let paths = crate::lexicons::list(dir, |p| p.extension().is_some_and(|x| x == "tsv"))?;

        let mut layer = DomainLayer::empty();
        for path in paths {
            layer.load_file(path)?;
        }
        Ok(layer)
    }

    /// Adds one file's entries, overriding earlier files' entries for the same words.
    fn load_file(&mut self, path: PathBuf) -> Result<()> {
        let bytes = crate::lexicons::read(&path)?;
        let hash = format!("{:016x}", fnv1a64(&bytes));
        let text = String::from_utf8(bytes).map_err(|e| Error::Lexicon {
            path: path.clone(),
            line: Some(crate::error::line_of(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            )),
            message: "not UTF-8 text; save the file as UTF-8".into(),
        })?;
        let file = self.files.len();
        let mut entries: Vec<(String, f64, Origin)> = Vec::new();
        let mut first_line: HashMap<String, usize> = HashMap::new();
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            let raw = if n == 0 {
                raw.trim_start_matches('\u{feff}')
            } else {
                raw
            };
            if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
                continue;
            }
            let error = |message: String| Error::Lexicon {
                path: path.clone(),
                line: Some(line),
                message,
            };
            let (word, valence, comment) = parse_line(raw).map_err(error)?;
            if let Some(&first) = first_line.get(&word) {
                return Err(error(format!(
                    "{word:?} is already defined on line {first} of this file; keep one entry \
                     (words are compared lowercase)"
                )));
            }
            first_line.insert(word.clone(), line);
            entries.push((
                word,
                valence,
                Origin {
                    file,
                    line,
                    comment,
                },
            ));
        }
        for (word, valence, origin) in entries {
            self.valences.insert(word.clone(), valence);
            self.origins.insert(word, origin);
        }
        self.files.push((path, hash));
        Ok(())
    }

    /// Whether the layer has no entries.
    pub fn is_empty(&self) -> bool {
        self.valences.is_empty()
    }

    /// Lowercase word -> valence: what [`Vader::polarity_scores_with`] takes as its overlay.
    ///
    /// [`Vader::polarity_scores_with`]: crate::sentiment::Vader::polarity_scores_with
    pub fn valences(&self) -> &Overlay {
        &self.valences
    }

    /// Where the entry for `word` (any case) came from: file, 1-based line and comment.
    pub fn origin(&self, word: &str) -> Option<(&Path, usize, &str)> {
        let origin = self.origins.get(&word.to_lowercase())?;
        let (path, _) = &self.files[origin.file];
        Some((path.as_path(), origin.line, origin.comment.as_str()))
    }

    /// The files loaded, in load order, each with the hex [`HASH_ALGORITHM`] hash of its
    /// bytes, for the report's methods section.
    pub fn files(&self) -> Vec<(PathBuf, String)> {
        self.files.clone()
    }

    /// Whether `text` contains a token that has an entry in this layer, with VADER's own
    /// tokenisation and key rules (emoji replaced, punctuation stripped from token ends,
    /// lowercased). Only then can the layered score differ from the pure VADER score.
    pub fn touches(&self, text: &str) -> bool {
        !self.is_empty() && vader::any_lookup_key(text, |key| self.valences.contains_key(key))
    }
}

/// Splits and checks one entry line: (lowercase word, valence, comment), or what is wrong.
fn parse_line(raw: &str) -> std::result::Result<(String, f64, String), String> {
    let fields: Vec<&str> = raw.split('\t').collect();
    let &[word, valence, comment] = fields.as_slice() else {
        return Err(if fields.len() < 3 {
            format!(
                "expected 3 tab-separated fields (word, valence, comment), found {}; every entry \
                 needs a comment saying why it is there (separate the fields with tabs, not spaces)",
                fields.len()
            )
        } else {
            format!(
                "expected 3 tab-separated fields (word, valence, comment), found {}; remove the \
                 tabs inside the comment",
                fields.len()
            )
        });
    };
    let (word, valence, comment) = (word.trim(), valence.trim(), comment.trim());
    if word.is_empty() {
        return Err("the word is empty; put the word before the first tab".into());
    }
    let Some(key) = vader::lookup_key(word) else {
        return Err(format!(
            "{word:?} can never match: VADER looks up single whitespace-free tokens with \
             punctuation stripped from their ends; write the bare word"
        ));
    };
    let value: f64 = match valence.parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        _ => {
            return Err(format!(
                "valence {valence:?} is not a number; write a decimal such as -1.5"
            ))
        }
    };
    if !(-4.0..=4.0).contains(&value) {
        return Err(format!(
            "valence {value} is outside VADER's scale -4..4; rescale it into that range"
        ));
    }
    if comment.is_empty() {
        return Err(
            "the comment is empty; every entry must say why it is there (what VADER gives, \
             what the word means in this domain)"
                .into(),
        );
    }
    Ok((key, value, comment.to_string()))
}

/// 64-bit FNV-1a of `bytes`.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn parse_line_accepts_and_lowercases() {
        assert_eq!(
            parse_line("Rebels\t0\twire label").unwrap(),
            ("rebels".to_string(), 0.0, "wire label".to_string())
        );
        assert!(parse_line("rebels\t0").is_err());
        assert!(parse_line("rebels\t0\t ").is_err());
        assert!(parse_line("rebels.\t0\tx").is_err());
        assert!(parse_line("two words\t0\tx").is_err());
        assert!(parse_line("x\tNaN\ty").is_err());
        assert!(parse_line("x\t4.5\ty").is_err());
        // Short tokens keep their punctuation in VADER (emoticons), so they are valid keys.
        assert!(parse_line(":)\t2\temoticon").is_ok());
    }
}
