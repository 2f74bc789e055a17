//! Writing a run's output safely: everything goes into a staging directory beside the target, which
//! takes the target's place only when the whole run has succeeded.
//!
//! The tool only ever replaces a directory it made itself (one holding its [`MARKER`] file) or an empty one,
//! so `--out ~` by mistake is refused instead of deleting a home directory.
//!
//! A run may be killed at any moment, so the path of the output always holds one complete output:
//! - On Linux the staging directory and the old output swap places in one atomic rename
//!   (`renameat2` with `RENAME_EXCHANGE`); the old output, now under the staging name, is removed after.
//! - Where the system cannot swap, the old output is first renamed aside (`.NAME.old-PID`) and the new
//!   one renamed into place. A kill between the two leaves the path empty for a moment; the next run
//!   puts the stranded previous output back before it starts.
//! - Every run removes what killed runs left beside the target (`.NAME.tmp-PID`, `.NAME.old-PID` of a
//!   process that no longer exists).
//! - Two runs never write the same target at once: a run holds a lock on `.NAME.lock` in the target's
//!   parent from [`Staging::prepare`] to the end (and removes the file then), and a second run stops
//!   with a message naming the lock. The system releases the lock when its holder dies, however it
//!   dies; the file a killed run leaves is only locked again by the next run.

use std::fs::File;
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
    /// Held for the life of the staging: no other run writes the same target meanwhile.
    _lock: Lock,
}

fn output_err(path: &Path, message: impl Into<String>) -> Error {
    Error::Output {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

/// Names of the files a run puts beside a target called `name`.
struct Siblings<'a> {
    name: &'a str,
}

impl Siblings<'_> {
    fn staging(&self, pid: u32) -> String {
        format!(".{}.tmp-{pid}", self.name)
    }
    fn old(&self, pid: u32) -> String {
        format!(".{}.old-{pid}", self.name)
    }
    fn lock(&self) -> String {
        format!(".{}.lock", self.name)
    }
    /// The process id in a staging or old-output name of this target, and whether it is an old output.
    fn parse(&self, file_name: &str) -> Option<(u32, bool)> {
        let rest = file_name.strip_prefix('.')?.strip_prefix(self.name)?;
        let (old, pid) = if let Some(pid) = rest.strip_prefix(".old-") {
            (true, pid)
        } else {
            (false, rest.strip_prefix(".tmp-")?)
        };
        pid.parse().ok().map(|pid| (pid, old))
    }
}

/// Whether process `pid` may still be running. Where this cannot be known, a process counts as
/// alive, so that nothing of a live run is touched.
fn alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        Path::new("/proc").join(pid.to_string()).exists()
    }
    #[cfg(not(target_os = "linux"))]
    {
        true
    }
}

impl Staging {
    /// Checks that `target` may be written, takes its lock, tidies what killed runs left beside it and
    /// creates the staging directory.
    pub fn prepare(target: &Path) -> Result<Staging> {
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
        let names = Siblings { name: &name };
        let lock = take_lock(&parent.join(names.lock()), target)?;
        recover(&parent, target, &names)?;
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
        let dir = parent.join(names.staging(std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| unwritable(&dir, e))?;
        }
        std::fs::create_dir(&dir).map_err(|e| unwritable(&parent, e))?;
        Ok(Staging {
            target: target.to_path_buf(),
            dir,
            committed: false,
            _lock: lock,
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
        if self.target.exists() && exchange(&self.dir, &self.target).is_ok() {
            // The staging path now holds the previous output.
            self.committed = true;
            std::fs::remove_dir_all(&self.dir)
                .map_err(|e| Error::io(&self.dir, "cannot remove previous output", e))?;
            return Ok(self.target.clone());
        }
        let name = self
            .target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = self
            .dir
            .with_file_name(Siblings { name: &name }.old(std::process::id()));
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

/// An output's lock: the locked file, removed when the run ends.
#[derive(Debug)]
struct Lock {
    file: File,
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked: a run that opened it meanwhile finds, once it holds the lock,
        // that the path names another file (or none), and takes the lock again (see `take_lock`).
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `file` is still the file at `path` (not removed, or replaced, by the run that held it).
fn still_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// Opens and locks `path` for the run writing `target`; another run holding it is an error.
fn take_lock(path: &Path, target: &Path) -> Result<Lock> {
    loop {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| unwritable(path, e))?;
        match file.try_lock() {
            Ok(()) if still_at(&file, path) => {
                return Ok(Lock {
                    file,
                    path: path.to_path_buf(),
                })
            }
            // The holder ended and removed it between our open and our lock: open it afresh.
            Ok(()) => continue,
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(output_err(
                    target,
                    format!(
                        "another framing run is writing this output (it holds {}): wait for it to finish, or choose another --out",
                        path.display()
                    ),
                ))
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(unwritable(path, e)),
        }
    }
}

/// Puts back a previous output stranded beside `target` by a run killed between its two renames, and
/// removes the staging directories and old outputs of runs that no longer exist.
fn recover(parent: &Path, target: &Path, names: &Siblings) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return Ok(());
    };
    let mut stranded = Vec::new();
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some((pid, old)) = file_name.to_str().and_then(|n| names.parse(n)) else {
            continue;
        };
        if alive(pid) {
            continue;
        }
        if old {
            stranded.push(entry.path());
        } else {
            std::fs::remove_dir_all(entry.path()).map_err(|e| unwritable(&entry.path(), e))?;
        }
    }
    // At most one run at a time holds the lock, so at most one old output is ever stranded; any
    // other is removed.
    stranded.sort();
    for old in stranded {
        if !target.exists() && old.join(MARKER).is_file() {
            std::fs::rename(&old, target).map_err(|e| unwritable(target, e))?;
        } else {
            std::fs::remove_dir_all(&old).map_err(|e| unwritable(&old, e))?;
        }
    }
    Ok(())
}

/// Swaps two paths in one step.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Where the system has no atomic swap, the caller falls back to two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

fn unwritable(path: &Path, e: std::io::Error) -> Error {
    output_err(
        path,
        format!("cannot write ({e}): check permissions or choose another --out"),
    )
}
