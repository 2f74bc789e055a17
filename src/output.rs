//! Writing a run's output safely: everything goes into a staging directory beside the target, which is
//! renamed over the target only when the whole run has succeeded.
//!
//! The tool only ever replaces a directory it made itself (one holding its [`MARKER`] file) or an empty one,
//! so `--out ~` by mistake is refused instead of deleting a home directory.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// File the tool writes into every output directory it creates, and requires before replacing one.
pub const MARKER: &str = ".framing-output";

/// A staging directory that becomes the output directory on [`Staging::commit`], and is removed if dropped
/// uncommitted (a failed run leaves the previous output whole).
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
}

fn output_err(path: &Path, message: impl Into<String>) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

impl Staging {
    /// Checks that `target` may be written and creates the staging directory beside it.
    pub fn prepare(target: &Path) -> Result<Staging> {
        if target.exists() {
            if !target.is_dir() {
                return Err(output_err(
                    target,
                    "exists and is not a directory: choose another --out",
                ));
            }
            let mut entries = std::fs::read_dir(target)
                .map_err(|e| Error::io(target, "cannot read output directory", e))?;
            let empty = entries.next().is_none();
            if !empty && !target.join(MARKER).is_file() {
                return Err(output_err(
                    target,
                    format!(
                        "exists, is not empty and was not written by framing (no {MARKER} file): refusing to replace it; choose an empty or new --out"
                    ),
                ));
            }
        }
        let name = target
            .file_name()
            .ok_or_else(|| output_err(target, "names no directory: choose a path such as output/"))?
            .to_string_lossy()
            .into_owned();
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| unwritable(&parent, e))?;
        let dir = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| unwritable(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| unwritable(&parent, e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
        })
    }

    /// The staging directory to write into.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Marks the staging directory as the tool's and moves it over the target, replacing the old output.
    pub fn commit(mut self) -> Result<PathBuf> {
        let marker = self.dir.join(MARKER);
        std::fs::write(
            &marker,
            concat!("written by framing ", env!("CARGO_PKG_VERSION"), "\n"),
        )
        .map_err(|e| unwritable(&marker, e))?;
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old).map_err(|e| unwritable(&self.target, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                // Put the previous output back so that nothing is lost.
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(unwritable(&self.target, e));
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(&old)
                .map_err(|e| Error::io(&old, "cannot remove previous output", e))?;
        }
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn unwritable(path: &Path, e: std::io::Error) -> Error {
    output_err(
        path,
        format!("cannot write ({e}): check permissions or choose another --out"),
    )
}
