//! Importers for dictionary formats researchers already own (LIWC `.dic`, quanteda YAML).
//! Being written; until then these formats are refused with a clear message.

use std::path::Path;

use super::Category;
use crate::error::{Error, Result};

/// Loads a LIWC `.dic` dictionary.
pub fn load_dic(path: &Path) -> Result<Vec<Category>> {
    Err(Error::Lexicon {
        path: path.to_path_buf(),
        line: None,
        message: "LIWC .dic import is not available yet".into(),
    })
}

/// Loads a quanteda YAML dictionary.
pub fn load_yaml(path: &Path) -> Result<Vec<Category>> {
    Err(Error::Lexicon {
        path: path.to_path_buf(),
        line: None,
        message: "YAML dictionary import is not available yet".into(),
    })
}
