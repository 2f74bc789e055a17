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

/// The native TOML text of a category.
pub fn to_toml(category: &Category) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = format!(
        "name = {}\ndefinition = {}\n",
        quote(&category.name),
        quote(&category.definition)
    );
    if let Some(parent) = &category.parent {
        out.push_str(&format!("parent = {}\n", quote(parent)));
    }
    out.push_str("terms = [\n");
    for term in &category.terms {
        out.push_str(&format!("  {},\n", quote(&term.text)));
    }
    out.push_str("]\n");
    out
}
