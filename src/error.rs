//! The library's error type: every way user-supplied input or the environment can make a run fail.
//!
//! Each variant names the file (and line, where one applies), says what is wrong and how to fix it, so the
//! command line can print it as is. Nothing in the library panics on user input; it returns one of these.

use std::path::PathBuf;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a run, phrased for the person who has to fix it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("{path}: {action}: {source}")]
    Io {
        /// The path involved.
        path: PathBuf,
        /// What the tool was doing, e.g. "cannot read".
        action: &'static str,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// The corpus directory or its manifest does not exist.
    #[error("{path}: corpus not found; {hint}")]
    CorpusNotFound {
        /// The missing path.
        path: PathBuf,
        /// How to fix it.
        hint: String,
    },
    /// The corpus manifest is malformed or inconsistent.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Manifest {
        /// The manifest file.
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// An article's text cannot be used.
    #[error("{path}: {message}")]
    Article {
        /// The article file.
        path: PathBuf,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A lexicon file is malformed.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Lexicon {
        /// The lexicon file.
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The output location cannot be used.
    #[error("{path}: {message}")]
    Output {
        /// The output directory.
        path: PathBuf,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// Building or writing a table failed.
    #[error("table {table}: {source}")]
    Table {
        /// Which table.
        table: String,
        /// The underlying polars error.
        #[source]
        source: polars::error::PolarsError,
    },
    /// Drawing a chart failed.
    #[error("chart {chart}: {message}")]
    Chart {
        /// Which chart.
        chart: String,
        /// The drawing backend's message.
        message: String,
    },
    /// A coding sheet or coding sample cannot be used.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Coding {
        /// The sheet, or the sample's `sample.json`.
        path: PathBuf,
        /// 1-based line of the problem, when known.
        line: Option<usize>,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A line of JSON input (for `score` or `segment`) is malformed.
    #[error("{source_name}:{line}: {message}")]
    Input {
        /// File name, or "stdin".
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong and how to fix it.
        message: String,
    },
}

impl Error {
    /// A file of the output that could not be written whole: names it, gives the cause once (polars
    /// repeats the operating system's words at every level of its error) and, since the usual cause is
    /// a full disk or a file-size limit, says so.
    pub fn write_failed(path: impl Into<PathBuf>, cause: impl std::fmt::Display) -> Self {
        let cause = cause.to_string();
        let mut parts: Vec<&str> = Vec::new();
        for part in cause.split(": ") {
            if parts.last() != Some(&part) {
                parts.push(part);
            }
        }
        Error::Output {
            path: path.into(),
            message: format!(
                "cannot write ({}): if the disk is full or a file-size limit was reached, free space or choose another --out",
                parts.join(": ")
            ),
        }
    }

    /// Wraps an I/O error with the path and the action that failed.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            action,
            source,
        }
    }
}

/// 1-based line number of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
