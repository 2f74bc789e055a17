//! Lexicon sets by name: the sets shipped in `lexicons/` are built into the binary, so `framing` runs from
//! any directory after `cargo install`, and a folder of the user's own files is read from disk.
//!
//! A set is addressed by a path. A folder that exists is read from disk; otherwise a built-in set answers,
//! either by its bare name (`generic`) or as `lexicons/NAME`, the commands' defaults, when no such folder
//! exists (outside a checkout). Built-in files carry the virtual path `built-in:SET/FILE`, which error
//! messages and the run manifest show, so a reader always knows which copy a run used. The loaders list
//! and read files only through [`list`] and [`read`], which is all a virtual folder needs.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

include!(concat!(env!("OUT_DIR"), "/built_in_lexicons.rs"));

/// Prefix of the virtual paths of built-in sets and their files.
pub const BUILT_IN: &str = "built-in:";

/// Names of the built-in sets, sorted.
pub fn sets() -> Vec<&'static str> {
    let mut names: Vec<&str> = FILES.iter().map(|(set, _, _)| *set).collect();
    names.dedup();
    names
}

/// The built-in set a virtual path names (`built-in:generic` or `built-in:generic/FILE`), if any.
fn built_in_set(path: &Path) -> Option<&str> {
    let rest = path.to_str()?.strip_prefix(BUILT_IN)?;
    Some(rest.split('/').next().unwrap_or(rest))
}

/// Whether `path` is a built-in set or file rather than something on disk.
pub fn is_built_in(path: &Path) -> bool {
    built_in_set(path).is_some()
}

/// The virtual folder of built-in set `name`.
pub fn built_in_dir(name: &str) -> PathBuf {
    PathBuf::from(format!("{BUILT_IN}{name}"))
}

/// Resolves a `--lexicons` argument to a folder on disk or a built-in set's virtual folder. A folder that
/// exists wins over a built-in set of the same name.
pub fn resolve(arg: &Path) -> Result<PathBuf> {
    if arg.is_dir() || built_in_set(arg).is_some_and(|s| sets().contains(&s)) {
        return Ok(arg.to_path_buf());
    }
    let names = sets();
    let bare = arg.to_str().filter(|s| names.contains(s));
    let in_lexicons = (arg.parent() == Some(Path::new("lexicons")))
        .then(|| arg.file_name().and_then(|n| n.to_str()))
        .flatten()
        .filter(|s| names.contains(s));
    match bare.or(in_lexicons) {
        Some(name) => Ok(built_in_dir(name)),
        None => Err(Error::Lexicon {
            path: arg.to_path_buf(),
            line: None,
            message: format!(
                "no such folder, and not a built-in lexicon set: name a folder of category files, or one of {} (`framing lexicon list` shows them)",
                names.join(", ")
            ),
        }),
    }
}

/// The files of a folder (on disk or built in) that `keep` accepts, sorted by path.
pub fn list(dir: &Path, keep: impl Fn(&Path) -> bool) -> Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = match built_in_set(dir) {
        Some(set) => FILES
            .iter()
            .filter(|(s, _, _)| *s == set)
            .map(|(s, name, _)| PathBuf::from(format!("{BUILT_IN}{s}/{name}")))
            .collect(),
        None => {
            let entries = std::fs::read_dir(dir)
                .map_err(|e| Error::io(dir, "cannot read lexicon directory", e))?;
            let mut paths = Vec::new();
            for entry in entries {
                let entry =
                    entry.map_err(|e| Error::io(dir, "cannot list lexicon directory", e))?;
                let path = entry.path();
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                if path.is_file() && !hidden {
                    paths.push(path);
                }
            }
            paths
        }
    };
    paths.retain(|p| keep(p));
    paths.sort();
    Ok(paths)
}

/// The bytes of a lexicon file, on disk or built in.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    if built_in_set(path).is_some() {
        let wanted = path.to_str().unwrap_or_default();
        return FILES
            .iter()
            .find(|(s, name, _)| wanted == format!("{BUILT_IN}{s}/{name}"))
            .map(|(_, _, bytes)| bytes.to_vec())
            .ok_or_else(|| {
                Error::io(
                    path,
                    "cannot read",
                    std::io::Error::from(std::io::ErrorKind::NotFound),
                )
            });
    }
    std::fs::read(path).map_err(|e| Error::io(path, "cannot read", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_sets_are_built_in() {
        let names = sets();
        for set in ["frames", "generic", "policy", "sentiment"] {
            assert!(names.contains(&set), "{set} missing from {names:?}");
        }
        let files = list(&built_in_dir("frames"), |_| true).unwrap();
        assert!(files.iter().any(|p| p.ends_with("humanitarian.toml")));
        let text = read(&files[0]).unwrap();
        assert!(!text.is_empty());
    }

    #[test]
    fn resolution_prefers_folders_and_names_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(resolve(dir.path()).unwrap(), dir.path());
        assert_eq!(
            resolve(Path::new("generic")).unwrap(),
            built_in_dir("generic")
        );
        assert_eq!(
            resolve(&built_in_dir("policy")).unwrap(),
            built_in_dir("policy")
        );
        let missing = dir.path().join("nope");
        let message = resolve(&missing).unwrap_err().to_string();
        assert!(message.contains("not a built-in lexicon set"), "{message}");
        assert!(message.contains("generic"), "{message}");
    }
}
